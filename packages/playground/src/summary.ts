/**
 * The terminal summary: one frame redrawn in place (log-update), with per-storefront counts and a bar
 * for the first full stock sync. Plain text rendering is kept separate so it can be tested.
 */

import type { HostUrl } from './hosts/types.js';
import type { PlatformCounts } from './stack.js';

const LABEL = { shopify: 'Shopify', woocommerce: 'WooCommerce', magento: 'Adobe Commerce' } as const;

export function bar(done: number, total: number, width = 20): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`;
}

/** What a newcomer does with `--fresh`: each tenant is empty until its app's setup wizard is walked. */
export function freshHint(primaWsdlUrl: string): string {
  return [
    'Fresh start (--fresh): no storefront is onboarded yet. Open each app screen above and walk its setup',
    `wizard: connect Prima at ${primaWsdlUrl} (prices include VAT), read the catalogues, map the`,
    'products (fix the old SKU OXFORD-BLACK-8 in place: it is Prima item ETOS / G / 080; LOOKBOOK is not in',
    'Prima and may stay unmapped), map shipping, payment and locations, preview the stock push and switch',
    'sync on. Orders start on a storefront once it is switched on.',
  ].join('\n');
}

export function urlTable(urls: HostUrl[]): string {
  const w = Math.max(...urls.map((u) => u.name.length));
  return urls.map((u) => `  ${u.name.padEnd(w)}  ${u.url}${u.note ? `  (${u.note})` : ''}`).join('\n');
}

export function renderSummary(
  counts: PlatformCounts[],
  extra: { elapsedS: number; rate: number; traffic: boolean; released: number; dispatched: number },
): string {
  const head = `  ${'storefront'.padEnd(15)} ${'placed'.padStart(7)} ${'posted'.padStart(7)} ${'exceptions'.padStart(10)} ${'stock pushes'.padStart(12)}  first stock sync`;
  const rows = counts.map(
    (c) =>
      `  ${LABEL[c.platform].padEnd(15)} ${String(c.placed).padStart(7)} ${String(c.posted).padStart(7)} ${String(c.openExceptions).padStart(10)} ${String(c.stockCalls).padStart(12)}  ${bar(c.stockSynced, c.variants)}`,
  );
  const traffic = extra.traffic ? `traffic ${extra.rate}/min per storefront` : 'traffic off';
  return [
    `Prima Connect playground: ${Math.floor(extra.elapsedS)} s, ${traffic}; warehouse released ${extra.released}, dispatched ${extra.dispatched}`,
    head,
    ...rows,
    '  Ctrl-C stops everything.',
  ].join('\n');
}
