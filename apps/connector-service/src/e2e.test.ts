/**
 * End to end, everything real but the platforms: the WooCommerce emulator (REST v3 + signed webhooks),
 * this connector (Fastify, accounts, prima-core's engine on prima-store over SQLite), and the Prima
 * sandbox over SOAP through prima-core's OMLink gateway.
 *   paid order -> signed webhook -> one Prima order (and the Prima number written back on the order)
 *   a webhook that never arrives -> found by polling the REST API
 *   stock -> WooCommerce batch endpoints, at most 100 items per request
 *   dispatch in Prima -> order completed in WooCommerce with a tracking note
 *   refund in WooCommerce -> one credit note in Prima
 * Time for the engine and its queue is moved by hand; HTTP runs in real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManualClock } from '@prima-connect/prima-core';
import { DEMO_CATALOGUE, type Sandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore } from '@prima-connect/prima-store';
import type { WooEmulator } from '@prima-connect/sim-woocommerce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWooDemoStack, type WooDemoStack } from './demo-stack.js';
import type { ConnectorRuntime } from './runtime.js';
import { META } from './woocommerce/gateway.js';

const MIN = 60_000;

describe('WooCommerce -> connector -> Prima sandbox', () => {
  let dir: string;
  let closeStore: () => Promise<void>;
  let stack: WooDemoStack;
  let sandbox: Sandbox;
  let woo: WooEmulator;
  let runtime: ConnectorRuntime;
  let clock: ManualClock;
  let tenantId: string;
  const stockSkus = DEMO_CATALOGUE.filter((i) => !i.nonStock).map((i) => i.sku);

  /** The plugin's relay call; a refused one fails the test. */
  const call = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const res = await stack.admin<T>(path, method, body);
    if (res.status < 200 || res.status > 299)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Runs due jobs (and webhooks they cause) until nothing is left, moving the clock to the next job. */
  const drain = () => stack.drain();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'connector-e2e-'));
    const prisma = await createPrismaStore({ url: `file:${join(dir, 'connector.db')}` });
    closeStore = prisma.close;
    // The operator registers the shop; the plugin then saves the connection, the Woo key and settings.
    // One variable product holds every stockable demo SKU: more than 100 variations under one parent.
    stack = await startWooDemoStack({
      store: prisma.store,
      woo: { pricesIncludeTax: true, taxRateBp: 2000 },
      variants: stockSkus.length,
      stock: 0,
      mustDrain: true,
    });
    ({ sandbox, woo, runtime, clock, tenantId } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await closeStore?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns a paid order into exactly one Prima order and writes the Prima number back', async () => {
    woo.state.findBySku('ETOS-G-080')!.variation!.stock_quantity = 5;
    const order = woo.placeOrder({
      lines: [{ sku: 'ETOS-G-080', quantity: 2 }],
      shipping: { methodId: 'flat_rate', title: 'Royal Mail 48', totalMinor: 495 },
    });
    await drain();
    // The write-back fires order.updated: the echo must not create anything new either.
    await drain();
    const number = `W${order.number}`;
    expect([...sandbox.state.orders.keys()].filter((k) => k === number)).toHaveLength(1);
    const prima = sandbox.state.orders.get(number)!;
    expect(prima.lines.map((l) => [l.item.product, l.item.matrix[0], l.item.matrix[1], l.quantity])).toEqual([
      ['ETOS', 'G', '080', 2],
    ]);
    const meta = woo.state.orders.get(order.id)!.meta_data;
    expect(meta.find((m) => m.key === META.orderNumber)?.value).toBe(number);
    const view = await call<{ state: string; primaOrderNumber: string }>(`/v1/orders/${order.id}`);
    expect(view).toMatchObject({ state: 'posted', primaOrderNumber: number });
    expect(await call<{ exceptions: unknown[] }>('/v1/exceptions')).toEqual({ exceptions: [] });
  });

  it('finds a paid order whose webhook never arrived by polling, without duplicating earlier ones', async () => {
    const before = sandbox.state.orders.size;
    const missed = woo.placeOrder({ lines: [{ sku: 'ETOS-H-090', quantity: 1 }], deliverWebhooks: false });
    await drain();
    expect(sandbox.state.orders.has(`W${missed.number}`)).toBe(false);
    const polled = await call<{ found: number; enqueued: number }>('/v1/catch-up', 'POST');
    expect(polled.found).toBeGreaterThanOrEqual(1);
    await drain();
    expect(sandbox.state.orders.has(`W${missed.number}`)).toBe(true);
    expect(sandbox.state.orders.size).toBe(before + 1);
  });

  it('pushes Prima stock to WooCommerce in batches of at most 100', async () => {
    expect(stockSkus.length).toBeGreaterThan(100);
    woo.resetCalls();
    const report = await call<{ pushed: number; problems: unknown[]; storefrontCalls: number }>(
      '/v1/stock/sync',
      'POST',
      {},
    );
    expect(report.problems).toEqual([]);
    expect(report.pushed).toBeGreaterThan(100);
    const batchCalls = woo.calls.byRoute['POST /wp-json/wc/v3/products/:id/variations/batch'] ?? 0;
    expect(batchCalls).toBe(Math.ceil(report.pushed / 100));
    // The emulator answers 413 above 100 items, so every pushed figure landing proves the limit held.
    for (const sku of stockSkus.slice(0, 40)) {
      const item = sandbox.state.findItem(DEMO_CATALOGUE.find((d) => d.sku === sku)!.item)!;
      expect(woo.state.stockOf(sku)).toBe(sandbox.state.availableToSell(item));
    }
  });

  it('marks the order completed with a tracking note when Prima dispatches it', async () => {
    const order = woo.placeOrder({ lines: [{ sku: 'ETOS-G-085', quantity: 1 }] });
    await drain();
    const number = `W${order.number}`;
    expect(sandbox.state.orders.has(number)).toBe(true);
    sandbox.state.dispatch(number, {
      carrier: 'DPD',
      trackingNumber: 'DPD123456',
      trackingUrl: 'https://track.example/DPD123456',
    });
    clock.advance(60 * MIN);
    await runtime.engine.pollStatuses(tenantId);
    await drain();
    const stored = woo.state.orders.get(order.id)!;
    expect(stored.status).toBe('completed');
    const notes = stored.notes.filter((n) => n.customer_note);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.note).toContain('DPD123456');
    // Polling again later never adds a second note.
    clock.advance(24 * 60 * MIN);
    await runtime.engine.pollStatuses(tenantId);
    await drain();
    expect(woo.state.orders.get(order.id)!.notes.filter((n) => n.customer_note)).toHaveLength(1);
  });

  it('credits a WooCommerce refund in Prima once, however often order.updated repeats it', async () => {
    const order = woo.placeOrder({ lines: [{ sku: 'ETOS-G-090', quantity: 2 }] });
    await drain();
    const number = `W${order.number}`;
    expect(sandbox.state.orders.has(number)).toBe(true);
    const refund = woo.refundOrder(order.id, {
      lines: [{ sku: 'ETOS-G-090', quantity: 1 }],
      reason: 'Too small',
    });
    await drain();
    // Another update of the order re-sends the same refund id.
    woo.state.setOrderStatus(order.id, 'on-hold');
    await drain();
    const notes = sandbox.state.creditNotes.filter((c) => c.orderNumber === number);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ orderNumber: number, totalMinor: refund.totalMinor });
  });
});
