/**
 * GET /v1/reconciliation: the reports the daily finance round kept, for the key's shop only, with the
 * real engine behind the route (memory Store, fake Prima and one fake WooCommerce per shop).
 */
import { createEngine, type Engine, manualClock, settingsSchema } from '@prima-connect/prima-core';
import {
  createFakePrima,
  createFakeStorefront,
  createMemoryQueue,
  createMemoryStore,
  type FakeStorefront,
  sampleOrder,
} from '@prima-connect/prima-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestConnector, type TestConnector } from '../test-support.js';

const DAY = '2026-11-21';
const silent = {
  child() {
    return silent;
  },
  debug() {},
  info() {},
  warn() {},
  error() {},
};

interface Report {
  day: string;
  reconciled: boolean;
  storeOrders: number;
  findings: { kind: string; storefrontOrderNumber: string }[];
}

describe('admin API: reconciliation reports', () => {
  const clock = manualClock('2026-11-22T07:00:00.000Z');
  const shops = new Map<string, FakeStorefront>();
  let c: TestConnector & { engine: Engine };
  let mine: { tenantId: string; apiKey: string };
  let theirs: { tenantId: string; apiKey: string };

  const get = async (path: string, key: string) => {
    const res = await fetch(`${c.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as { reports: Report[]; csv: string } };
  };

  beforeEach(async () => {
    shops.clear();
    const store = createMemoryStore();
    const prima = createFakePrima();
    c = await startTestConnector({
      store,
      now: () => clock.now(),
      engine: (s) =>
        createEngine({
          store: s,
          queue: createMemoryQueue({ clock }),
          clock,
          logger: silent,
          prima: async () => prima,
          storefront: async (tenantId) => {
            const shop = shops.get(tenantId);
            if (!shop) throw new Error(`no storefront for ${tenantId}`);
            return shop;
          },
        }),
    });
    mine = await c.accounts.register({ siteUrl: 'http://mine.test' });
    theirs = await c.accounts.register({ siteUrl: 'http://theirs.test' });
    for (const t of [mine, theirs]) {
      shops.set(t.tenantId, createFakeStorefront({ platform: 'woocommerce' }));
      await store.settings.put(t.tenantId, settingsSchema.parse({ prima: { url: 'http://prima.test/x' } }));
    }
    // My shop took a paid order on DAY that never reached Prima; theirs took nothing.
    shops.get(mine.tenantId)?.putOrder(
      sampleOrder('4521', {
        platform: 'woocommerce',
        orderNumber: '4521',
        createdAt: `${DAY}T10:00:00.000Z`,
        updatedAt: `${DAY}T10:00:00.000Z`,
      }),
    );
    await c.engine.reconcileDay(mine.tenantId, DAY);
    await c.engine.reconcileDay(theirs.tenantId, DAY);
  });
  afterEach(async () => {
    await c.close();
  });

  it("shows each shop only its own days, findings and CSV rows (another shop's reports stay out)", async () => {
    const a = await get('/v1/reconciliation', mine.apiKey);
    expect(a.status).toBe(200);
    expect(a.body.reports).toHaveLength(1);
    expect(a.body.reports[0]).toMatchObject({ day: DAY, reconciled: false, storeOrders: 1 });
    expect(a.body.reports[0]?.findings.map((f) => `${f.kind}:${f.storefrontOrderNumber}`)).toEqual([
      'missing_in_prima:4521',
    ]);
    expect(a.body.csv).toContain('4521');

    const b = await get('/v1/reconciliation', theirs.apiKey);
    expect(b.status).toBe(200);
    expect(b.body.reports).toEqual([
      expect.objectContaining({ day: DAY, reconciled: true, storeOrders: 0, findings: [] }),
    ]);
    expect(b.body.csv).not.toContain('4521');
    expect(b.body.csv).toContain(`${DAY},reconciled`);
  });

  it('reads 30 days by default and up to 90 on request', async () => {
    const early = '2026-09-30'; // 53 days before today
    await c.engine.reconcileDay(mine.tenantId, early);
    const byDefault = await get('/v1/reconciliation', mine.apiKey);
    expect(byDefault.body.reports.map((r) => r.day)).toEqual([DAY]);
    const longer = await get('/v1/reconciliation?days=60', mine.apiKey);
    expect(longer.body.reports.map((r) => r.day)).toEqual([DAY, early]);
  });

  it('refuses a days value outside 1..90, and a missing key', async () => {
    for (const days of ['0', '91', 'abc', '2.5']) {
      expect((await get(`/v1/reconciliation?days=${days}`, mine.apiKey)).status).toBe(400);
    }
    expect((await fetch(`${c.url}/v1/reconciliation`)).status).toBe(401);
  });
});
