/**
 * The engine against Prima (the sandbox over real HTTP through prima-core's OMLink gateway, and the
 * in-process fake), on every store the product ships with. Proves the reliability promises end to end: one Prima order per
 * storefront order whatever is delivered twice, fails, or crashes, and nothing lost in an outage.
 */
import {
  createEngine,
  type Engine,
  itemRef,
  type PrimaGateway,
  parseSettings,
  recordingLogger,
  type SettingsInput,
  systemClock,
} from '@prima-connect/prima-core';
import { createFakeStorefront, type FakeStorefront, sampleOrder } from '@prima-connect/prima-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedPrima, primaBackends } from './prima-side.js';
import { type OpenedStore, storeVariants } from './store-variants.js';

const T = 'tenant-e2e';

function settingsFor(url: string, orders: SettingsInput['orders'] = {}) {
  return parseSettings({
    prima: { url, timeoutMs: 3000, maxConcurrency: 4 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN', channel: 'WEB', ...orders },
    maps: {
      shipping: { standard: { charge: 'RM48' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
  });
}

interface Rig {
  engines: Engine[];
  db: OpenedStore;
  prima: OpenedPrima;
  storefront: FakeStorefront;
}

/** A gateway whose postOrders reaches Prima, then "crashes" before the caller can record the OK. */
function crashingAfterPost(gateway: PrimaGateway, crashes: { left: number }): PrimaGateway {
  return {
    ...gateway,
    ping: () => gateway.ping(),
    getOrderStatus: (n) => gateway.getOrderStatus(n),
    availableToSell: (r) => gateway.availableToSell(r),
    availableToSellFor: (i) => gateway.availableToSellFor(i),
    cancelOrder: (n, l) => gateway.cancelOrder(n, l),
    amendDelivery: (n, d) => gateway.amendDelivery(n, d),
    createCreditNote: (r) => gateway.createCreditNote(r),
    postJournal: (r) => gateway.postJournal(r),
    async postOrders(orders) {
      const results = await gateway.postOrders(orders);
      if (crashes.left > 0) {
        crashes.left--;
        throw new Error('simulated crash after Prima accepted the order');
      }
      return results;
    },
  };
}

async function rig(db: OpenedStore, prima: OpenedPrima, crashes = { left: 0 }): Promise<Rig> {
  const storefront = createFakeStorefront();
  const first = db.workers[0];
  if (!first) throw new Error('no worker ports');
  await first.store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'e2e.myshopify.com',
    createdAt: new Date().toISOString(),
  });
  await first.store.settings.put(T, settingsFor(prima.url));
  const engines = db.workers.map((ports) =>
    createEngine({
      store: ports.store,
      queue: ports.queue,
      clock: systemClock,
      logger: recordingLogger(),
      prima: async () => crashingAfterPost(prima.gateway(), crashes),
      storefront: async () => storefront,
      // Real time, short waits: retries come within milliseconds.
      backoff: { baseMs: 20, capMs: 200, factor: 2 },
      leaseMs: 10_000,
      maxAttempts: 50,
    }),
  );
  return { engines, db, prima, storefront };
}

/** Every worker works until the queue is empty (or the deadline passes). */
async function drain(r: Rig, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  const queue = r.db.workers[0]?.queue;
  if (!queue) return;
  while (Date.now() < until) {
    const reports = await Promise.all(r.engines.map((e, i) => e.work(`worker-${i}`, { limit: 5 })));
    if (reports.some((rep) => rep.claimed > 0)) continue;
    const c = await queue.counts(T);
    if (c.pending === 0 && c.active === 0) return;
    await new Promise((res) => setTimeout(res, 15));
  }
  throw new Error('queue did not drain in time');
}

const event = (id: string, key = `evt-${id}`) => ({
  tenantId: T,
  eventKey: key,
  topic: 'order.paid' as const,
  storefrontOrderId: id,
  correlationId: `c-${id}`,
});

const stores = storeVariants();
for (const backend of primaBackends())
  for (const variant of stores) {
    describe(`engine with ${backend.name} on ${variant.name}`, { timeout: 60_000 }, () => {
      let db: OpenedStore;
      let prima: OpenedPrima;
      beforeEach(async () => {
        db = await variant.open();
        prima = await backend.open();
      });
      afterEach(async () => {
        await prima.close();
        await db.close();
      });

      it('the same order event delivered three times at once makes one Prima order', async () => {
        const r = await rig(db, prima);
        r.storefront.putOrder(sampleOrder('1001'));
        const [a, b] = r.engines as [Engine, Engine];
        const results = await Promise.all([
          a.handleOrderEvent(event('1001')),
          b.handleOrderEvent(event('1001')),
          a.handleOrderEvent(event('1001')),
        ]);
        expect(results.filter((x) => x.accepted)).toHaveLength(1);
        await drain(r);
        expect(prima.orderNumbers()).toEqual(['W1001']);
        const link = await db.workers[0]?.store.links.get(T, '1001');
        expect(link?.state).toBe('posted');
        expect(link?.customerCode).toBeTruthy();
      });

      it('an outage while posting loses nothing: everything posts once Prima is back', async () => {
        const r = await rig(db, prima);
        prima.setOutage(true);
        const ids = ['2001', '2002', '2003', '2004', '2005'];
        for (const id of ids) {
          r.storefront.putOrder(sampleOrder(id));
          await r.engines[0]?.handleOrderEvent(event(id));
        }
        // A few rounds against the dead Prima: every order is retried, none is given up.
        for (let i = 0; i < 3; i++) {
          await Promise.all(r.engines.map((e, n) => e.work(`worker-${n}`)));
          await new Promise((res) => setTimeout(res, 60));
        }
        const store = db.workers[0]?.store;
        const during = await store?.exceptions.list(T, { status: 'open', code: 'prima_unreachable' });
        expect(during?.length).toBeGreaterThan(0);
        expect(prima.orderNumbers()).toEqual([]);

        prima.setOutage(false);
        await drain(r);
        expect(prima.orderNumbers()).toEqual(ids.map((id) => `W${id}`));
        for (const id of ids) expect((await store?.links.get(T, id))?.state).toBe('posted');
        expect(await store?.exceptions.list(T, { status: 'open' })).toEqual([]);
      });

      it("a crash between Prima's OK and our commit still ends with exactly one order", async () => {
        const r = await rig(db, prima, { left: 1 });
        r.storefront.putOrder(sampleOrder('3001'));
        await r.engines[0]?.handleOrderEvent(event('3001'));
        await drain(r);
        expect(prima.orderNumbers()).toEqual(['W3001']);
        expect(prima.newOrderCalls()).toBe(1);
        expect((await db.workers[0]?.store.links.get(T, '3001'))?.state).toBe('posted');
      });

      it('an unmapped SKU becomes an exception and posts correctly after the mapping is added and the exception retried', async () => {
        const r = await rig(db, prima);
        r.storefront.putOrder(
          sampleOrder('4001', { items: [{ sku: 'LEGACY123', quantity: 1, unitPriceMinor: 8999 }] }),
        );
        await r.engines[0]?.handleOrderEvent(event('4001'));
        await drain(r);
        const store = db.workers[0]?.store;
        if (!store) throw new Error('no store');
        expect((await store.links.get(T, '4001'))?.state).toBe('exception');
        const [ex] = await store.exceptions.list(T, { status: 'open', subject: 'order:4001' });
        expect(ex?.code).toBe('unmapped_sku');
        expect(prima.orderNumbers()).toEqual([]);

        await store.mappings.upsertMany(T, [
          {
            sku: 'LEGACY123',
            kind: 'stock',
            item: itemRef('ETOS', 'H', '090'),
            source: 'manual',
            updatedAt: new Date().toISOString(),
          },
        ]);
        await r.engines[1]?.retryException(T, ex?.id ?? '', 'merchandiser');
        await drain(r);
        expect((await store.links.get(T, '4001'))?.state).toBe('posted');
        expect(prima.orderNumbers()).toEqual(['W4001']);
        expect(prima.orderLines('W4001')).toEqual([
          { product: 'ETOS', matrix1: 'H', matrix2: '090', quantity: 1 },
        ]);
        expect(await store.exceptions.list(T, { status: 'open', subject: 'order:4001' })).toEqual([]);
      });
    });
  }
