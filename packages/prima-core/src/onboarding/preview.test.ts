import { describe, expect, it } from 'vitest';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import { itemRef } from '../model/item.js';
import type { StorefrontVariant } from '../model/stock.js';
import { parseSettings } from '../settings.js';
import { levelKey, previewStockPush } from './preview.js';

const settings = parseSettings({
  prima: { url: 'http://127.0.0.1:1/wsalive/wsalive' },
  orders: { defaultWarehouse: 'MAIN' },
  maps: { locations: { 'loc-1': 'MAIN' }, pattern: { separator: '-', matrixLevels: [1, 2] } },
});
const v = (sku: string, id: string): StorefrontVariant => ({
  variantId: id,
  productId: 'p',
  sku,
  title: sku,
  inventoryItemId: `inv-${id}`,
  options: {},
});
const variants = [v('ETOS-G-080', 'a'), v('ETOS-G-090', 'b'), v('ETOS-H-080', 'c'), v('BELT-NONE-32IN', 'd')];
const reply = [
  { item: itemRef('ETOS', 'G', '080'), available: 7 },
  { item: itemRef('ETOS', 'G', '090'), available: 0 },
  { item: itemRef('ETOS', 'H', '080'), available: 3 },
  { item: itemRef('BELT', 'NONE', '32IN'), available: 4 },
];
const base = {
  mode: 'full' as const,
  reply,
  variants,
  resolver: createSkuResolver([], settings.maps.pattern),
  settings,
  pending: new Map<string, number>(),
  lastFullReplyRows: null,
  now: new Date('2026-11-22T08:00:00Z'),
};

describe('previewStockPush', () => {
  it('first push with nothing known: every figure is a change with an unknown before', () => {
    const p = previewStockPush({ ...base, lastPushed: [] });
    expect(p.rows.map((r) => [r.sku, r.before, r.after])).toEqual([
      ['ETOS-G-080', null, 7],
      ['ETOS-G-090', null, 0],
      ['ETOS-H-080', null, 3],
      ['BELT-NONE-32IN', null, 4],
    ]);
    expect(p.totals).toEqual({ changes: 4, skus: 4, unitsUp: 0, unitsDown: 0, toZero: 1, unknownBefore: 4 });
  });

  it('counts units up and down against the last push, and leaves unchanged figures out', () => {
    const at = '2026-11-21T08:00:00Z';
    const lastPushed = [
      { variantId: 'a', locationId: 'loc-1', sku: 'ETOS-G-080', quantity: 2, pushedAt: at },
      { variantId: 'b', locationId: 'loc-1', sku: 'ETOS-G-090', quantity: 5, pushedAt: at },
      { variantId: 'c', locationId: 'loc-1', sku: 'ETOS-H-080', quantity: 3, pushedAt: at },
      { variantId: 'd', locationId: 'loc-1', sku: 'BELT-NONE-32IN', quantity: 6, pushedAt: at },
    ];
    const p = previewStockPush({ ...base, lastPushed, lastFullReplyRows: 4 });
    expect(p.totals).toEqual({ changes: 3, skus: 3, unitsUp: 5, unitsDown: 7, toZero: 1, unknownBefore: 0 });
  });

  it('prefers the store figures when the host can read them; an equal figure is no change', () => {
    const currentLevels = new Map([
      [levelKey('a', 'loc-1'), 7],
      [levelKey('b', 'loc-1'), 1],
    ]);
    const p = previewStockPush({ ...base, lastPushed: [], currentLevels });
    expect(p.rows.find((r) => r.sku === 'ETOS-G-080')).toBeUndefined();
    expect(p.totals.unitsDown).toBe(1);
    expect(p.totals.unknownBefore).toBe(2);
  });

  it('passes on the plan problems (no location linked to the warehouse) without inventing figures', () => {
    const noLoc = parseSettings({ ...settings, maps: { ...settings.maps, locations: {} } });
    const p = previewStockPush({ ...base, settings: noLoc, lastPushed: [] });
    expect(p.rows).toEqual([]);
    expect(p.problems.map((x) => x.code)).toEqual(['invalid_warehouse']);
  });
});
