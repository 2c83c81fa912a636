import { describe, expect, it } from 'vitest';
import { itemKey, itemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import type { PrimaStockRow, StorefrontVariant } from '../model/stock.js';
import { proposeMappings, suggestPattern } from './propose.js';

const NOW = new Date('2026-11-22T08:00:00.000Z');
const row = (product: string, ...matrix: string[]): PrimaStockRow => ({
  item: itemRef(product, ...matrix),
  available: 5,
});
let n = 0;
const variant = (sku: string, extra: Partial<StorefrontVariant> = {}): StorefrontVariant => {
  n++;
  return {
    variantId: `v${n}`,
    productId: `p${n}`,
    sku,
    title: `Item ${sku || n}`,
    inventoryItemId: `i${n}`,
    options: {},
    ...extra,
  };
};

const PRIMA: PrimaStockRow[] = [
  row('ETOS', 'G', '080'),
  row('ETOS', 'G', '090'),
  row('ETOS', 'H', '080'),
  row('BELT', 'NONE', '32IN'),
  row('POLISH'),
  row('SOCK', 'MEDM'),
];

const keyOf = (r: { item: Parameters<typeof itemKey>[0] }) => itemKey(r.item);

describe('proposeMappings: exact SKU match', () => {
  it('matches product + matrix codes joined by a separator, case-insensitively and trimmed', () => {
    const r = proposeMappings({
      variants: [variant(' etos-g-080 '), variant('ETOS/H/080'), variant('SOCK_MEDM')],
      primaRows: PRIMA,
      existing: [],
      now: NOW,
    });
    expect(r.proposed.map((p) => [p.sku, keyOf(p), p.reason])).toEqual([
      ['etos-g-080', 'ETOS|G|080||', 'exact_sku'],
      ['ETOS/H/080', 'ETOS|H|080||', 'exact_sku'],
      ['SOCK_MEDM', 'SOCK|MEDM|||', 'exact_sku'],
    ]);
    expect(r.proposed[0]?.mapping).toEqual({
      sku: 'etos-g-080',
      kind: 'stock',
      item: itemRef('ETOS', 'G', '080'),
      source: 'auto',
      updatedAt: NOW.toISOString(),
    });
  });

  it('matches a non-matrix item by its product code alone', () => {
    const r = proposeMappings({ variants: [variant('polish')], primaRows: PRIMA, existing: [], now: NOW });
    expect(r.proposed.map(keyOf)).toEqual(['POLISH||||']);
  });

  it('reports several Prima candidates as ambiguous instead of guessing', () => {
    const rows = [row('AB-1', 'G'), row('AB', '1', 'G')];
    const r = proposeMappings({ variants: [variant('AB-1-G')], primaRows: rows, existing: [], now: NOW });
    expect(r.proposed).toEqual([]);
    expect(r.ambiguous).toHaveLength(1);
    expect(r.ambiguous[0]?.reason).toBe('several_candidates');
    expect(r.ambiguous[0]?.candidates.map(itemKey).sort()).toEqual(['AB-1|G|||', 'AB|1|G||']);
  });
});

describe('proposeMappings: pattern rule, unknown matrix codes, unmapped', () => {
  it('uses the configured pattern when the exact forms do not match', () => {
    // The SKU carries the product code with a separator in it: only the right-to-left pattern finds it.
    const rows = [row('AB.100', 'G', '080')];
    const r = proposeMappings({
      variants: [variant('AB.100~G~080')],
      primaRows: rows,
      existing: [],
      pattern: { separator: '~', matrixLevels: [1, 2] },
      now: NOW,
    });
    expect(r.proposed.map((p) => [keyOf(p), p.reason, p.mapping.source])).toEqual([
      ['AB.100|G|080||', 'pattern', 'pattern'],
    ]);
  });

  it('calls a known product with matrix codes Prima lacks "unknown_matrix", with the product items as candidates', () => {
    const r = proposeMappings({
      variants: [variant('ETOS-X-999')],
      primaRows: PRIMA,
      existing: [],
      now: NOW,
    });
    expect(r.ambiguous.map((a) => a.reason)).toEqual(['unknown_matrix']);
    expect(r.ambiguous[0]?.candidates.map((c) => c.product)).toEqual(['ETOS', 'ETOS', 'ETOS']);
    expect(r.unmapped).toEqual([]);
  });

  it('lists a SKU Prima does not know, and a variant without SKU, as unmapped with the reason', () => {
    const r = proposeMappings({
      variants: [variant('MYSTERY-1'), variant('')],
      primaRows: PRIMA,
      existing: [],
      now: NOW,
    });
    expect(r.unmapped.map((u) => u.reason)).toEqual(['not_in_prima', 'no_sku']);
    expect(r.unmapped[0]?.message).toContain('MYSTERY-1');
  });

  it('puts variants sharing a SKU (or sharing it with their parent) in ambiguous, never in proposed', () => {
    const a = variant('ETOS-G-090', { title: 'Black 9' });
    const b = variant('etos-g-090', { title: 'Brown 9' });
    const c = variant('BELT-NONE-32IN', { parentSku: 'BELT-NONE-32IN' });
    const r = proposeMappings({ variants: [a, b, c], primaRows: PRIMA, existing: [], now: NOW });
    expect(r.proposed).toEqual([]);
    const shared = r.ambiguous.filter((x) => x.reason === 'shared_sku');
    expect(shared).toHaveLength(2);
    expect(shared[0]?.variantIds).toEqual([a.variantId, b.variantId]);
  });
});

describe('proposeMappings: existing rows', () => {
  it('never proposes over an existing mapping, manual or not', () => {
    const manual: SkuMapping = {
      sku: 'ETOS-G-080',
      kind: 'stock',
      item: itemRef('ETOS', 'H', '080'),
      source: 'manual',
      updatedAt: NOW.toISOString(),
    };
    const r = proposeMappings({
      variants: [variant('etos-g-080'), variant('ETOS-G-090')],
      primaRows: PRIMA,
      existing: [manual],
      now: NOW,
    });
    expect(r.alreadyMapped).toEqual(['etos-g-080']);
    expect(r.proposed.map((p) => p.sku)).toEqual(['ETOS-G-090']);
  });
});

describe('suggestPattern', () => {
  it('suggests the separator and levels that map most SKUs to real Prima items', () => {
    const s = suggestPattern(['ETOS-G-080', 'ETOS-G-090', 'ETOS-H-080', 'BELT-NONE-32IN', 'POLISH'], PRIMA);
    expect(s).toEqual({ pattern: { separator: '-', matrixLevels: [1, 2] }, matches: 4, of: 5 });
  });

  it('suggests nothing when fewer than half the SKUs follow any rule', () => {
    expect(suggestPattern(['ETOS-G-080', 'A-1', 'B-2', 'C-3'], PRIMA)).toBeUndefined();
    expect(suggestPattern([], PRIMA)).toBeUndefined();
  });

  it('is offered with the proposals', () => {
    const r = proposeMappings({
      variants: [variant('ETOS-G-080'), variant('SOCK-MEDM')],
      primaRows: PRIMA,
      existing: [],
      now: NOW,
    });
    // Two SKUs, two different level counts: each rule maps one of two (half), the first found wins.
    expect(r.suggestedPattern?.matches).toBe(1);
    expect(r.suggestedPattern?.of).toBe(2);
  });
});
