import type { StorefrontVariant } from '../model/stock.js';
import type { Problem } from '../monitor/problems.js';
import { sharedSku } from './problems.js';

// SKUs are compared trimmed and case-folded: "etos-g-080" and "ETOS-G-080" resolve to the same Prima item
// (matrix codes are case-insensitive in Prima), so they are as ambiguous as identical SKUs.
const norm = (sku: string) => sku.trim().toUpperCase();

/**
 * Variants that share a SKU with each other, or with their parent product: Prima cannot tell them apart,
 * and the order lands in an error queue. One Problem per shared SKU. Variants without a SKU are left to
 * the unmapped check.
 */
export function findSharedSkus(variants: readonly StorefrontVariant[]): Problem[] {
  const bySku = new Map<string, StorefrontVariant[]>();
  const withParent: Problem[] = [];
  for (const v of variants) {
    const key = norm(v.sku);
    if (key === '') continue;
    const group = bySku.get(key);
    if (group) group.push(v);
    else bySku.set(key, [v]);
    if (v.parentSku !== undefined && norm(v.parentSku) === key) {
      withParent.push(sharedSku(v.sku.trim(), [`variant "${v.title}"`, 'its parent product']));
    }
  }
  const problems: Problem[] = [];
  for (const group of bySku.values()) {
    if (group.length > 1) {
      problems.push(
        sharedSku(
          (group[0] as StorefrontVariant).sku.trim(),
          group.map((v) => `"${v.title}"`),
        ),
      );
    }
  }
  return [...problems, ...withParent];
}
