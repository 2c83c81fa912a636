/**
 * What every emulated storefront sells: the sandbox's demo catalogue (stock items), its two bundles,
 * and one product Prima has never heard of, left unmapped on purpose for the exception scenario.
 */
import type { ItemRef, SkuMapping } from '@prima-connect/prima-core';
import { DEMO_BUNDLES, DEMO_CATALOGUE } from '@prima-connect/prima-sandbox';

/** No separator, so the pattern rule cannot resolve it, and no explicit mapping: an unmapped_sku exception. */
export const UNMAPPED_SKU = 'LOOKBOOK';
export const UNMAPPED_PRICE_MINOR = 1500;

/**
 * Fresh mode only (Shopify, Adobe Commerce): a shoe still listed under an old SKU that no rule can read, so the
 * setup wizard shows it as unmapped and the merchandiser fixes it in place (it is Prima's ETOS / G / 080).
 */
export const LEGACY_VARIANT = {
  sku: 'OXFORD-BLACK-8',
  title: 'Etos oxford, black, size 8 (old SKU)',
  item: { product: 'ETOS', matrix: ['G', '080'] },
} as const;

export interface StorefrontProduct {
  /** Groups variants into one storefront product (the Prima style code). */
  group: string;
  sku: string;
  title: string;
  priceMinor: number;
}

const stockItems = DEMO_CATALOGUE.filter((i) => !i.nonStock);

/** Bundles are priced at the sum of their components, less a tenth (a kit discount). */
function bundlePrice(components: { sku: string; quantity: number }[]): number {
  const sum = components.reduce(
    (n, c) => n + (DEMO_CATALOGUE.find((i) => i.sku === c.sku)?.priceMinor ?? 0) * c.quantity,
    0,
  );
  return Math.round(sum * 0.9);
}

export function storefrontProducts(): StorefrontProduct[] {
  return [
    ...stockItems.map((i) => ({
      group: i.item.product,
      sku: i.sku,
      title: i.title,
      priceMinor: i.priceMinor,
    })),
    ...DEMO_BUNDLES.map((b) => ({
      group: b.sku,
      sku: b.sku,
      title: b.title,
      priceMinor: bundlePrice(b.components),
    })),
    {
      group: UNMAPPED_SKU,
      sku: UNMAPPED_SKU,
      title: 'Printed lookbook (not in Prima)',
      priceMinor: UNMAPPED_PRICE_MINOR,
    },
  ];
}

/** The explicit mapping rows: bundles only. Every demo SKU resolves through the pattern rule. */
export function bundleMappings(atIso: string): SkuMapping[] {
  return DEMO_BUNDLES.map((b) => ({
    sku: b.sku,
    kind: 'bundle' as const,
    components: b.components.map((c) => ({ item: c.item as ItemRef, quantity: c.quantity })),
    source: 'manual' as const,
    updatedAt: atIso,
  }));
}

/** SKUs with plenty of stock in the sandbox's MAIN warehouse, so generated orders allocate. */
export function sellableSkus(): { sku: string; priceMinor: number }[] {
  return stockItems
    .filter((i) => (i.stock.MAIN ?? 0) >= 10)
    .map((i) => ({ sku: i.sku, priceMinor: i.priceMinor }));
}

/** Variants a full stock sync covers: everything but the unmapped SKU. */
export function syncableVariantCount(): number {
  return storefrontProducts().filter((p) => p.sku !== UNMAPPED_SKU).length;
}

export function priceOf(sku: string): number {
  const p = storefrontProducts().find((x) => x.sku === sku);
  if (!p) throw new Error(`the playground catalogue has no ${sku}`);
  return p.priceMinor;
}
