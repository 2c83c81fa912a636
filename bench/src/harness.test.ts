// The harness at tiny sizes: asserts call COUNTS (never times): the engine sends the fewest write calls the
// platform allows, the baseline one per SKU.
import { describe, expect, it } from 'vitest';
import { purePlan } from './pure-plan.js';
import { changedIndexes, runStockSync } from './stock-sync.js';

const opts = { changedShare: 0.5, baselineSample: 20, sustainedFigures: 300 };

describe('stock sync harness (tiny catalogue, half the figures changed)', () => {
  it('marks exactly the requested share as changed', () => {
    expect(changedIndexes(1000, 0.05)).toHaveLength(50);
    expect(changedIndexes(1000, 0.5)).toHaveLength(500);
  });

  it('Shopify: engine push calls = ceil(changed / 250); baseline one call per SKU', async () => {
    const r = await runStockSync('shopify', 1000, opts);
    expect(r.changed).toBe(500);
    // Under load the client's bucket estimate can run ahead of the emulator's: a THROTTLED reply is retried
    // (and counted as a request); the writes that went through are exactly the minimum.
    expect(r.engine.pushCalls - r.engine.pushThrottled).toBe(Math.ceil(500 / 250));
    expect(r.engine.minPushCalls).toBe(2);
    expect(r.baseline.pushCalls).toBe(1000);
    expect(r.baseline).toMatchObject({ measuredSkus: 20, extrapolated: true });
    expect(r.ratios.calls).toBeGreaterThanOrEqual(20);
    expect(r.sustained?.calls).toBeGreaterThanOrEqual(Math.ceil(300 / 250));
  });

  it('WooCommerce: engine push calls = ceil(changed / 100)', async () => {
    const r = await runStockSync('woocommerce', 1000, opts);
    expect(r.engine.pushCalls).toBe(5);
    expect(r.engine.minPushCalls).toBe(5);
    expect(r.baseline.pushCalls).toBe(1000);
    expect(r.sustained).toBeNull();
  });

  it('Adobe Commerce: one async bulk request and one status read', async () => {
    const r = await runStockSync('adobe-commerce', 1000, opts);
    expect(r.engine.pushCalls).toBe(2);
    expect(r.engine.minPushCalls).toBe(2);
    expect(r.baseline.pushCalls).toBe(1000);
  });
});

describe('pure plan', () => {
  it('finds exactly the 5% of figures that changed', () => {
    expect(purePlan(2000, 1).updates).toBe(100);
  });
});
