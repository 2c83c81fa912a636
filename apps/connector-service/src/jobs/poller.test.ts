import { parseSettings } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import { stockSyncDue } from './poller.js';

describe('stockSyncDue', () => {
  const now = new Date('2026-11-22T07:00:00Z');
  const on = parseSettings({
    prima: { url: 'http://prima.test/x' },
    stock: { enabled: true, intervalMinutes: 15 },
  });

  it('never syncs when stock sync is off or the shop has no settings', () => {
    expect(stockSyncDue(null, null, now)).toBe(false);
    expect(stockSyncDue(parseSettings({ prima: { url: 'http://prima.test/x' } }), null, now)).toBe(false);
  });

  it('syncs the first time and then once per interval', () => {
    expect(stockSyncDue(on, null, now)).toBe(true);
    expect(stockSyncDue(on, '2026-11-22T06:50:00Z', now)).toBe(false);
    expect(stockSyncDue(on, '2026-11-22T06:45:00Z', now)).toBe(true);
  });
});

describe('scheduleRound: the daily finance part', () => {
  it('reconciles yesterday once per shop and day, and checks alerts every round', async () => {
    const { createEngine, manualClock, settingsSchema } = await import('@prima-connect/prima-core');
    const { createFakePrima, createFakeStorefront, createMemoryQueue, createMemoryStore } = await import(
      '@prima-connect/prima-core/testing'
    );
    const { scheduleRound } = await import('./poller.js');
    const clock = manualClock('2026-11-22T07:00:00.000Z');
    const store = createMemoryStore();
    const tenantId = 'woo-finance';
    // Connected three weeks ago: the days before are not Prima's to reconcile.
    await store.tenants.put({
      id: tenantId,
      platform: 'woocommerce',
      shop: 'shop.example',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    await store.settings.put(tenantId, settingsSchema.parse({ prima: { url: 'http://prima.test/x' } }));
    const prima = createFakePrima();
    const storefront = createFakeStorefront({ platform: 'woocommerce' });
    const engine = createEngine({
      store,
      queue: createMemoryQueue({ clock }),
      clock,
      logger: {
        child() {
          return this;
        },
        debug() {},
        info() {},
        warn() {},
        error() {},
      },
      prima: async () => prima,
      storefront: async () => storefront,
    });
    // Only what the round reads of the accounts: the poll watermark.
    const accounts = {
      get: async () => ({ tenantId, lastPollAt: clock.now().toISOString() }),
      touch: async () => {},
      list: async () => [],
    } as unknown as Parameters<typeof scheduleRound>[0]['accounts'];
    const deps = { accounts, engine, store, clock };
    const first = await scheduleRound(deps, tenantId);
    expect(first.reconciledDays.at(-1)).toBe('2026-11-21');
    expect((await scheduleRound(deps, tenantId)).reconciledDays).toEqual([]);
    clock.advance(24 * 3600_000);
    expect((await scheduleRound(deps, tenantId)).reconciledDays).toEqual(['2026-11-22']);
  });
});
