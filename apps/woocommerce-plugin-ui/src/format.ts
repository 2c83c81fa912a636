import { __, sprintf } from '@wordpress/i18n';

/** "3 min ago" style ages for freshness figures; null means never. */
export function age(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return __('never', 'prima-connect');
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 60) return sprintf(__('%d s ago', 'prima-connect'), s);
  if (s < 3600) return sprintf(__('%d min ago', 'prima-connect'), Math.round(s / 60));
  if (s < 86400) return sprintf(__('%d h ago', 'prima-connect'), Math.round(s / 3600));
  return sprintf(__('%d days ago', 'prima-connect'), Math.round(s / 86400));
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** "ETOS / G / 080" for an item reference, skipping unused matrix levels. */
export function itemText(item: { product: string; matrix: string[] } | null | undefined): string {
  if (!item) return '';
  return [item.product, ...item.matrix.filter((m) => m !== '')].join(' / ');
}

/**
 * An amount in minor units as the shop's currency, for display only (figures stay integers everywhere
 * else). The currency's own number of decimals comes from Intl, so JPY has none and BHD three.
 */
export function money(minor: number, currency: string): string {
  const locale = typeof document !== 'undefined' ? document.documentElement.lang || undefined : undefined;
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return fmt.format(minor / 10 ** (fmt.resolvedOptions().maximumFractionDigits ?? 2));
}
