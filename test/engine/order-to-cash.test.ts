/**
 * One order's whole life through the engine and the Prima sandbox over HTTP: posted, status polled with
 * backoff, dispatched (one storefront fulfilment with tracking), refunded (a credit note in Prima), plus a
 * cancellation before the cut-off, one after it, and a stock sync that holds back orders not yet in Prima.
 */
import {
  createEngine,
  createPrimaGateway,
  type Engine,
  itemRef,
  type ManualClock,
  manualClock,
  parseSettings,
  recordingLogger,
} from '@prima-connect/prima-core';
import {
  createFakeStorefront,
  createMemoryQueue,
  createMemoryStore,
  drainQueue,
  type FakeStorefront,
  sampleOrder,
} from '@prima-connect/prima-core/testing';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const T = 'tenant-o2c';
const MIN = 60_000;

function settingsFor(url: string, holdWindowMinutes = 0) {
  return parseSettings({
    prima: { url, timeoutMs: 3000 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN', holdWindowMinutes },
    stock: { enabled: true },
    maps: {
      shipping: { standard: { charge: 'RM48' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
  });
}

describe('order to cash against the Prima sandbox over HTTP', { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let engine: Engine;
  let clock: ManualClock;
  let storefront: FakeStorefront;
  let store: ReturnType<typeof createMemoryStore>;
  let queue: ReturnType<typeof createMemoryQueue>;

  beforeEach(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    // Hand-moved time for the engine and its queue; HTTP runs in real time.
    clock = manualClock(new Date().toISOString());
    store = createMemoryStore();
    queue = createMemoryQueue({ clock });
    storefront = createFakeStorefront();
    await store.tenants.put({
      id: T,
      platform: 'shopify',
      shop: 'o2c.myshopify.com',
      createdAt: clock.now().toISOString(),
    });
    await store.settings.put(T, settingsFor(sandbox.wsdlUrl));
    const gateway = createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } });
    engine = createEngine({
      store,
      queue,
      clock,
      logger: recordingLogger(),
      prima: async () => gateway,
      storefront: async () => storefront,
      backoff: { baseMs: 1000, capMs: 10_000, factor: 2 },
    });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function drain(): Promise<void> {
    await drainQueue({ queue, clock, work: () => engine.work('w1'), rounds: 50 });
  }

  async function post(id: string): Promise<void> {
    storefront.putOrder(sampleOrder(id));
    await engine.handleOrderEvent({
      tenantId: T,
      eventKey: `e-${id}`,
      topic: 'order.paid',
      storefrontOrderId: id,
      correlationId: `c-${id}`,
    });
    await drain();
  }

  it('posts, polls, fulfils once with tracking, and credits a refund in Prima', async () => {
    await post('1001');
    expect(sandbox.state.orders.get('W1001')?.status).toBe('Allocated');

    clock.advance(5 * MIN);
    expect(await engine.pollStatuses(T)).toEqual({ polled: 1, changed: 1 });
    expect((await store.links.get(T, '1001'))?.primaRawStatus).toBe('Allocated');

    sandbox.state.dispatch('W1001', { carrier: 'DPD', trackingNumber: 'DPD123' });
    clock.advance(15 * MIN);
    await engine.pollStatuses(T);
    expect(storefront.fulfilments).toHaveLength(1);
    expect(storefront.fulfilments[0]?.dispatch).toMatchObject({ carrier: 'DPD', trackingNumber: 'DPD123' });
    const link = await store.links.get(T, '1001');
    expect(link?.primaState).toBe('despatched');
    expect(link?.nextPollAt).toBeUndefined();
    expect(storefront.writeBacks.at(-1)?.info).toMatchObject({
      primaOrderNumber: 'W1001',
      status: 'Despatched',
    });
    clock.advance(24 * 60 * MIN);
    expect((await engine.pollStatuses(T)).polled).toBe(0);

    await engine.handleRefundEvent({
      tenantId: T,
      eventKey: 'r-1',
      correlationId: 'c-r1',
      refund: {
        platform: 'shopify',
        storefrontOrderId: '1001',
        storefrontRefundId: 'rf1',
        createdAt: clock.now().toISOString(),
        currency: 'GBP',
        amountMinor: 5000,
        lines: [{ lineId: '1001-L1', sku: 'ETOS-G-080', quantity: 1, amountMinor: 5000, restock: true }],
        shippingMinor: 0,
      },
    });
    await drain();
    expect(sandbox.state.creditNotes).toEqual([
      expect.objectContaining({ orderNumber: 'W1001', totalMinor: 5000 }),
    ]);
    expect(await store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it('passes a cancellation before the cut-off; after it, a person gets a cutoff_passed exception', async () => {
    await post('2001');
    storefront.putOrder(sampleOrder('2001', { cancelledAt: clock.now().toISOString() }));
    await engine.handleOrderEvent({
      tenantId: T,
      eventKey: 'x-2001',
      topic: 'order.cancelled',
      storefrontOrderId: '2001',
      correlationId: 'c',
    });
    await drain();
    expect(sandbox.state.orders.get('W2001')?.status).toBe('Cancelled');

    await post('2002');
    sandbox.state.release('W2002');
    storefront.putOrder(sampleOrder('2002', { cancelledAt: clock.now().toISOString() }));
    await engine.handleOrderEvent({
      tenantId: T,
      eventKey: 'x-2002',
      topic: 'order.cancelled',
      storefrontOrderId: '2002',
      correlationId: 'c',
    });
    await drain();
    expect(sandbox.state.orders.get('W2002')?.status).toBe('Released');
    const [ex] = await store.exceptions.list(T, { status: 'open', code: 'cutoff_passed' });
    expect(ex?.problem.message).toContain('Released');
  });

  it("pushes the sandbox's available-to-sell less orders the engine has not yet posted", async () => {
    storefront.putVariants([
      {
        variantId: 'v1',
        productId: 'p1',
        sku: 'ETOS-G-080',
        title: 'Etos',
        inventoryItemId: 'inv-1',
        options: {},
      },
    ]);
    const item = sandbox.state.findItem(itemRef('ETOS', 'G', '080'));
    if (!item) throw new Error('demo catalogue lacks ETOS-G-080');
    const primaFigure = sandbox.state.availableToSell(item);
    // An order in its hold window: the store has sold 2, Prima does not know yet.
    await store.settings.put(T, settingsFor(sandbox.wsdlUrl, 30));
    storefront.putOrder(sampleOrder('3001'));
    await engine.handleOrderEvent({
      tenantId: T,
      eventKey: 'e-3001',
      topic: 'order.paid',
      storefrontOrderId: '3001',
      correlationId: 'c',
    });
    const report = await engine.syncStock(T, { skus: ['ETOS-G-080'] });
    expect(report).toMatchObject({ mode: 'targeted', primaRows: 1, pushed: 1 });
    expect(storefront.stockLevel('inv-1', 'loc-1')).toBe(Math.max(0, primaFigure - 2));
  });
});
