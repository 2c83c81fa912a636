/**
 * The kinds of order a real shop sees, described once, platform-neutral. Each storefront driver turns a
 * scenario into that platform's own checkout (its emulator computes totals and tax its own way, as the
 * real platform would); the engine then has to carry that total into Prima exactly.
 */
import { DEMO_BUNDLES } from '@prima-connect/prima-sandbox';
import { priceOf, sellableSkus, UNMAPPED_SKU } from '../catalogue.js';

export const SCENARIO_NAMES = [
  'variant',
  'multi-line-discount',
  'bundle',
  'vat-inclusive',
  'penny-rounding',
  'unmapped-sku',
  'cancelled-later',
  'partial-refund',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioLine {
  sku: string;
  quantity: number;
  /** VAT-inclusive unit price, minor units. */
  unitPriceMinor: number;
}

export interface OrderScenario {
  name: ScenarioName;
  lines: ScenarioLine[];
  /** A percentage off every line (a coupon), or 0. */
  discountPercent: number;
  shipping: { kind: 'paid' | 'free'; amountMinor: number };
  /** What the generator does to the order once it is in Prima. */
  followUp?: 'cancel' | 'refund-one-line';
}

/** UK VAT at 20 %, inside a VAT-inclusive amount, rounded half up to the penny. */
export function vatIn(grossMinor: number): number {
  return Math.round((grossMinor * 20) / 120);
}

export function discountOf(line: ScenarioLine, percent: number): number {
  return Math.round((line.unitPriceMinor * line.quantity * percent) / 100);
}

const PAID_SHIPPING = 495;

/** Deterministic from `n`, so a run is reproducible: the n-th order of a storefront is always the same. */
export function scenarioFor(name: ScenarioName, n: number): OrderScenario {
  const skus = sellableSkus();
  const pick = (k: number) => {
    const s = skus[(n * 7 + k * 13) % skus.length];
    if (!s) throw new Error('the demo catalogue has no sellable SKUs');
    return s;
  };
  const line = (k: number, quantity = 1): ScenarioLine => ({
    sku: pick(k).sku,
    quantity,
    unitPriceMinor: pick(k).priceMinor,
  });
  const paid = { kind: 'paid' as const, amountMinor: PAID_SHIPPING };
  const free = { kind: 'free' as const, amountMinor: 0 };
  switch (name) {
    case 'variant':
      return { name, lines: [line(0)], discountPercent: 0, shipping: paid };
    case 'multi-line-discount':
      return { name, lines: [line(0), line(1, 2), line(2)], discountPercent: 10, shipping: free };
    case 'bundle': {
      const kit = DEMO_BUNDLES[n % DEMO_BUNDLES.length];
      if (!kit) throw new Error('the demo catalogue has no bundles');
      return {
        name,
        lines: [{ sku: kit.sku, quantity: 1, unitPriceMinor: priceOf(kit.sku) }, line(3)],
        discountPercent: 0,
        shipping: paid,
      };
    }
    case 'vat-inclusive':
      return { name, lines: [line(4, 2), line(5)], discountPercent: 0, shipping: paid };
    case 'penny-rounding':
      // 3 x 33.33 less 15 %: 14.9985 off, so every split of tax and discount leaves a stray penny somewhere.
      return {
        name,
        lines: [
          { ...line(6, 3), unitPriceMinor: 3333 },
          { ...line(7), unitPriceMinor: 1999 },
        ],
        discountPercent: 15,
        shipping: free,
      };
    case 'unmapped-sku':
      return {
        name,
        lines: [line(8), { sku: UNMAPPED_SKU, quantity: 1, unitPriceMinor: priceOf(UNMAPPED_SKU) }],
        discountPercent: 0,
        shipping: paid,
      };
    case 'cancelled-later':
      return { name, lines: [line(9)], discountPercent: 0, shipping: paid, followUp: 'cancel' };
    case 'partial-refund':
      return {
        name,
        lines: [line(10), line(11)],
        discountPercent: 0,
        shipping: paid,
        followUp: 'refund-one-line',
      };
  }
}

/** The order mix of a long run: mostly plain orders, each special case now and then. */
export const TRAFFIC_MIX: readonly ScenarioName[] = [
  'variant',
  'multi-line-discount',
  'variant',
  'bundle',
  'vat-inclusive',
  'variant',
  'penny-rounding',
  'multi-line-discount',
  'unmapped-sku',
  'variant',
  'cancelled-later',
  'partial-refund',
];
