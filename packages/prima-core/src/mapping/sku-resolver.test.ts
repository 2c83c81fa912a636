import { describe, expect, it } from 'vitest';
import { itemKey, itemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import { createSkuResolver, resolveByPattern } from './sku-resolver.js';
import { EXPLICIT_MAPPINGS, NOW, SHOE_PATTERN } from './test-fixtures.js';

describe('createSkuResolver', () => {
  const resolver = createSkuResolver(EXPLICIT_MAPPINGS, SHOE_PATTERN);

  it('uses the explicit table first', () => {
    const r = resolver.resolve('OLD-ETOS-8');
    expect(r).toEqual({
      ok: true,
      value: { kind: 'stock', item: itemRef('ETOS', 'G', '080'), source: 'manual' },
    });
  });

  it('falls back to the pattern: parent SKU + separator + matrix codes', () => {
    const r = resolver.resolve('ETOS-H-075');
    expect(r).toEqual({
      ok: true,
      value: { kind: 'stock', item: itemRef('ETOS', 'H', '075'), source: 'pattern' },
    });
  });

  it('takes matrix codes from the right, so product codes may contain the separator', () => {
    expect(resolveByPattern('AB-100-EX-110', SHOE_PATTERN)).toEqual(itemRef('AB-100', 'EX', '110'));
    expect(resolveByPattern('ETOS-080', SHOE_PATTERN)).toBeNull();
    expect(resolveByPattern('ETOS--080', SHOE_PATTERN)).toBeNull();
    expect(resolveByPattern('TROUSER/32IN', { separator: '/', matrixLevels: [2] })).toEqual(
      itemRef('TROUSER', '', '32IN'),
    );
  });

  it('resolves matrix codes that differ only in case to the same Prima item', () => {
    const a = resolver.resolve('ETOS-none-ONE');
    const b = resolver.resolve('ETOS-NONE-one');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok && a.value.kind === 'stock' && b.value.kind === 'stock') {
      expect(itemKey(a.value.item)).toBe(itemKey(b.value.item));
    }
  });

  it('resolves non-stock items and bundles from the table', () => {
    const gift = resolver.resolve('GIFTCARD-25');
    expect(gift.ok && gift.value.kind).toBe('non_stock');
    const kit = resolver.resolve(' CAREKIT ');
    expect(kit.ok && kit.value.kind === 'bundle' && kit.value.components.map((c) => c.quantity)).toEqual([
      2, 1,
    ]);
  });

  it('reports an unmapped SKU by name, with how to fix it', () => {
    const r = createSkuResolver(EXPLICIT_MAPPINGS).resolve('ETOS-G-085');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const p = r.problems[0];
      expect(p?.code).toBe('unmapped_sku');
      expect(p?.message).toContain('"ETOS-G-085"');
      expect(p?.action).toMatch(/Mappings/);
      expect(p?.action).toMatch(/CSV/);
      expect(p?.retryable).toBe(false);
    }
  });

  it('reports a missing SKU as unmapped', () => {
    const r = resolver.resolve('  ');
    expect(!r.ok && r.problems[0]?.message).toContain('no SKU');
  });

  it('refuses invalid table rows with invalid_mapping instead of guessing', () => {
    const bad: SkuMapping[] = [
      { sku: 'NOITEM', kind: 'stock', source: 'manual', updatedAt: NOW },
      { sku: 'EMPTYKIT', kind: 'bundle', components: [], source: 'manual', updatedAt: NOW },
      {
        sku: 'HALFWEIGHT',
        kind: 'bundle',
        components: [
          { item: itemRef('A'), quantity: 1, weight: 3 },
          { item: itemRef('B'), quantity: 1 },
        ],
        source: 'manual',
        updatedAt: NOW,
      },
      {
        sku: 'ZEROQTY',
        kind: 'bundle',
        components: [{ item: itemRef('A'), quantity: 0 }],
        source: 'manual',
        updatedAt: NOW,
      },
    ];
    const r = createSkuResolver(bad, SHOE_PATTERN);
    expect(r.tableProblems.map((p) => p.detail?.sku)).toEqual([
      'NOITEM',
      'EMPTYKIT',
      'HALFWEIGHT',
      'ZEROQTY',
    ]);
    for (const sku of ['NOITEM', 'EMPTYKIT', 'HALFWEIGHT', 'ZEROQTY']) {
      const res = r.resolve(sku);
      expect(!res.ok && res.problems[0]?.code).toBe('invalid_mapping');
    }
    expect(r.tableProblems[2]?.message).toContain('weight');
  });

  it('refuses SKUs known to be shared by several variants', () => {
    const r = createSkuResolver([], SHOE_PATTERN, { sharedSkus: ['ETOS-G-080'] }).resolve('ETOS-G-080');
    expect(!r.ok && r.problems[0]?.code).toBe('shared_variant_sku');
  });
});

describe('resolveByPattern with a multi-character separator', () => {
  it('splits on the whole separator only', () => {
    expect(resolveByPattern('ETOS::G::080', { separator: '::', matrixLevels: [1, 2] })).toEqual(
      itemRef('ETOS', 'G', '080'),
    );
    expect(resolveByPattern('ET:OS::G::080', { separator: '::', matrixLevels: [1, 2] })).toEqual(
      itemRef('ET:OS', 'G', '080'),
    );
    expect(resolveByPattern('::G::080', { separator: '::', matrixLevels: [1, 2] })).toBeNull();
    expect(resolveByPattern('G:080', { separator: '::', matrixLevels: [1] })).toBeNull();
    expect(resolveByPattern('PLAIN', { separator: '-', matrixLevels: [] })).toEqual(itemRef('PLAIN'));
  });
});
