/** Money arrives in minor units; shown with the currency, never through floating-point sums. */
export function money(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${currency} ${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function ago(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

export const STATE_LABEL: Record<
  string,
  { label: string; variant: 'positive' | 'notice' | 'negative' | 'neutral' | 'info' }
> = {
  received: { label: 'Waiting', variant: 'neutral' },
  posting: { label: 'Sending', variant: 'info' },
  posted: { label: 'In Prima', variant: 'positive' },
  exception: { label: 'Needs attention', variant: 'negative' },
  cancelled: { label: 'Cancelled', variant: 'neutral' },
  unknown: { label: 'Not sent', variant: 'notice' },
};
