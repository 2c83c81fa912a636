import { itemRef } from '@prima-connect/prima-core';
import { createFakePrima, type FakePrima } from '@prima-connect/prima-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TENANT } from '../testing/harness.js';
import { adminApiAction } from './admin-api.js';
import { commerceEventsAction } from './commerce-events.js';
import type { ContextFactory } from './context.js';
import { massRepostAction } from './mass-repost.js';
import { orderGridAction } from './order-grid.js';
import { statusPollAction, stockSyncAction } from './scheduled.js';

let h: Harness;
let prima: FakePrima;
let make: ContextFactory;

beforeAll(async () => {
  prima = createFakePrima();
  for (const [sku, qty] of [
    ['ETOS-G-080', 12],
    ['ETOS-G-090', 3],
    ['SOCK-NONE-L', 40],
  ] as const) {
    const [p, a, b] = sku.split('-');
    prima.setStock(itemRef(p ?? '', a ?? '', b ?? ''), qty);
  }
  h = await startHarness({ prima: async () => prima });
  h.sim.seedProducts([
    { sku: 'ETOS-G-080', parentSku: 'ETOS', priceMinor: 5999, quantity: 0 },
    { sku: 'ETOS-G-090', parentSku: 'ETOS', priceMinor: 5999, quantity: 0 },
    { sku: 'SOCK-NONE-L', priceMinor: 450, quantity: 0 },
  ]);
  make = async () => h.ctx;
  h.sim.setEventsUrl(`${await h.serve(commerceEventsAction(make))}/events`);
});
afterAll(() => h.close());

describe('commerce-events action', () => {
  it('turns a signed order + invoice event into exactly one Prima order and writes the number back', async () => {
    const { order, deliveries } = await h.sim.placeOrder({
      items: [
        { sku: 'ETOS-G-080', qty: 1 },
        { sku: 'SOCK-NONE-L', qty: 2 },
      ],
      invoice: true,
    });
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const link = await h.ctx.store.links.get(TENANT, String(order.entityId));
    expect(link?.state).toBe('posted');
    expect(prima.orders.size).toBe(1);
    const posted = [...prima.orders.values()][0];
    expect(
      posted?.order.lines.map((l) => [l.item.product, l.item.matrix[0], l.item.matrix[1], l.quantity]),
    ).toEqual([
      ['ETOS', 'G', '080', 1],
      ['SOCK', 'NONE', 'L', 2],
    ]);
    expect(posted?.order.totalMinor).toBe(5999 + 900 + 500);
    expect(
      h.sim.state.orders
        .get(order.entityId)
        ?.histories.some((c) => c.comment.includes(link?.primaOrderNumber ?? '?')),
    ).toBe(true);
  });

  it('never makes a second Prima order when I/O Events redelivers', async () => {
    const before = prima.orders.size;
    for (const d of h.sim.state.deliveries.slice(-3))
      expect((await h.sim.redeliver(d.eventId)).status).toBe(200);
    expect(prima.orders.size).toBe(before);
  });

  it('refuses a delivery whose body does not match its signature, and one addressed to another client', async () => {
    const url = h.sim.state.deliveries[0]?.url ?? '';
    const original = h.sim.state.deliveries[0];
    if (!original) throw new Error('no delivery');
    const tampered = original.body.replace('"_isNew":true', '"_isNew":false');
    const bad = await fetch(url, { method: 'POST', headers: original.headers, body: tampered });
    expect(bad.status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: original.body,
    });
    expect(unsigned.status).toBe(401);
    expect(prima.orders.size).toBe(1);
  });

  it('answers the registration challenge on GET', async () => {
    const url = h.sim.state.deliveries[0]?.url ?? '';
    const res = await fetch(`${url}?challenge=c-123`);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});

describe('scheduled actions', () => {
  it('stock sync pushes Prima figures through the bulk route, and then only what changed', async () => {
    const sync = stockSyncAction(make);
    h.sent.length = 0;
    const first = await sync({});
    expect(first.statusCode).toBe(200);
    const bulk1 = h.sent.filter((r) => r.path.includes('/async/bulk/'));
    expect(bulk1).toHaveLength(1);
    expect(h.sim.sourceQuantity('ETOS-G-090', 'default')).toBe(3);
    // The posted order took stock out in Prima: available-to-sell went down for what it reserved.
    expect(h.sim.sourceQuantity('SOCK-NONE-L', 'default')).toBe(prima.stockOf(itemRef('SOCK', 'NONE', 'L')));

    prima.setStock(itemRef('ETOS', 'G', '090'), 9);
    h.sent.length = 0;
    const second = await sync({});
    expect(second.statusCode).toBe(200);
    const bulk2 = h.sent.filter((r) => r.path.includes('/async/bulk/'));
    expect(bulk2).toHaveLength(1);
    const pushed = ((bulk2[0]?.body ?? []) as { sourceItems: { sku: string; quantity: number }[] }[]).flatMap(
      (op) => op.sourceItems,
    );
    expect(pushed).toEqual([{ sku: 'ETOS-G-090', source_code: 'default', quantity: 9, status: 1 }]);
    expect(h.sim.sourceQuantity('ETOS-G-090', 'default')).toBe(9);

    h.sent.length = 0;
    await sync({});
    expect(h.sent.filter((r) => r.path.includes('/async/bulk/'))).toHaveLength(0);
  });

  it('status poll turns a Prima despatch into a Commerce shipment with its tracking number', async () => {
    const [number] = [...prima.orders.keys()];
    const link = await h.ctx.store.links.getByPrimaNumber(TENANT, number ?? '');
    if (!link || !number) throw new Error('no posted order');
    prima.addDispatch(
      number,
      {
        dispatchId: 'DSP-1',
        dispatchedAt: new Date().toISOString(),
        carrier: 'DPD',
        service: 'Next Day',
        trackingNumber: 'TRK-42',
        lines: [
          { lineNo: 1, quantity: 1 },
          { lineNo: 2, quantity: 2 },
        ],
      },
      'despatched',
    );
    h.advance(24 * 3600_000);
    const res = await statusPollAction(make)({});
    expect(res.statusCode).toBe(200);
    const shipments = [...h.sim.state.shipments.values()].filter(
      (s) => String(s.orderId) === link.storefrontOrderId,
    );
    expect(shipments).toHaveLength(1);
    expect(shipments[0]?.tracks.map((t) => t.trackNumber)).toEqual(['TRK-42']);
    expect(h.sim.state.orders.get(Number(link.storefrontOrderId))?.state).toBe('complete');
  });
});

describe('admin screens API', () => {
  const api = (method: string, path: string, body?: unknown) =>
    adminApiAction(make)({
      __ow_method: method,
      __ow_path: path,
      __ow_headers: { 'content-type': 'application/json' },
      __ow_body: body === undefined ? '' : JSON.stringify(body),
    });

  it('serves dashboard figures and the order view', async () => {
    const dash = await api('get', '/dashboard');
    expect(dash.statusCode).toBe(200);
    const body = dash.body as { metrics: { ordersPosted: number }; recent: unknown[] };
    expect(body.metrics.ordersPosted).toBeGreaterThanOrEqual(1);
    expect(body.recent.length).toBeGreaterThanOrEqual(1);
  });

  it('validates settings and mappings before storing them', async () => {
    expect((await api('put', '/settings', { settings: { prima: { url: 'not a url' } } })).statusCode).toBe(
      400,
    );
    expect(
      (
        await api('put', '/mappings', {
          rows: [
            {
              sku: 'GIFT-WRAP',
              kind: 'non_stock',
              source: 'manual',
              updatedAt: new Date().toISOString(),
              item: { product: 'GIFTWRAP', matrix: ['', '', '', ''] },
            },
          ],
        })
      ).statusCode,
    ).toBe(200);
    const rows = (await api('get', '/mappings')).body as { rows: { sku: string }[] };
    expect(rows.rows.map((r) => r.sku)).toContain('GIFT-WRAP');
    expect((await api('get', '/nowhere')).statusCode).toBe(404);
  });

  it('serves the kept reconciliation reports and refuses a days value out of range', async () => {
    const day = h.ctx.clock.now().toISOString().slice(0, 10);
    await h.ctx.engine.reconcileDay(h.ctx.tenantId, day);
    const call = (query: string) =>
      adminApiAction(make)({ __ow_method: 'get', __ow_path: '/reconciliation', __ow_query: query });
    const ok = await call('days=7');
    expect(ok.statusCode).toBe(200);
    const body = ok.body as { reports: { day: string }[]; csv: string };
    expect(body.reports.map((r) => r.day)).toContain(day);
    expect(body.csv).toContain(day);
    expect((await call('days=500')).statusCode).toBe(400);
    expect((await call('days=abc')).statusCode).toBe(400);
  });

  it('order grid columns show the Prima state and number, by increment id', async () => {
    const order = [...h.sim.state.orders.values()][0];
    if (!order) throw new Error('no order');
    const res = await orderGridAction(make)({
      __ow_method: 'post',
      __ow_headers: { 'content-type': 'application/json' },
      __ow_body: JSON.stringify({ requestId: 'r1', gridType: 'order', ids: [order.incrementId, '999'] }),
    });
    const cols = (
      res.body as { orderGridColumns: Record<string, { prima_status: string; prima_order: string }> }
    ).orderGridColumns;
    expect(cols[order.incrementId]?.prima_status).toBe('Despatched');
    expect(cols[order.incrementId]?.prima_order).toMatch(/^M/);
    expect(cols['999']).toEqual({ prima_status: 'Not sent', prima_order: '' });
  });

  it('mass re-post verifies an order already in Prima instead of sending it twice', async () => {
    const order = [...h.sim.state.orders.values()][0];
    const res = await massRepostAction(make)({
      __ow_method: 'post',
      __ow_headers: { 'content-type': 'application/json' },
      __ow_body: JSON.stringify({ selectedIds: [String(order?.entityId)] }),
    });
    expect(res.statusCode).toBe(200);
    expect(prima.orders.size).toBe(1);
    expect(
      (
        await massRepostAction(make)({
          __ow_body: JSON.stringify({ selectedIds: [] }),
          __ow_headers: { 'content-type': 'application/json' },
        })
      ).statusCode,
    ).toBe(400);
  });
});
