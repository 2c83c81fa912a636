import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import { EXPLICIT_MAPPINGS, SHOE_PATTERN } from '../mapping/test-fixtures.js';
import { itemKey, itemRef } from '../model/item.js';
import type { PrimaStockRow, StorefrontVariant } from '../model/stock.js';
import type { StockSnapshot } from '../ports.js';
import { parseSettings, type SettingsInput } from '../settings.js';
import { planStockPush, type StockPlanInput } from './plan.js';
import { bufferRuleFor, bufferUnits, sellable } from './policy.js';

const resolver = createSkuResolver(EXPLICIT_MAPPINGS, SHOE_PATTERN);

function settings(stock: SettingsInput['stock'] = {}) {
  return parseSettings({
    prima: { url: 'http://prima.example:8080/wsalive/wsalive' },
    orders: { defaultWarehouse: 'MAIN' },
    stock,
    maps: { locations: { L1: 'MAIN', L2: 'MAIN', L3: 'SHOP1' } },
  });
}

const variant = (sku: string): StorefrontVariant => ({
  variantId: `var-${sku}`,
  productId: `prod-${sku.split('-')[0]}`,
  sku,
  title: sku,
  inventoryItemId: `inv-${sku}`,
  options: {},
});

const VARIANTS = [
  'ETOS-G-080',
  'ETOS-G-085',
  'ETOS-H-080',
  'BELT-NONE-32IN',
  'CAREKIT',
  'GIFTSET-ETOS',
  'GIFTCARD-25',
  'UNMAPPED1',
].map(variant);

const row = (product: string, m1: string, m2: string, available: number): PrimaStockRow => ({
  item: itemRef(product, m1, m2),
  available,
});
const REPLY: PrimaStockRow[] = [
  row('ETOS', 'G', '080', 10),
  row('ETOS', 'G', '085', 0),
  row('ETOS', 'H', '080', 4),
  row('BELT', 'NONE', '32IN', 7),
  row('POLISH', 'none', 'one', 9), // Prima's case differs from the mapping's: still the same item
  row('BRUSH', 'NONE', 'ONE', 3),
];

function plan(over: Partial<StockPlanInput> = {}) {
  return planStockPush({
    mode: 'full',
    reply: REPLY,
    variants: VARIANTS,
    resolver,
    settings: settings(),
    pending: new Map(),
    lastPushed: [],
    lastFullReplyRows: null,
    now: new Date('2026-11-22T08:00:00Z'),
    locationIds: ['L1'],
    ...over,
  });
}

const figures = (p: ReturnType<typeof plan>) =>
  Object.fromEntries(p.updates.map((u) => [`${u.sku}@${u.locationId}`, u.quantity]));

describe('planStockPush', () => {
  it('pushes Prima figures for stock items and kits (minimum over components), skipping non-stock items', () => {
    const p = plan();
    expect(figures(p)).toEqual({
      'ETOS-G-080@L1': 10,
      'ETOS-G-085@L1': 0,
      'ETOS-H-080@L1': 4,
      'BELT-NONE-32IN@L1': 7,
      'CAREKIT@L1': 3, // min(floor(9 / 2), floor(3 / 1))
      'GIFTSET-ETOS@L1': 7, // min(10, 7)
    });
    expect(p.updates[0]).toEqual({
      sku: 'ETOS-G-080',
      variantId: 'var-ETOS-G-080',
      inventoryItemId: 'inv-ETOS-G-080',
      locationId: 'L1',
      quantity: 10,
      previousQuantity: null,
    });
    expect(p.considered).toBe(6);
    expect(p.guarded).toBe(false);
    expect(p.problems.map((x) => [x.code, x.detail?.sku])).toEqual([['unmapped_sku', 'UNMAPPED1']]);
  });

  it('sends the one Prima figure to every location mapped to the default warehouse, or to a chosen one', () => {
    const toDefault = plan({ variants: [variant('ETOS-G-080')], locationIds: undefined });
    expect(toDefault.updates.map((u) => u.locationId)).toEqual(['L1', 'L2']);
    const toShop = plan({ variants: [variant('ETOS-G-080')], locationIds: undefined, warehouse: 'SHOP1' });
    expect(toShop.updates.map((u) => u.locationId)).toEqual(['L3']);
  });

  it('reports a warehouse with no store location instead of pushing nowhere', () => {
    const p = plan({ locationIds: undefined, warehouse: 'OUTLET' });
    expect(p.updates).toEqual([]);
    expect(p.problems[0]?.code).toBe('invalid_warehouse');
    expect(p.problems[0]?.message).toContain('"OUTLET"');
  });

  it('pushes only what changed since the last push, with the last pushed figure as previousQuantity', () => {
    const snap = (sku: string, quantity: number): StockSnapshot => ({
      variantId: `var-${sku}`,
      locationId: 'L1',
      sku,
      quantity,
      pushedAt: '2026-11-22T07:45:00Z',
    });
    const p = plan({
      lastPushed: [
        snap('ETOS-G-080', 10),
        snap('ETOS-G-085', 2),
        snap('BELT-NONE-32IN', 7),
        snap('CAREKIT', 3),
        snap('GIFTSET-ETOS', 7),
      ],
    });
    expect(p.updates.map((u) => [u.sku, u.quantity, u.previousQuantity])).toEqual([
      ['ETOS-G-085', 0, 2],
      ['ETOS-H-080', 4, null],
    ]);
    expect(p.considered).toBe(6);
  });

  it('holds back stock for storefront orders Prima does not have yet, including kit components', () => {
    const p = plan({
      pending: new Map([
        ['ETOS-G-080', 2],
        ['OLD-ETOS-8', 1],
        ['GIFTSET-ETOS', 1],
        ['CAREKIT', 1],
        ['UNKNOWN', 5],
      ]),
    });
    expect(figures(p)).toMatchObject({
      'ETOS-G-080@L1': 6, // 10 - 2 - 1 (legacy SKU, same item) - 1 (inside the gift set)
      'BELT-NONE-32IN@L1': 6, // 7 - 1 (inside the gift set)
      'GIFTSET-ETOS@L1': 6, // min(6, 6)
      'CAREKIT@L1': 2, // polish 9 - 2 = 7 -> 3 kits; brush 3 - 1 = 2 -> 2 kits
    });
  });

  it('applies the safety buffer: fixed, percent rounded up, per-SKU override, peak window', () => {
    const fixed = plan({ settings: settings({ defaultBuffer: { kind: 'fixed', value: 2 } }) });
    expect(figures(fixed)).toMatchObject({
      'ETOS-G-080@L1': 8,
      'ETOS-H-080@L1': 2,
      'ETOS-G-085@L1': 0,
      'CAREKIT@L1': 1,
    });
    const percent = plan({ settings: settings({ defaultBuffer: { kind: 'percent', value: 10 } }) });
    expect(figures(percent)).toMatchObject({ 'ETOS-G-080@L1': 9, 'ETOS-H-080@L1': 3 }); // ceil(1.0)=1, ceil(0.4)=1
    const override = plan({
      settings: settings({ defaultBuffer: { kind: 'fixed', value: 2 } }),
      bufferOverrides: new Map([['ETOS-G-080', { kind: 'fixed', value: 0 }]]),
    });
    expect(figures(override)).toMatchObject({ 'ETOS-G-080@L1': 10, 'ETOS-H-080@L1': 2 });
    const peak = settings({
      peakBuffer: {
        from: '2026-11-27T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        rule: { kind: 'fixed', value: 5 },
      },
    });
    expect(figures(plan({ settings: peak, now: new Date('2026-11-28T12:00:00Z') }))['ETOS-G-080@L1']).toBe(5);
    expect(figures(plan({ settings: peak, now: new Date('2026-12-01T00:00:00Z') }))['ETOS-G-080@L1']).toBe(
      10,
    );
  });

  it('sets a mapped item missing from a trusted full reply to 0', () => {
    const p = plan({ variants: [...VARIANTS, variant('ETOS-E-070')], lastFullReplyRows: 6 });
    expect(figures(p)['ETOS-E-070@L1']).toBe(0);
    expect(p.guarded).toBe(false);
  });

  it('refuses to zero items missing from a short full reply, and says so', () => {
    const p = plan({
      reply: REPLY.slice(0, 2),
      lastFullReplyRows: 6,
      variants: [...VARIANTS, variant('ETOS-E-070')],
    });
    expect(figures(p)).toEqual({ 'ETOS-G-080@L1': 10, 'ETOS-G-085@L1': 0 });
    expect(p.guarded).toBe(true);
    const short = p.problems.find((x) => x.code === 'stock_reply_short');
    expect(short?.message).toContain('2 rows');
    expect(short?.message).toContain('(6 rows)');
    expect(short?.retryable).toBe(true);
  });

  it('never trusts an empty full reply, even the first one', () => {
    const p = plan({ reply: [] });
    expect(p.updates).toEqual([]);
    expect(p.guarded).toBe(true);
  });

  it('leaves items missing from a targeted reply untouched', () => {
    const p = plan({ mode: 'targeted', reply: [row('ETOS', 'G', '080', 1)], lastFullReplyRows: 6000 });
    expect(figures(p)).toEqual({ 'ETOS-G-080@L1': 1 });
    expect(p.guarded).toBe(false);
    expect(p.problems.every((x) => x.code !== 'stock_reply_short')).toBe(true);
  });

  it('plans a large catalogue correctly (100,000 SKUs, Map joins)', () => {
    const n = 100_000;
    const sizes = Array.from({ length: n }, (_, i) => `S${String(i).padStart(6, '0')}`);
    const reply = sizes.map((s, i) => row('STYLE', 'G', s, i % 50));
    const variants = sizes.map((s) => variant(`STYLE-G-${s}`));
    const lastPushed = variants.map((v, i) => ({
      variantId: v.variantId,
      locationId: 'L1',
      sku: v.sku,
      quantity: i % 7 === 0 ? -1 : i % 50,
      pushedAt: '',
    }));
    const p = plan({ reply, variants, lastPushed, lastFullReplyRows: n });
    expect(p.considered).toBe(n);
    expect(p.updates).toHaveLength(Math.ceil(n / 7));
    expect(p.updates.every((u) => u.previousQuantity === -1)).toBe(true);
  });
});

describe('stock policy', () => {
  it('computes buffers', () => {
    expect(bufferUnits({ kind: 'fixed', value: 3 }, 100)).toBe(3);
    expect(bufferUnits({ kind: 'percent', value: 15 }, 7)).toBe(2); // 1.05 rounded up
    expect(bufferUnits({ kind: 'percent', value: 15 }, 0)).toBe(0);
    const stock = settings().stock;
    expect(bufferRuleFor('X', new Date(), stock)).toEqual({ kind: 'fixed', value: 0 });
  });

  it('available-to-sell is never negative and never above Prima (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 100_000 }),
        fc.integer({ min: -5, max: 100_000 }),
        fc.nat(100_000),
        (prima, reserved, buffer) => {
          const q = sellable(prima, reserved, buffer);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(Math.max(0, prima));
          expect(Number.isInteger(q)).toBe(true);
        },
      ),
    );
  });

  it('every planned figure lies between 0 and Prima figure, for kits too (property)', () => {
    const buffer = fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), value: fc.nat(20) }),
      fc.record({ kind: fc.constant('percent' as const), value: fc.nat(100) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.nat(40), { minLength: 6, maxLength: 6 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('ETOS-G-080', 'BELT-NONE-32IN', 'CAREKIT', 'GIFTSET-ETOS', 'ETOS-H-080'),
            fc.nat(30),
          ),
          { maxLength: 6 },
        ),
        buffer,
        (figuresIn, pendingIn, rule) => {
          const reply = REPLY.map((r, i) => ({ ...r, available: figuresIn[i] as number }));
          const p = plan({ reply, pending: new Map(pendingIn), settings: settings({ defaultBuffer: rule }) });
          const figure = new Map(reply.map((r) => [itemKey(r.item), r.available]));
          const primaOf = (sku: string): number => {
            const r = resolver.resolve(sku);
            if (!r.ok || r.value.kind === 'non_stock') throw new Error(`fixture SKU ${sku}`);
            if (r.value.kind === 'stock') return figure.get(itemKey(r.value.item)) ?? 0;
            return Math.min(
              ...r.value.components.map((c) => Math.floor((figure.get(itemKey(c.item)) ?? 0) / c.quantity)),
            );
          };
          for (const u of p.updates) {
            expect(u.quantity).toBeGreaterThanOrEqual(0);
            expect(u.quantity).toBeLessThanOrEqual(primaOf(u.sku));
          }
        },
      ),
    );
  });
});
