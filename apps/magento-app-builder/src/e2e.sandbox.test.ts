import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusPollAction, stockSyncAction } from './actions/scheduled.js';
import { type SandboxHarness, startSandboxHarness, TENANT } from './testing/harness.js';

/**
 * End to end with nothing faked on our side: the Commerce emulator fires signed I/O Events at the real
 * action code, which runs prima-core's engine over aio-lib-state-shaped state and talks OMLink SOAP to the
 * Prima sandbox, and writes back through Commerce REST (bodies validated by the emulator against Adobe's
 * Swagger).
 */
let h: SandboxHarness;
let sandbox: Sandbox;
const items = DEMO_CATALOGUE.filter((i) => !i.nonStock && (i.stock.MAIN ?? 0) > 2).slice(0, 6);

beforeAll(async () => {
  sandbox = await startSandbox();
  h = await startSandboxHarness({
    sandbox,
    products: items.map((i) => ({ sku: i.sku, name: i.title, priceMinor: i.priceMinor, quantity: 0 })),
  });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('Adobe Commerce <-> Prima sandbox, through the App Builder actions', () => {
  it('a signed order + invoice event becomes exactly one Prima order in the sandbox, even when redelivered', async () => {
    const [a, b] = items;
    if (!a || !b) throw new Error('demo catalogue too small');
    const { order, deliveries } = await h.sim.placeOrder({
      items: [
        { sku: a.sku, qty: 1 },
        { sku: b.sku, qty: 2 },
      ],
      invoice: true,
    });
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const link = await h.ctx.store.links.get(TENANT, String(order.entityId));
    expect(link?.state).toBe('posted');
    expect([...sandbox.state.orders.keys()]).toEqual([link?.primaOrderNumber]);
    const inPrima = sandbox.state.orders.get(link?.primaOrderNumber ?? '');
    expect(inPrima?.lines.map((l) => [l.item.product, l.quantity])).toEqual([
      [a.item.product, 1],
      [b.item.product, 2],
    ]);
    for (const d of deliveries) await h.sim.redeliver(d.eventId);
    expect(sandbox.state.orders.size).toBe(1);
    expect(h.sim.state.rejected).toEqual([]);
  });

  it('refuses an event with a bad signature: nothing reaches Prima', async () => {
    const last = h.sim.state.deliveries.at(-1);
    if (!last) throw new Error('no delivery');
    const res = await fetch(last.url, {
      method: 'POST',
      headers: {
        ...last.headers,
        'x-adobe-digital-signature-1': 'AAAA',
        'x-adobe-digital-signature-2': 'AAAA',
      },
      body: last.body,
    });
    expect(res.status).toBe(401);
    expect(sandbox.state.orders.size).toBe(1);
  });

  it('a scheduled stock sync pushes only changed figures through the async bulk route', async () => {
    const sync = stockSyncAction(async () => h.ctx);
    const bulkCalls = () => h.sim.callCount({ route: 'async/bulk /V1/inventory/source-items' });
    const before = bulkCalls();
    expect((await sync({})).statusCode).toBe(200);
    expect(bulkCalls()).toBe(before + 1);
    const first = items[2];
    if (!first) throw new Error('demo catalogue too small');
    const shown = h.sim.sourceQuantity(first.sku, 'default');
    expect(shown).toBeGreaterThan(0);

    sandbox.state.setStock(first.item, 'MAIN', (first.stock.MAIN ?? 0) + 25);
    h.sent.length = 0;
    expect((await sync({})).statusCode).toBe(200);
    expect(bulkCalls()).toBe(before + 2);
    const pushed = h.sent
      .filter((r) => r.path.includes('/async/bulk/'))
      .flatMap((r) =>
        (r.body as { sourceItems: { sku: string; quantity: number }[] }[]).flatMap((op) => op.sourceItems),
      );
    expect(pushed.map((p) => p.sku)).toEqual([first.sku]);
    expect(h.sim.sourceQuantity(first.sku, 'default')).toBe((shown ?? 0) + 25);
  });

  it('a dispatch in the sandbox becomes a shipment with tracks in Commerce', async () => {
    const [link] = await h.ctx.store.links.listByState(TENANT, 'posted', 1);
    if (!link) throw new Error('no posted order');
    sandbox.state.dispatch(link.primaOrderNumber, {
      carrier: 'DPD',
      service: 'Next Day',
      trackingNumber: 'DPD0001234',
    });
    h.advance(24 * 3600_000);
    expect((await statusPollAction(async () => h.ctx)({})).statusCode).toBe(200);
    const shipments = [...h.sim.state.shipments.values()].filter(
      (s) => String(s.orderId) === link.storefrontOrderId,
    );
    expect(shipments).toHaveLength(1);
    expect(shipments[0]?.tracks).toEqual([
      expect.objectContaining({ trackNumber: 'DPD0001234', carrierCode: 'custom' }),
    ]);
    expect(shipments[0]?.items.reduce((n, i) => n + i.qty, 0)).toBe(3);
    expect(h.sim.state.orders.get(Number(link.storefrontOrderId))?.state).toBe('complete');
  });

  it('a Commerce credit memo becomes one Prima credit note, even when redelivered', async () => {
    const [link] = await h.ctx.store.links.listByState(TENANT, 'posted', 1);
    if (!link) throw new Error('no posted order');
    const order = h.sim.state.orders.get(Number(link.storefrontOrderId));
    const row = order?.items.find((i) => i.parentItemId === undefined && i.qtyOrdered === 2);
    if (!order || !row) throw new Error('order rows missing');
    const deliveries = await h.sim.refundOrder(order.entityId, { items: [{ sku: row.sku, qty: 1 }] });
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    for (const d of deliveries) await h.sim.redeliver(d.eventId);
    expect(sandbox.state.creditNotes).toHaveLength(1);
    expect(sandbox.state.creditNotes[0]).toMatchObject({
      orderNumber: link.primaOrderNumber,
      totalMinor: row.priceInclMinor,
    });
  });

  it('a Commerce cancellation reaches Prima before the cut-off; after it, it becomes a cutoff_passed exception', async () => {
    // Only an order with something left to invoice can be cancelled in Commerce, so this tenant posts orders
    // on creation (e.g. bank transfers): the case where a Commerce cancellation of a posted order exists.
    const saved = await h.ctx.store.settings.get(TENANT);
    if (!saved) throw new Error('no settings');
    await h.ctx.store.settings.put(TENANT, { ...saved, orders: { ...saved.orders, trigger: 'created' } });
    const [a] = items;
    if (!a) throw new Error('demo catalogue too small');
    const place = async () => {
      const { order } = await h.sim.placeOrder({ items: [{ sku: a.sku, qty: 1 }] });
      const link = await h.ctx.store.links.get(TENANT, String(order.entityId));
      expect(link?.state).toBe('posted');
      return { order, primaOrderNumber: link?.primaOrderNumber ?? '' };
    };
    try {
      const early = await place();
      const cancelled = await h.sim.cancelOrder(early.order.entityId);
      expect(cancelled.cancelled).toBe(true);
      expect(cancelled.deliveries.map((d) => d.status)).toEqual([200]);
      expect(sandbox.state.orders.get(early.primaOrderNumber)?.status).toBe('Cancelled');

      const late = await place();
      sandbox.state.release(late.primaOrderNumber);
      expect((await h.sim.cancelOrder(late.order.entityId)).cancelled).toBe(true);
      expect(sandbox.state.orders.get(late.primaOrderNumber)?.status).toBe('Released');
      const open = await h.ctx.store.exceptions.list(TENANT, { status: 'open', code: 'cutoff_passed' });
      expect(open).toHaveLength(1);
      expect(h.sim.state.rejected).toEqual([]);
    } finally {
      await h.ctx.store.settings.put(TENANT, saved);
    }
  });
});
