import { describe, expect, it } from 'vitest';
import type { StorefrontVariant } from '../model/stock.js';
import { findSharedSkus } from './shared-skus.js';

const v = (variantId: string, sku: string, title: string, parentSku?: string): StorefrontVariant => ({
  variantId,
  productId: 'p1',
  sku,
  ...(parentSku === undefined ? {} : { parentSku }),
  title,
  inventoryItemId: `inv-${variantId}`,
  options: {},
});

describe('findSharedSkus', () => {
  it('finds variants sharing a SKU, also when only the case differs', () => {
    const problems = findSharedSkus([
      v('1', 'ETOS-G-080', 'Etos G 8'),
      v('2', 'etos-g-080 ', 'Etos G 8 (old)'),
      v('3', 'ETOS-G-085', 'Etos G 8.5'),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('shared_variant_sku');
    expect(problems[0]?.message).toContain('"Etos G 8"');
    expect(problems[0]?.message).toContain('"Etos G 8 (old)"');
    expect(problems[0]?.action).toMatch(/its own SKU/);
  });

  it('finds a variant that carries its parent product SKU', () => {
    const problems = findSharedSkus([
      v('1', 'ETOS', 'Etos G 8', 'ETOS'),
      v('2', 'ETOS-G-085', 'Etos G 8.5', 'ETOS'),
    ]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('its parent product')]);
  });

  it('passes a clean catalogue and leaves SKU-less variants to the unmapped check', () => {
    expect(
      findSharedSkus([v('1', 'A-G-080', 'a'), v('2', 'A-G-085', 'b'), v('3', '', 'c'), v('4', '', 'd')]),
    ).toEqual([]);
  });
});
