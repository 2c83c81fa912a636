import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { itemRef } from '../model/item.js';
import { recordingLogger } from '../monitor/log.js';
import { parseSettings } from '../settings.js';
import { manualClock } from '../sync/clock.js';
import { createFakePrima, type FakePrima } from '../testing/fake-prima.js';
import { createFakeStorefront, type FakeStorefront } from '../testing/fake-storefront.js';
import { createMemoryQueue } from '../testing/memory-queue.js';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store.js';

const T = 't1';
const BY = 'ann';
let store: MemoryStore;
let prima: FakePrima;
let storefront: FakeStorefront;

function engineWith(readLevels: boolean) {
  const sf = readLevels
    ? {
        ...storefront,
        platform: storefront.platform,
        async readStockLevels(ids: string[]) {
          return ids.flatMap((id) => {
            const q = storefront.stockLevel(id, 'loc-1');
            return q === undefined ? [] : [{ inventoryItemId: id, locationId: 'loc-1', quantity: q }];
          });
        },
      }
    : storefront;
  return createEngine({
    store,
    queue: createMemoryQueue(),
    clock: manualClock('2026-11-22T08:00:00.000Z'),
    logger: recordingLogger(),
    prima: async () => prima,
    storefront: async () => sf,
  });
}

beforeEach(async () => {
  store = createMemoryStore();
  prima = createFakePrima();
  prima.setStock(itemRef('ETOS', 'G', '080'), 9);
  prima.setStock(itemRef('ETOS', 'G', '090'), 0);
  prima.setStock(itemRef('ETOS', 'H', '080'), 4);
  storefront = createFakeStorefront();
  storefront.putVariants(
    ['ETOS-G-080', 'ETOS-G-090', 'ETOS-H-080'].map((sku, i) => ({
      variantId: `v${i}`,
      productId: 'p',
      sku,
      title: sku,
      inventoryItemId: `inv${i}`,
      options: {},
    })),
  );
  // A tenant whose connection is saved and whose maps are done (the steps before the preview).
  await store.settings.put(
    T,
    parseSettings({
      prima: { url: 'http://127.0.0.1:9/wsdl' },
      orders: { defaultWarehouse: 'MAIN' },
      maps: {
        shipping: { standard: { charge: 'RM48' } },
        payment: { card: { payMethod: 'CC' } },
        locations: { 'loc-1': 'MAIN' },
      },
      onboarding: { steps: {}, lastConnectionTest: { at: '2026-11-22T07:00:00.000Z', ok: true } },
    }),
  );
});

describe('onboarding engine methods', () => {
  it('applyProposedMappings stores only what the rules propose, never over a manual row', async () => {
    const engine = engineWith(false);
    await engine.mapSkuInPlace(T, { sku: 'ETOS-G-080', item: itemRef('ETOS', 'H', '080') }, BY);
    const r = await engine.applyProposedMappings(T, ['ETOS-G-080', 'ETOS-G-090', 'NOT-A-SKU'], BY);
    expect(r).toEqual({ applied: 1, skipped: ['ETOS-G-080', 'NOT-A-SKU'] });
    expect((await store.mappings.get(T, 'ETOS-G-080'))?.item).toEqual(itemRef('ETOS', 'H', '080'));
    expect((await store.mappings.get(T, 'ETOS-G-090'))?.source).toBe('auto');
    const audit = await store.audit.list(T, { action: 'onboarding.mappings_applied' });
    expect(audit[0]?.detail).toMatchObject({ applied: 1, skipped: 2 });
  });

  it('proposeMappings reads both catalogues, completes the catalogue step once connected, changes no mapping', async () => {
    const engine = engineWith(false);
    await engine.completeOnboardingStep(T, 'connect', BY);
    const r = await engine.proposeMappings(T, BY);
    expect(r.proposed).toHaveLength(3);
    expect(await store.mappings.list(T)).toEqual([]);
    expect((await engine.onboardingState(T)).next).toBe('mappings');
  });

  it('proposeMappings reads the store afresh by default; reread: false and applying use the kept copy', async () => {
    const engine = engineWith(false);
    await engine.proposeMappings(T, BY);
    const afterFirst = storefront.calls.listVariants;
    expect(afterFirst).toBeGreaterThan(0);
    // A page showing the proposals again, and applying them: no second read of the catalogue.
    const again = await engine.proposeMappings(T, BY, { reread: false });
    expect(again.proposed).toHaveLength(3);
    await engine.applyProposedMappings(T, ['ETOS-G-080'], BY);
    expect(storefront.calls.listVariants).toBe(afterFirst);
    // The merchant asks to read again (e.g. after changing a SKU in the store): read afresh.
    await engine.proposeMappings(T, BY);
    expect(storefront.calls.listVariants).toBe(afterFirst * 2);
  });

  it('previewStockPush says "from X to Y" when the store can report its levels, and pushes nothing', async () => {
    storefront.setStockLevel('inv0', 'loc-1', 2);
    storefront.setStockLevel('inv1', 'loc-1', 5);
    storefront.setStockLevel('inv2', 'loc-1', 4);
    const engine = engineWith(true);
    await engine.applyProposedMappings(T, ['ETOS-G-080', 'ETOS-G-090', 'ETOS-H-080'], BY);
    const p = await engine.previewStockPush(T);
    expect(p.rows.map((r) => [r.sku, r.before, r.after])).toEqual([
      ['ETOS-G-080', 2, 9],
      ['ETOS-G-090', 5, 0],
    ]);
    expect(p.totals).toEqual({ changes: 2, skus: 2, unitsUp: 7, unitsDown: 5, toZero: 1, unknownBefore: 0 });
    expect(storefront.pushes).toEqual([]);
    expect((await store.settings.get(T))?.onboarding?.previewedAt).toBe('2026-11-22T08:00:00.000Z');
  });

  it('completeOnboardingStep refuses go-live (only goLive switches on) and unknown steps', async () => {
    const engine = engineWith(false);
    const r = await engine.completeOnboardingStep(T, 'go-live', BY);
    expect(r.ok).toBe(false);
    expect((await store.settings.get(T))?.orders.postingEnabled).toBe(false);
    await expect(engine.completeOnboardingStep(T, 'launch' as 'go-live', BY)).rejects.toThrow();
  });

  it('goLive refuses while steps are missing and leaves posting and stock off', async () => {
    const engine = engineWith(false);
    const r = await engine.goLive(T, BY);
    expect(r.ok).toBe(false);
    expect(r.missing?.length).toBeGreaterThan(0);
    const s = await store.settings.get(T);
    expect([s?.orders.postingEnabled, s?.stock.enabled]).toEqual([false, false]);
    expect(await store.audit.list(T, { action: 'onboarding.go_live_refused' })).toHaveLength(1);
  });
});
