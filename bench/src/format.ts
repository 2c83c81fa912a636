/** Plain-text table and number formatting for the console report. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const int = (n: number) => Math.round(n).toLocaleString('en-GB');
export const ms = (n: number) =>
  n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n).toLocaleString('en-GB')} ms`;
export const ratio = (n: number) => `${n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1)}x`;
export const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
export const mb = (n: number) => `${n.toFixed(0)} MB`;
