import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from './engine.js';
import type { Engine } from './engine-api.js';
import { itemRef, type Order, type StorefrontVariant } from './model/index.js';
import { type RecordingLogger, recordingLogger } from './monitor/log.js';
import { parseSettings } from './settings.js';
import { type ManualClock, manualClock } from './sync/clock.js';
import { createFakePrima, type FakePrima } from './testing/fake-prima.js';
import { createFakeStorefront, type FakeStorefront, sampleOrder } from './testing/fake-storefront.js';
import { createMemoryQueue, type MemoryQueue } from './testing/memory-queue.js';
import { createMemoryStore, type MemoryStore } from './testing/memory-store.js';

const T = 'shop-1';
const MIN = 60_000;
const ETOS = itemRef('ETOS', 'G', '080');

interface World {
  engine: Engine;
  store: MemoryStore;
  queue: MemoryQueue;
  prima: FakePrima;
  storefront: FakeStorefront;
  clock: ManualClock;
  logger: RecordingLogger;
}

function settings(orders: Record<string, unknown> = {}, stock: Record<string, unknown> = {}) {
  return parseSettings({
    prima: { url: 'http://prima.test/wsa/wsa1/wsdl?targetURI=urn:omlink', maxConcurrency: 2 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN', ...orders },
    stock: { enabled: true, ...stock },
    maps: {
      shipping: { standard: { charge: 'P&P' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
  });
}

async function world(
  opts: { orders?: Record<string, unknown>; stock?: Record<string, unknown>; maxAttempts?: number } = {},
): Promise<World> {
  const clock = manualClock('2026-03-01T10:00:00.000Z');
  const store = createMemoryStore();
  const queue = createMemoryQueue({ clock });
  const prima = createFakePrima();
  prima.setStock(ETOS, 20);
  const storefront = createFakeStorefront();
  const logger = recordingLogger();
  await store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'shop-1.myshopify.com',
    createdAt: clock.now().toISOString(),
  });
  await store.settings.put(T, settings(opts.orders, opts.stock));
  const engine = createEngine({
    store,
    queue,
    clock,
    logger,
    prima: async () => prima,
    storefront: async () => storefront,
    // Pinned jitter: retries land at half the exponential ceiling.
    random: () => 0.5,
    backoff: { baseMs: 1000, capMs: 60_000, factor: 2 },
    maxAttempts: opts.maxAttempts ?? 5,
  });
  return { engine, store, queue, prima, storefront, clock, logger };
}

function event(id: string, over: Partial<Parameters<Engine['handleOrderEvent']>[0]> = {}) {
  return {
    tenantId: T,
    eventKey: `evt-${id}`,
    topic: 'order.paid' as const,
    storefrontOrderId: id,
    correlationId: `corr-${id}`,
    ...over,
  };
}

/** Runs due jobs until none is left, moving the clock to each retry. */
async function drain(w: World, maxRounds = 30): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    const r = await w.engine.work('w1');
    if (r.claimed > 0) continue;
    const next = w.queue
      .snapshot()
      .filter((s) => s.state === 'pending')
      .map((s) => s.job.runAt.getTime())
      .sort((a, b) => a - b)[0];
    if (next === undefined) return;
    w.clock.set(new Date(Math.max(next, w.clock.now().getTime())).toISOString());
  }
}

/** The storefront variant of ETOS-G-080 (Prima item ETOS G 080) that most stock tests use. */
const etos080 = (): StorefrontVariant => ({
  variantId: 'v1',
  productId: 'p1',
  sku: 'ETOS-G-080',
  title: 'Etos 8 G',
  inventoryItemId: 'inv-1',
  options: {},
});

function place(w: World, order: Order): Order {
  w.storefront.putOrder(order);
  return order;
}

describe('order to Prima', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('posts a paid order once, writes the Prima number back, and audits it', async () => {
    place(w, sampleOrder('1001'));
    expect(await w.engine.handleOrderEvent(event('1001'))).toEqual({ accepted: true, duplicate: false });
    await drain(w);
    const link = await w.store.links.get(T, '1001');
    expect(link).toMatchObject({
      state: 'posted',
      primaOrderNumber: 'W1001',
      attempts: 1,
      primaState: 'entered',
    });
    expect(link?.customerCode).toMatch(/^C/);
    expect(w.prima.orders.get('W1001')?.order.totalMinor).toBe(10_500);
    expect(w.storefront.writeBacks).toEqual([
      {
        storefrontOrderId: '1001',
        info: { primaOrderNumber: 'W1001', status: 'In Prima', primaStatus: 'Entered' },
      },
    ]);
    expect((await w.store.audit.list(T, { action: 'order.posted' }))[0]?.detail).toMatchObject({
      primaOrderNumber: 'W1001',
      how: 'accepted',
    });
    expect(link?.nextPollAt).toBe('2026-03-01T10:05:00.000Z');
  });

  it("polls on the tenant's own schedule: a one-minute first step shows a dispatch a minute after posting", async () => {
    const quick = await world({ orders: { statusPollMinutes: [1, 2] } });
    place(quick, sampleOrder('1001'));
    await quick.engine.handleOrderEvent(event('1001'));
    await drain(quick);
    expect((await quick.store.links.get(T, '1001'))?.nextPollAt).toBe('2026-03-01T10:01:00.000Z');
    quick.prima.addDispatch('W1001', {
      dispatchId: 'D1',
      dispatchedAt: '2026-03-01T10:00:30.000Z',
      carrier: 'DPD',
      trackingNumber: 'TRK1',
      lines: [{ lineNo: 1, quantity: 2 }],
    });
    quick.clock.advance(MIN);
    expect(await quick.engine.pollStatuses(T)).toEqual({ polled: 1, changed: 1 });
    expect(quick.storefront.fulfilments.map((f) => f.dispatch.trackingNumber)).toEqual(['TRK1']);
  });

  it('the same event three times at once: one link, one job, one Prima order', async () => {
    place(w, sampleOrder('1002'));
    const results = await Promise.all([1, 2, 3].map(() => w.engine.handleOrderEvent(event('1002'))));
    expect(results.filter((r) => r.accepted)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    // A second, different event for the same order (orders/create after orders/paid) adds no job either.
    await w.engine.handleOrderEvent(event('1002', { eventKey: 'other', topic: 'order.created' }));
    expect(w.queue.snapshot().filter((s) => s.job.type === 'post-order')).toHaveLength(1);
    await drain(w);
    expect(w.prima.calls.postOrders).toBe(1);
    expect((await w.engine.metrics(T)).duplicateEventsSuppressed).toBe(2);
  });

  it('ignores orders before the trigger, when posting is off, and cancelled ones it never saw', async () => {
    place(w, sampleOrder('1003', { financialStatus: 'pending' }));
    expect((await w.engine.handleOrderEvent(event('1003'))).ignoredReason).toBe('trigger_not_reached');
    place(w, sampleOrder('1004', { cancelledAt: '2026-03-01T10:00:00.000Z' }));
    expect((await w.engine.handleOrderEvent(event('1004', { topic: 'order.cancelled' }))).ignoredReason).toBe(
      'cancelled_before_prima',
    );
    const off = await world({ orders: { postingEnabled: false } });
    place(off, sampleOrder('1005'));
    expect((await off.engine.handleOrderEvent(event('1005'))).ignoredReason).toBe('posting_disabled');
    expect(await w.store.links.get(T, '1003')).toBeNull();
  });

  it('authorised orders go on the "authorized" trigger', async () => {
    const a = await world({ orders: { trigger: 'authorized' } });
    place(a, sampleOrder('1006', { financialStatus: 'authorized' }));
    expect((await a.engine.handleOrderEvent(event('1006'))).accepted).toBe(true);
  });

  it('waits out the hold window and posts the order as it is then (edits included)', async () => {
    const h = await world({ orders: { holdWindowMinutes: 10 } });
    place(h, sampleOrder('1007'));
    await h.engine.handleOrderEvent(event('1007'));
    expect((await h.store.links.get(T, '1007'))?.dueAt).toBe('2026-03-01T10:10:00.000Z');
    expect((await h.engine.work('w1')).claimed).toBe(0);
    place(h, sampleOrder('1007', { items: [{ sku: 'ETOS-G-080', quantity: 3, unitPriceMinor: 5000 }] }));
    h.clock.advance(10 * MIN);
    await drain(h);
    expect(h.prima.orders.get('W1007')?.order.lines[0]?.quantity).toBe(3);
  });

  it('logs one correlation id from event to Prima reply, and never the customer e-mail', async () => {
    place(w, sampleOrder('1008'));
    await w.engine.handleOrderEvent(event('1008'));
    await drain(w);
    const sent = w.logger.records.find((r) => r.msg === 'sending order to Prima');
    const replied = w.logger.records.find((r) => r.msg === 'Prima replied');
    expect(sent?.fields.correlationId).toBe('corr-1008');
    expect(replied?.fields.correlationId).toBe('corr-1008');
    expect(JSON.stringify(w.logger.records)).not.toContain('ada@example.test');
  });

  it('audits a money adjustment made while building the Prima order', async () => {
    const base = sampleOrder('1009');
    place(w, {
      ...base,
      totalMinor: base.totalMinor + 1,
      payments: [{ ...(base.payments[0] as Order['payments'][number]), amountMinor: base.totalMinor + 1 }],
    });
    await w.engine.handleOrderEvent(event('1009'));
    await drain(w);
    expect((await w.store.links.get(T, '1009'))?.state).toBe('posted');
    const adjusted = await w.store.audit.list(T, { action: 'order.money_adjusted', subject: 'order:1009' });
    expect(adjusted).toHaveLength(1);
    expect(adjusted[0]?.detail).toMatchObject({
      kind: 'rounding_line',
      amountMinor: 1,
      primaOrderNumber: 'W1009',
    });
    expect(w.prima.orders.get('W1009')?.order.totalMinor).toBe(10_501);
  });

  it('rejects malformed input at the boundary', async () => {
    await expect(w.engine.handleOrderEvent({ ...event('x'), tenantId: '' })).rejects.toThrow();
    await expect(
      w.engine.handleOrderEvent({ ...event('x'), topic: 'order.exploded' as 'order.paid' }),
    ).rejects.toThrow();
  });
});

describe('failures end in exactly one Prima order or a clear exception', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('an unmapped SKU becomes one exception; after mapping it and retrying, the order posts', async () => {
    place(
      w,
      sampleOrder('2001', {
        items: [
          { sku: 'MYSTERY', quantity: 1, unitPriceMinor: 1000 },
          { sku: 'ODD', quantity: 1, unitPriceMinor: 1000 },
        ],
      }),
    );
    await w.engine.handleOrderEvent(event('2001'));
    await drain(w);
    const link = await w.store.links.get(T, '2001');
    expect(link?.state).toBe('exception');
    const open = await w.store.exceptions.list(T, { status: 'open', subject: 'order:2001' });
    expect(open.map((e) => e.code)).toEqual(['unmapped_sku']);
    expect(open[0]?.problem.message).toContain('MYSTERY');
    expect(open[0]?.problem.message).toContain('ODD');
    expect(w.storefront.writeBacks.at(-1)?.info.status).toBe('Needs attention');
    expect(w.prima.calls.postOrders).toBe(0);

    const now = w.clock.now().toISOString();
    w.prima.setStock(itemRef('MYST'), 5);
    w.prima.setStock(itemRef('ODD'), 5);
    await w.store.mappings.upsertMany(T, [
      { sku: 'MYSTERY', kind: 'stock', item: itemRef('MYST'), source: 'manual', updatedAt: now },
      { sku: 'ODD', kind: 'stock', item: itemRef('ODD'), source: 'manual', updatedAt: now },
    ]);
    await w.engine.retryException(T, open[0]?.id ?? '', 'merch@shop');
    await drain(w);
    expect((await w.store.links.get(T, '2001'))?.state).toBe('posted');
    expect(await w.store.exceptions.list(T, { status: 'open', subject: 'order:2001' })).toEqual([]);
    expect(w.prima.orders.size).toBe(1);
    expect((await w.store.audit.list(T, { action: 'exception.retried' }))[0]?.actor).toBe('merch@shop');
  });

  it('an outage retries with backoff, shows one prima_unreachable exception counting attempts, and resolves it on posting', async () => {
    place(w, sampleOrder('2002'));
    w.prima.setOutage(true);
    await w.engine.handleOrderEvent(event('2002'));
    const first = await w.engine.work('w1');
    expect(first.jobs[0]?.outcome).toBe('retry');
    const job = w.queue.snapshot()[0];
    // Full jitter pinned at 0.5 of a 1 s ceiling.
    expect(job?.job.runAt.toISOString()).toBe('2026-03-01T10:00:00.500Z');
    w.clock.advance(500);
    await w.engine.work('w1');
    const open = await w.store.exceptions.list(T, { status: 'open', code: 'prima_unreachable' });
    expect(open).toHaveLength(1);
    expect(open[0]?.attempts).toBe(2);
    expect((await w.store.links.get(T, '2002'))?.state).toBe('posting');

    w.prima.setOutage(false);
    await drain(w);
    expect((await w.store.links.get(T, '2002'))?.state).toBe('posted');
    expect(w.prima.orders.size).toBe(1);
    expect(await w.store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it("a crash between Prima's OK and our commit still ends with one order (verified, not re-sent)", async () => {
    place(w, sampleOrder('2003'));
    w.prima.acceptThenThrow();
    await w.engine.handleOrderEvent(event('2003'));
    await drain(w);
    expect(w.prima.orders.size).toBe(1);
    expect(w.prima.calls.postOrders).toBe(1);
    const link = await w.store.links.get(T, '2003');
    expect(link?.state).toBe('posted');
    expect((await w.store.audit.list(T, { action: 'order.posted' }))[0]?.detail.how).toBe('verified');
  });

  it('E:21 from Prima is verified with OrderStatus and counts as posted', async () => {
    place(w, sampleOrder('2004'));
    // Someone keyed the order into Prima by hand, under the same number.
    await w.prima.postOrders([{ ...(await buildFor(w, '2004')), customerCode: 'HAND01' }]);
    await w.engine.handleOrderEvent(event('2004'));
    await drain(w);
    expect((await w.store.links.get(T, '2004'))?.state).toBe('posted');
    expect((await w.store.audit.list(T, { action: 'order.posted' }))[0]?.detail.how).toBe(
      'duplicate_verified',
    );
    expect(w.prima.orders.size).toBe(1);
  });

  it('a Prima rejection becomes an exception, not a retry loop', async () => {
    place(w, sampleOrder('2005', { items: [{ sku: 'GONE-X-1', quantity: 1, unitPriceMinor: 1000 }] }));
    await w.engine.handleOrderEvent(event('2005'));
    await drain(w);
    expect((await w.store.links.get(T, '2005'))?.state).toBe('exception');
    expect((await w.store.exceptions.list(T, { status: 'open' })).map((e) => e.code)).toEqual([
      'prima_rejected',
    ]);
    expect(w.prima.calls.postOrders).toBe(1);
  });

  it('dead-letters after maxAttempts and shows the order as needing a person', async () => {
    const d = await world({ maxAttempts: 3 });
    place(d, sampleOrder('2006'));
    d.prima.setOutage(true);
    await d.engine.handleOrderEvent(event('2006'));
    await drain(d);
    expect(d.queue.deadLetters()).toHaveLength(1);
    const link = await d.store.links.get(T, '2006');
    expect(link?.state).toBe('exception');
    expect(link?.lastProblem?.message).toMatch(/after 3 attempt/);
    expect((await d.engine.metrics(T)).queue.dead).toBe(1);
    // Once Prima is back, one click posts it.
    d.prima.setOutage(false);
    const ex = (await d.store.exceptions.list(T, { status: 'open' }))[0];
    await d.engine.retryException(T, ex?.id ?? '', 'ops');
    await drain(d);
    expect((await d.store.links.get(T, '2006'))?.state).toBe('posted');
  });

  it('a store that refuses the write-back leaves the order posted, raises storefront_api_error, and retries the note', async () => {
    place(w, sampleOrder('2007'));
    w.storefront.failNext('writeBack', 1);
    await w.engine.handleOrderEvent(event('2007'));
    await w.engine.work('w1');
    expect((await w.store.links.get(T, '2007'))?.state).toBe('posted');
    expect((await w.store.exceptions.list(T, { status: 'open' })).map((e) => e.code)).toEqual([
      'storefront_api_error',
    ]);
    await drain(w);
    expect(w.storefront.writeBacks).toHaveLength(1);
    expect(await w.store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it('repost never creates a second Prima order', async () => {
    place(w, sampleOrder('2008'));
    await w.engine.handleOrderEvent(event('2008'));
    await drain(w);
    const view = await w.engine.repost(T, '2008', 'staff');
    await drain(w);
    expect(view.state).toBe('posted');
    expect(w.prima.calls.postOrders).toBe(1);
  });
});

async function buildFor(w: World, id: string) {
  const { buildPrimaOrder } = await import('./orders/build-order.js');
  const { createSkuResolver } = await import('./mapping/sku-resolver.js');
  const s = (await w.store.settings.get(T)) ?? settings();
  const order = (await w.storefront.getOrder(id)) as Order;
  const built = buildPrimaOrder(order, { settings: s, resolver: createSkuResolver([], s.maps.pattern) });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.value.order;
}

describe('changes, status and refunds', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    place(w, sampleOrder('3001'));
    await w.engine.handleOrderEvent(event('3001'));
    await drain(w);
  });

  it('an echo of our own write-back (same content) is ignored', async () => {
    place(w, {
      ...sampleOrder('3001'),
      tags: ['prima:W3001'],
      note: 'In Prima',
      updatedAt: '2026-03-01T10:01:00.000Z',
    });
    const r = await w.engine.handleOrderEvent(event('3001', { eventKey: 'upd-1', topic: 'order.updated' }));
    expect(r.ignoredReason).toBe('no_change');
    expect(w.queue.snapshot().filter((s) => s.job.type === 'apply-change')).toHaveLength(0);
  });

  it('a delivery address change before the cut-off reaches Prima', async () => {
    const moved = sampleOrder('3001', {
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        lines: ['1 New Road'],
        city: 'Leeds',
        postcode: 'LS1 1AA',
        country: 'GB',
      },
    });
    place(w, moved);
    await w.engine.handleOrderEvent(event('3001', { eventKey: 'upd-2', topic: 'order.updated' }));
    await drain(w);
    expect(w.prima.amendments[0]?.delivery.postcode).toBe('LS1 1AA');
    // The same content again is now an echo.
    expect(
      (await w.engine.handleOrderEvent(event('3001', { eventKey: 'upd-3', topic: 'order.updated' })))
        .ignoredReason,
    ).toBe('no_change');
  });

  it("a cancellation before the cut-off cancels the Prima order; after it, a cutoff_passed exception shows Prima's status", async () => {
    place(w, sampleOrder('3001', { cancelledAt: '2026-03-01T10:30:00.000Z' }));
    await w.engine.handleOrderEvent(event('3001', { eventKey: 'cancel-1', topic: 'order.cancelled' }));
    await drain(w);
    expect(w.prima.orders.get('W3001')?.state).toBe('cancelled');
    expect((await w.store.links.get(T, '3001'))?.nextPollAt).toBeUndefined();

    place(w, sampleOrder('3002'));
    await w.engine.handleOrderEvent(event('3002'));
    await drain(w);
    w.prima.setStatus('W3002', 'released', 'Released to Warehouse');
    place(w, sampleOrder('3002', { cancelledAt: '2026-03-01T10:30:00.000Z' }));
    await w.engine.handleOrderEvent(event('3002', { eventKey: 'cancel-2', topic: 'order.cancelled' }));
    await drain(w);
    expect(w.prima.orders.get('W3002')?.state).toBe('released');
    const ex = await w.store.exceptions.list(T, { status: 'open', code: 'cutoff_passed' });
    expect(ex[0]?.problem.message).toContain('Released to Warehouse');
  });

  it('a cancellation before Prima cancels the link and nothing is sent', async () => {
    const h = await world({ orders: { holdWindowMinutes: 30 } });
    place(h, sampleOrder('3003'));
    await h.engine.handleOrderEvent(event('3003'));
    place(h, sampleOrder('3003', { cancelledAt: '2026-03-01T10:05:00.000Z' }));
    await h.engine.handleOrderEvent(event('3003', { eventKey: 'c', topic: 'order.cancelled' }));
    h.clock.advance(31 * MIN);
    await drain(h);
    expect((await h.store.links.get(T, '3003'))?.state).toBe('cancelled');
    expect(h.prima.calls.postOrders).toBe(0);
  });

  it('polls with backoff, turns a dispatch into one fulfilment, and stops at despatched', async () => {
    w.clock.advance(5 * MIN);
    expect(await w.engine.pollStatuses(T)).toEqual({ polled: 1, changed: 0 });
    expect((await w.store.links.get(T, '3001'))?.nextPollAt).toBe('2026-03-01T10:20:00.000Z');
    w.clock.advance(MIN);
    expect((await w.engine.pollStatuses(T)).polled).toBe(0);

    w.prima.addDispatch('W3001', {
      dispatchId: 'D1',
      dispatchedAt: '2026-03-01T10:15:00.000Z',
      carrier: 'DPD',
      trackingNumber: 'TRK1',
      lines: [{ lineNo: 1, quantity: 2 }],
    });
    w.clock.set('2026-03-01T10:20:00.000Z');
    expect(await w.engine.pollStatuses(T)).toEqual({ polled: 1, changed: 1 });
    expect(w.storefront.fulfilments.map((f) => f.dispatch.dispatchId)).toEqual(['D1']);
    const link = await w.store.links.get(T, '3001');
    expect(link).toMatchObject({ primaState: 'despatched', appliedDispatches: ['D1'] });
    expect(link?.nextPollAt).toBeUndefined();
    expect(w.storefront.writeBacks.at(-1)?.info.status).toBe('Despatched');
    const view = await w.engine.orderView(T, '3001');
    expect(view.dispatches).toEqual([
      { dispatchId: 'D1', carrier: 'DPD', trackingNumber: 'TRK1', at: '2026-03-01T10:15:00.000Z' },
    ]);
    w.clock.advance(24 * 60 * MIN);
    expect((await w.engine.pollStatuses(T)).polled).toBe(0);
  });

  it('a fulfilment the store refuses is an exception and is tried again at the next poll', async () => {
    w.prima.addDispatch('W3001', {
      dispatchId: 'D9',
      dispatchedAt: '2026-03-01T10:04:00.000Z',
      carrier: 'XYZ',
      lines: [],
    });
    w.storefront.failNext('createFulfilment', 1);
    w.clock.advance(5 * MIN);
    await w.engine.pollStatuses(T);
    expect((await w.store.exceptions.list(T, { status: 'open' })).map((e) => e.code)).toEqual([
      'fulfilment_failed',
    ]);
    expect((await w.store.links.get(T, '3001'))?.nextPollAt).toBeDefined();
    w.clock.advance(5 * MIN);
    await w.engine.pollStatuses(T);
    expect(w.storefront.fulfilments).toHaveLength(1);
    expect(await w.store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it('a refund of a posted order becomes a credit note against the Prima order', async () => {
    const refund = {
      platform: 'shopify',
      storefrontOrderId: '3001',
      storefrontRefundId: 'rf-1',
      createdAt: '2026-03-02T10:00:00.000Z',
      currency: 'GBP',
      amountMinor: 5500,
      lines: [{ lineId: '3001-L1', sku: 'ETOS-G-080', quantity: 1, amountMinor: 5000, restock: true }],
      shippingMinor: 500,
    };
    expect(
      await w.engine.handleRefundEvent({ tenantId: T, eventKey: 'r1', refund, correlationId: 'c-r1' }),
    ).toEqual({ accepted: true, duplicate: false });
    expect(
      (await w.engine.handleRefundEvent({ tenantId: T, eventKey: 'r1', refund, correlationId: 'c-r1' }))
        .duplicate,
    ).toBe(true);
    await drain(w);
    expect(w.prima.creditNotes).toHaveLength(1);
    expect(w.prima.creditNotes[0]).toMatchObject({
      orderNumber: 'W3001',
      totalMinor: 5500,
      charges: [{ code: 'P&P', amountMinor: 500 }],
      creditReference: 'Rrf1',
    });
    expect((await w.store.audit.list(T, { action: 'refund.credit_note' }))[0]?.detail.primaReference).toBe(
      'CN000001',
    );
  });

  it('a refund that cannot be itemised, or that Prima refuses, becomes credit_note_manual', async () => {
    const goodwill = {
      platform: 'shopify',
      storefrontOrderId: '3001',
      storefrontRefundId: 'rf-2',
      createdAt: '2026-03-02T10:00:00.000Z',
      currency: 'GBP',
      // More than the customer paid (10500): never credited automatically.
      amountMinor: 20_000,
      lines: [],
      shippingMinor: 0,
    };
    await w.engine.handleRefundEvent({
      tenantId: T,
      eventKey: 'r2',
      refund: goodwill,
      correlationId: 'c-r2',
    });
    w.prima.supportsCreditNotes = false;
    const itemised = {
      ...goodwill,
      storefrontRefundId: 'rf-3',
      amountMinor: 5000,
      lines: [{ lineId: '3001-L1', sku: 'ETOS-G-080', quantity: 1, amountMinor: 5000, restock: false }],
    };
    await w.engine.handleRefundEvent({
      tenantId: T,
      eventKey: 'r3',
      refund: itemised,
      correlationId: 'c-r3',
    });
    await drain(w);
    const ex = await w.store.exceptions.list(T, { status: 'open', code: 'credit_note_manual' });
    expect(ex).toHaveLength(1); // one per (subject, code): the second refund updates it
    expect(ex[0]?.attempts).toBe(2);
    expect(ex[0]?.problem.message).toContain('rf-3');
    expect(ex[0]?.problem.action).toContain('W3001');
  });
});

describe('stock, catch-up, views and housekeeping', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    w.storefront.putVariants([etos080()]);
  });

  it("pushes Prima's figure less orders not yet in Prima, then only changes, with an idempotency key", async () => {
    const h = await world({ orders: { holdWindowMinutes: 60 } });
    h.storefront.putVariants([etos080()]);
    place(h, sampleOrder('4001'));
    await h.engine.handleOrderEvent(event('4001'));
    const first = await h.engine.syncStock(T);
    expect(first).toMatchObject({
      mode: 'full',
      primaRows: 1,
      changed: 1,
      pushed: 1,
      storefrontCalls: 1,
      shortReplyGuarded: false,
    });
    expect(h.storefront.stockLevel('inv-1', 'loc-1')).toBe(18);
    expect(h.storefront.pushes[0]?.idempotencyKey).toMatch(/^stock-/);
    const second = await h.engine.syncStock(T);
    expect(second.changed).toBe(0);
    expect(h.storefront.calls.pushStock).toBe(1);
    const m = await h.engine.metrics(T);
    expect(m.stockFreshnessSeconds).toBe(0);
    expect(m.lastStockSyncAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('holds back orders not yet in Prima from the quantities kept on their links, without reading them again', async () => {
    const h = await world({ orders: { holdWindowMinutes: 60 } });
    h.storefront.putVariants([etos080()]);
    place(h, sampleOrder('4001'));
    await h.engine.handleOrderEvent(event('4001'));
    expect((await h.store.links.get(T, '4001'))?.heldLines).toEqual([{ sku: 'ETOS-G-080', quantity: 2 }]);
    const readsAtIntake = h.storefront.calls.getOrder;
    await h.engine.syncStock(T);
    expect(h.storefront.stockLevel('inv-1', 'loc-1')).toBe(18);
    expect(h.storefront.calls.getOrder).toBe(readsAtIntake);
    // A link made before quantities were kept on links is read from the storefront, as before.
    const link = await h.store.links.get(T, '4001');
    if (!link) throw new Error('no link');
    const { heldLines: _kept, ...legacy } = link;
    await h.store.links.update(legacy);
    h.prima.setStock(ETOS, 21);
    await h.engine.syncStock(T);
    expect(h.storefront.calls.getOrder).toBe(readsAtIntake + 1);
    expect(h.storefront.stockLevel('inv-1', 'loc-1')).toBe(19);
  });

  it('reuses the variant list between full syncs, and reads it again when it is old, asked for a new SKU, refused or invalidated', async () => {
    await w.engine.syncStock(T);
    expect(w.storefront.calls.listVariants).toBe(1);
    await w.engine.syncStock(T);
    expect(w.storefront.calls.listVariants).toBe(1);
    // A variant published since: the targeted sync after its first order does not find it, so reads again.
    w.storefront.putVariants([
      {
        variantId: 'v2',
        productId: 'p1',
        sku: 'ETOS-G-090',
        title: 'Etos 9 G',
        inventoryItemId: 'inv-2',
        options: {},
      },
    ]);
    await w.engine.syncStock(T, { skus: ['ETOS-G-090'] });
    expect(w.storefront.calls.listVariants).toBe(2);
    await w.engine.syncStock(T, { skus: ['ETOS-G-080'] });
    expect(w.storefront.calls.listVariants).toBe(2);
    // A SKU the store does not have (a custom line) is read for once, then remembered as absent.
    await w.engine.syncStock(T, { skus: ['CUSTOM-LINE'] });
    await w.engine.syncStock(T, { skus: ['CUSTOM-LINE'] });
    expect(w.storefront.calls.listVariants).toBe(3);
    await w.engine.syncStock(T, { skus: ['OTHER-CUSTOM'] }); // read once for it too...
    await w.engine.syncStock(T, { skus: ['CUSTOM-LINE'] }); // ...without forgetting the first one
    expect(w.storefront.calls.listVariants).toBe(4);
    // Older than catalogueRefreshMinutes (60 by default).
    w.clock.advance(61 * MIN);
    await w.engine.syncStock(T);
    expect(w.storefront.calls.listVariants).toBe(5);
    // The store refuses a figure (changed behind our back): the next sync reads the catalogue again.
    w.storefront.setStockLevel('inv-1', 'loc-1', 3);
    w.prima.setStock(ETOS, 17);
    const refused = await w.engine.syncStock(T);
    expect(refused.problems.map((p) => p.code)).toContain('storefront_api_error');
    await w.engine.syncStock(T);
    expect(w.storefront.calls.listVariants).toBe(6);
    w.engine.invalidateCatalogue(T);
    await w.engine.syncStock(T);
    expect(w.storefront.calls.listVariants).toBe(7);
  });

  it('reads the variant list on every sync when catalogueRefreshMinutes is 0', async () => {
    const h = await world({ stock: { catalogueRefreshMinutes: 0 } });
    h.storefront.putVariants([etos080()]);
    await h.engine.syncStock(T);
    await h.engine.syncStock(T);
    expect(h.storefront.calls.listVariants).toBe(2);
  });

  it('a targeted sync asks Prima only for the given SKUs', async () => {
    const r = await w.engine.syncStock(T, { skus: ['ETOS-G-080'] });
    expect(r).toMatchObject({ mode: 'targeted', primaRows: 1, pushed: 1 });
    expect(w.prima.calls.availableToSellFor).toBe(1);
    expect(w.prima.calls.availableToSell).toBe(0);
  });

  it('finds paid orders whose webhook never came, once', async () => {
    place(w, sampleOrder('5001'));
    place(w, sampleOrder('5002', { financialStatus: 'pending' }));
    expect(await w.engine.catchUp(T, '2026-03-01T00:00:00.000Z')).toEqual({ found: 1, enqueued: 1 });
    expect(await w.engine.catchUp(T, '2026-03-01T00:00:00.000Z')).toEqual({ found: 0, enqueued: 0 });
    await drain(w);
    expect(w.prima.orders.has('W5001')).toBe(true);
  });

  it('resolves an exception by hand with a note, audited', async () => {
    place(w, sampleOrder('6001', { items: [{ sku: 'NOPE', quantity: 1, unitPriceMinor: 100 }] }));
    await w.engine.handleOrderEvent(event('6001'));
    await drain(w);
    const ex = (await w.store.exceptions.list(T, { status: 'open' }))[0];
    const view = await w.engine.orderView(T, '6001');
    expect(view).toMatchObject({ state: 'exception', canRetry: true, openExceptionId: ex?.id });
    expect(view.lastProblem?.code).toBe('unmapped_sku');
    const resolved = await w.engine.resolveException(T, ex?.id ?? '', 'ops@shop', 'Keyed into Prima by hand');
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: 'ops@shop',
      resolutionNote: 'Keyed into Prima by hand',
    });
    expect((await w.store.audit.list(T, { action: 'exception.resolved' }))[0]?.detail.note).toBe(
      'Keyed into Prima by hand',
    );
  });

  it('metrics add up from links, exceptions and the queue', async () => {
    place(w, sampleOrder('7001'));
    place(w, sampleOrder('7002', { items: [{ sku: 'NOPE', quantity: 1, unitPriceMinor: 100 }] }));
    await w.engine.handleOrderEvent(event('7001'));
    await w.engine.handleOrderEvent(event('7002'));
    w.clock.advance(2000);
    await drain(w);
    const m = await w.engine.metrics(T, { days: 2 });
    expect(m).toMatchObject({
      ordersReceived: 2,
      ordersPosted: 1,
      acceptanceRate: 0.5,
      manualInterventionRate: 0.5,
    });
    expect(m.openExceptionsByCode).toEqual({ unmapped_sku: 1 });
    expect(m.postingLatencyMs.p50).toBe(2000);
    expect(m.daily).toEqual([
      { day: '2026-02-28', posted: 0, failed: 0 },
      { day: '2026-03-01', posted: 1, failed: 1 },
    ]);
    expect((await w.engine.listOrders(T)).map((l) => l.storefrontOrderId).sort()).toEqual(['7001', '7002']);
    expect((await w.engine.listOrders(T, { state: 'exception' })).map((l) => l.storefrontOrderId)).toEqual([
      '7002',
    ]);
  });

  it('forgetTenant removes everything the tenant owns', async () => {
    place(w, sampleOrder('8001'));
    await w.engine.handleOrderEvent(event('8001'));
    await drain(w);
    await w.engine.forgetTenant(T);
    expect(await w.store.links.get(T, '8001')).toBeNull();
    expect(await w.store.settings.get(T)).toBeNull();
    expect(w.store.tenantDataCount()).toBe(0);
    expect((await w.engine.orderView(T, '8001')).state).toBe('unknown');
  });
});

describe('nothing is lost when a step fails half-way', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('a store outage while loading the order fails the event, and its redelivery is not taken for a duplicate', async () => {
    place(w, sampleOrder('9001'));
    w.storefront.failNext('getOrder', 1);
    await expect(w.engine.handleOrderEvent(event('9001'))).rejects.toMatchObject({
      problem: { code: 'storefront_api_error' },
    });
    expect(await w.engine.handleOrderEvent(event('9001'))).toEqual({ accepted: true, duplicate: false });
  });

  it('catch-up re-enqueues a link whose job was lost (crash between link and enqueue)', async () => {
    place(w, sampleOrder('9002'));
    await w.engine.handleOrderEvent(event('9002'));
    // Simulate the lost job: complete it without running it.
    const [job] = await w.queue.claim('ghost', 1, 1000);
    await w.queue.complete(job?.id ?? '');
    w.clock.advance(20 * MIN);
    await w.engine.catchUp(T, '2026-03-01T10:00:00.000Z');
    await drain(w);
    expect((await w.store.links.get(T, '9002'))?.state).toBe('posted');
    expect(w.prima.orders.size).toBe(1);
  });

  it('a refund event redelivered after its credit note was made does not make a second one', async () => {
    place(w, sampleOrder('9003'));
    await w.engine.handleOrderEvent(event('9003'));
    await drain(w);
    const refund = {
      platform: 'shopify',
      storefrontOrderId: '9003',
      storefrontRefundId: 'rf-9',
      createdAt: '2026-03-02T10:00:00.000Z',
      currency: 'GBP',
      amountMinor: 500,
      lines: [],
      shippingMinor: 500,
    };
    await w.engine.handleRefundEvent({ tenantId: T, eventKey: 'r9', refund, correlationId: 'c' });
    await drain(w);
    // A platform that changes the delivery id on every attempt (WooCommerce) cannot be deduped by event key.
    await w.engine.handleRefundEvent({ tenantId: T, eventKey: 'r9-again', refund, correlationId: 'c' });
    await drain(w);
    expect(w.prima.calls.createCreditNote).toBe(1);
  });

  it('a line edit after posting is flagged for a person, not silently dropped', async () => {
    place(w, sampleOrder('9004'));
    await w.engine.handleOrderEvent(event('9004'));
    await drain(w);
    // Items added after posting are not passed on by themselves (removals are: see finance tests).
    place(w, sampleOrder('9004', { items: [{ sku: 'ETOS-G-080', quantity: 3, unitPriceMinor: 5000 }] }));
    await w.engine.handleOrderEvent(event('9004', { eventKey: 'edit', topic: 'order.updated' }));
    await drain(w);
    const ex = await w.store.exceptions.list(T, { status: 'open', code: 'reconciliation_gap' });
    expect(ex[0]?.problem.message).toContain('15500');
    expect(ex[0]?.problem.message).toContain('10500');
    expect(w.prima.lineCancellations).toEqual([]);
  });
});

describe('stock sync guards', () => {
  it('a short full reply is not trusted to zero missing SKUs, and unmapped variants are listed per SKU', async () => {
    const w = await world();
    const second = itemRef('ETOS', 'G', '090');
    w.prima.setStock(second, 4);
    w.storefront.putVariants([
      {
        variantId: 'v1',
        productId: 'p1',
        sku: 'ETOS-G-080',
        title: 'a',
        inventoryItemId: 'inv-1',
        options: {},
      },
      {
        variantId: 'v2',
        productId: 'p1',
        sku: 'ETOS-G-090',
        title: 'b',
        inventoryItemId: 'inv-2',
        options: {},
      },
      { variantId: 'v3', productId: 'p2', sku: 'LOOSE', title: 'c', inventoryItemId: 'inv-3', options: {} },
    ]);
    const first = await w.engine.syncStock(T);
    expect(first.pushed).toBe(2);
    expect(
      (await w.store.exceptions.list(T, { status: 'open', subject: 'sku:LOOSE' })).map((e) => e.code),
    ).toEqual(['unmapped_sku']);

    // Prima now answers with half the rows: ETOS-G-090 must not be zeroed.
    const prima2 = createFakePrima();
    prima2.setStock(ETOS, 7);
    const engine2 = createEngine({
      store: w.store,
      queue: w.queue,
      clock: w.clock,
      logger: w.logger,
      prima: async () => prima2,
      storefront: async () => w.storefront,
    });
    const report = await engine2.syncStock(T);
    expect(report.shortReplyGuarded).toBe(true);
    expect(w.storefront.stockLevel('inv-2', 'loc-1')).toBe(4);
    expect(w.storefront.stockLevel('inv-1', 'loc-1')).toBe(7);
    expect(await w.store.exceptions.list(T, { status: 'open', code: 'stock_reply_short' })).toHaveLength(1);
  });

  it('full syncs go shard by shard', async () => {
    const w = await world({
      stock: {
        shards: [
          ['A', 'M'],
          ['N', 'Z'],
        ],
      },
    });
    await w.engine.syncStock(T);
    expect(w.prima.calls.availableToSell).toBe(2);
  });
});

describe('cancelled while an attempt may have reached Prima', () => {
  it('checks Prima first: the order found there is marked posted and cancelled in Prima', async () => {
    const w = await world();
    place(w, sampleOrder('9101'));
    w.prima.acceptThenThrow();
    await w.engine.handleOrderEvent(event('9101'));
    await w.engine.work('w1'); // Prima took it; we never heard
    expect((await w.store.links.get(T, '9101'))?.state).toBe('posting');
    place(w, sampleOrder('9101', { cancelledAt: '2026-03-01T10:01:00.000Z' }));
    await w.engine.handleOrderEvent(event('9101', { eventKey: 'cancel', topic: 'order.cancelled' }));
    await drain(w);
    expect((await w.store.links.get(T, '9101'))?.state).toBe('posted');
    expect(w.prima.orders.get('W9101')?.state).toBe('cancelled');
  });
});

describe('flow control and permanent failures', () => {
  it('never has more calls in flight to Prima than the tenant allows, however many orders are due', async () => {
    const w = await world();
    let inFlight = 0;
    let peak = 0;
    const original = w.prima.postOrders.bind(w.prima);
    w.prima.postOrders = async (orders) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return original(orders);
    };
    for (let i = 0; i < 6; i++) {
      place(w, sampleOrder(`fc-${i}`));
      await w.engine.handleOrderEvent(event(`fc-${i}`));
    }
    const report = await w.engine.work('w1', { limit: 10 });
    expect(report.done).toBe(6);
    expect(peak).toBe(2); // settings.prima.maxConcurrency in this world
    expect(w.prima.orders.size).toBe(6);
  });

  it('a request Prima cannot read is not retried: dead letter and an exception at once', async () => {
    const w = await world();
    place(w, sampleOrder('pf-1'));
    const { ProblemError, problem } = await import('./monitor/problems.js');
    w.prima.postOrders = async () => {
      throw new ProblemError(
        problem('prima_malformed_request', 'Prima could not read the order request.', 'Tell IT.'),
      );
    };
    await w.engine.handleOrderEvent(event('pf-1'));
    const report = await w.engine.work('w1');
    expect(report.jobs[0]?.outcome).toBe('dead');
    expect((await w.store.links.get(T, 'pf-1'))?.state).toBe('exception');
    expect((await w.store.exceptions.list(T, { status: 'open' })).map((e) => e.code)).toEqual([
      'prima_malformed_request',
    ]);
  });

  it('an order deleted from the store before posting becomes an invalid_order exception', async () => {
    const w = await world();
    await w.engine.handleOrderEvent({ ...event('gone'), order: sampleOrder('gone') });
    await drain(w);
    expect((await w.store.links.get(T, 'gone'))?.state).toBe('exception');
    expect((await w.store.exceptions.list(T, { status: 'open' }))[0]?.code).toBe('invalid_order');
  });
});

describe('merchant switches', () => {
  it('posting switched off after linking: the order waits, and posts after it is switched on and catch-up runs', async () => {
    const w = await world({ orders: { holdWindowMinutes: 5 } });
    place(w, sampleOrder('sw-1'));
    await w.engine.handleOrderEvent(event('sw-1'));
    await w.store.settings.put(T, settings({ postingEnabled: false }));
    w.clock.advance(5 * MIN);
    await drain(w);
    expect((await w.store.links.get(T, 'sw-1'))?.state).toBe('received');
    expect(w.prima.calls.postOrders).toBe(0);
    await w.store.settings.put(T, settings());
    w.clock.advance(30 * MIN);
    await w.engine.catchUp(T, w.clock.now().toISOString());
    await drain(w);
    expect((await w.store.links.get(T, 'sw-1'))?.state).toBe('posted');
  });

  it('stock sync switched off writes nothing to the store', async () => {
    const w = await world({ stock: { enabled: false } });
    w.storefront.putVariants([
      {
        variantId: 'v1',
        productId: 'p1',
        sku: 'ETOS-G-080',
        title: 'a',
        inventoryItemId: 'inv-1',
        options: {},
      },
    ]);
    expect((await w.engine.syncStock(T)).pushed).toBe(0);
    expect(w.storefront.calls.pushStock).toBe(0);
    expect(w.prima.calls.availableToSell).toBe(0);
  });
});

describe('a worker that dies holding a job', () => {
  it('loses nothing: the lease expires and another worker posts the order', async () => {
    const w = await world();
    place(w, sampleOrder('lease-1'));
    await w.engine.handleOrderEvent(event('lease-1'));
    const [held] = await w.queue.claim('crashed-worker', 1, 60_000);
    expect(held?.type).toBe('post-order');
    expect((await w.engine.work('w2')).claimed).toBe(0);
    w.clock.advance(60_001);
    const report = await w.engine.work('w2');
    expect(report.jobs).toEqual([{ id: held?.id, type: 'post-order', outcome: 'done' }]);
    expect((await w.store.links.get(T, 'lease-1'))?.state).toBe('posted');
    expect(w.prima.orders.size).toBe(1);
  });
});
