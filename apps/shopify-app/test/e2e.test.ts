/**
 * End to end, everything real but Shopify's and Prima's servers: the Shopify Admin API emulator (GraphQL with
 * its cost bucket and inventory limits, signed webhooks), this app's webhook routes (the library checks the
 * HMAC), prima-core's engine on prima-store (SQLite), and the Prima sandbox over OMLink SOAP.
 *   paid order -> signed orders/paid webhook -> exactly one Prima order with matching totals
 *   Prima stock -> inventorySetQuantities in batches of at most 250; a stock change in Prima -> one more push
 *   dispatch in Prima -> Shopify fulfilment with carrier and tracking
 *   Shopify Payments payout -> the worker's daily finance round -> one summary journal in Prima
 * The engine's clock and queue are moved by hand; HTTP runs in real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPrimaGateway,
  type ManualClock,
  manualClock,
  runFinanceRound,
  settingsSchema,
} from '@prima-connect/prima-core';
import { createMemoryQueue, drainQueue, type MemoryQueue } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore } from '@prima-connect/prima-store';
import { type ShopifyEmulator, startShopifyEmulator } from '@prima-connect/sim-shopify';
import type { ActionFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyHost, type ShopifyHost } from '../app/prima/host.server.js';
import { AdminClient, fetchTransport } from '../app/shopify/admin-client.server.js';
import { createShopifyGateway } from '../app/shopify/gateway.server.js';

const SECRET = 'e2e-app-secret';
const TOKEN = 'shpat_e2e';
const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'shopify-e2e-'));
Object.assign(process.env, {
  SHOPIFY_API_KEY: 'e2e-api-key',
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: 'https://prima-connect.example',
  DATABASE_URL: `file:${join(dir, 'app.sqlite')}`,
  PRIMA_WORKER: 'off',
});

type Action = (args: ActionFunctionArgs) => Promise<Response>;

describe('Shopify -> app -> Prima sandbox, and back', () => {
  let sandbox: Sandbox;
  let shop: ShopifyEmulator;
  let host: ShopifyHost;
  let queue: MemoryQueue;
  let clock: ManualClock;
  let appServer: Server;
  let closeStore: () => Promise<void>;
  let tenantId: string;
  let locationId: string;
  const stock = DEMO_CATALOGUE.filter((i) => !i.nonStock);

  /** Runs due jobs until nothing is left, moving the clock to the next scheduled job. */
  async function drain(): Promise<void> {
    await drainQueue({
      queue,
      clock,
      work: () => host.engine.work('e2e'),
      // Write-backs and fulfilments come back as orders/updated webhooks (echoes): let them land first.
      settle: () => shop.settle(),
      mustDrain: true,
    });
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    shop = await startShopifyEmulator({ port: 0, accessToken: TOKEN, currency: 'GBP' });
    locationId = String(shop.addLocation('Main warehouse'));
    for (const item of stock)
      shop.addProduct(item.title, [{ sku: item.sku, priceMinor: item.priceMinor, available: 0 }]);

    const db = await createPrismaStore({ url: process.env.DATABASE_URL as string });
    closeStore = db.close;
    clock = manualClock(new Date().toISOString());
    queue = createMemoryQueue({ clock });
    const storefront = createShopifyGateway({
      client: new AdminClient({
        transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: TOKEN }),
      }),
    });
    host = createShopifyHost({
      store: db.store,
      queue,
      clock,
      // No transport retries: the engine's own retry with backoff is what runs.
      prima: async () =>
        createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } }),
      storefront: async () => storefront,
    });
    const runtime = await import('../app/prima/runtime.server.js');
    runtime.useHost(host);

    // The app's real webhook routes behind a plain HTTP server: the emulator delivers signed webhooks to it.
    const routes = new Map<string, Action>();
    for (const t of [
      'orders/create',
      'orders/paid',
      'orders/updated',
      'orders/cancelled',
      'refunds/create',
    ]) {
      routes.set(
        `/webhooks/${t}`,
        ((await import(`../app/routes/webhooks.${t.replace('/', '.')}.tsx`)) as { action: Action }).action,
      );
    }
    appServer = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const action = routes.get(req.url ?? '');
      if (!action) return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(`https://prima-connect.example${req.url}`, {
        method: 'POST',
        headers,
        body: Buffer.concat(chunks),
      });
      const response = await action({ request, params: {}, context: {} }).catch((e: unknown) =>
        e instanceof Response ? e : new Response(String(e), { status: 500 }),
      );
      res.writeHead(response.status).end(await response.text());
    });
    await new Promise<void>((r) => appServer.listen(0, '127.0.0.1', r));
    shop.setWebhookTarget({
      baseUrl: `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`,
      secret: SECRET,
    });

    tenantId = await host.ensureTenant(shop.shopDomain);
    await host.store.settings.put(
      tenantId,
      settingsSchema.parse({
        prima: { url: sandbox.wsdlUrl, timeoutMs: 3000 },
        orders: { postingEnabled: true, trigger: 'paid', defaultWarehouse: 'MAIN' },
        stock: { enabled: true },
        maps: {
          shipping: { STD: { charge: 'RM48' } },
          payment: { shopify_payments: { payMethod: 'CC' } },
          locations: { [locationId]: 'MAIN' },
          pattern: { separator: '-', matrixLevels: [1, 2] },
        },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => appServer?.close(r));
    await shop?.close();
    await sandbox?.close();
    await closeStore?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns a paid order webhook into exactly one Prima order with matching totals', async () => {
    const placed = await shop.placeOrder({
      lines: [
        { sku: 'ETOS-G-080', quantity: 2 },
        { sku: 'ETOS-H-090', quantity: 1, discountMinor: 500 },
      ],
      shipping: { code: 'STD', title: 'Standard delivery', priceMinor: 495 },
      taxesIncluded: true,
    });
    expect(placed.deliveries.map((d) => [d.topic, d.status])).toEqual([
      ['orders/create', 200],
      ['orders/paid', 200],
    ]);
    await drain();
    // Shopify delivers at least once: the same webhook again changes nothing.
    await shop.redeliver(placed.deliveries[1]!);
    await drain();

    const number = `W${placed.order.number}`;
    expect([...sandbox.state.orders.keys()].filter((k) => k.startsWith('W'))).toEqual([number]);
    // The write-back (note, tag) came back as orders/updated echoes, answered 200 and ignored.
    const echoes = shop.deliveries.filter((d) => d.topic === 'orders/updated');
    expect(echoes.length).toBeGreaterThan(0);
    expect(echoes.every((d) => d.status === 200)).toBe(true);
    const prima = sandbox.state.getOrder(number);
    const shopifyTotal = 2 * 8999 + 8999 - 500 + 495;
    expect(sandbox.state.orderTotalMinor(prima)).toBe(shopifyTotal);
    expect(prima.lines.map((l) => [l.item.product, l.item.matrix[0], l.item.matrix[1], l.quantity])).toEqual([
      ['ETOS', 'G', '080', 2],
      ['ETOS', 'H', '090', 1],
    ]);
    const view = await host.engine.orderView(tenantId, String(placed.order.id));
    expect(view).toMatchObject({ state: 'posted', primaOrderNumber: number });
    // Written back on the Shopify order for staff.
    expect(placed.order.metafields.get('prima.order_number')?.value).toBe(number);
  });

  it('pushes Prima stock to Shopify in batches of at most 250, then only what changed', async () => {
    expect(stock.length).toBeGreaterThan(250);
    shop.resetCounters();
    const report = await host.engine.syncStock(tenantId);
    expect(report.problems).toEqual([]);
    expect(report.pushed).toBeGreaterThan(250);
    // The emulator refuses more than 250 quantities per call, so every figure landing proves the limit held.
    expect(shop.counters.byOperation.PrimaInventorySet).toBe(Math.ceil(report.pushed / 250));
    for (const d of stock.slice(0, 30)) {
      expect(shop.inventoryOf(d.sku)).toBe(sandbox.state.availableToSell(sandbox.state.findItem(d.item)!));
    }
    // A change in Prima: one SKU's stock moves; the next sync pushes just that figure.
    const moved = stock[5]!;
    sandbox.state.setStock(moved.item, 'MAIN', 77);
    shop.resetCounters();
    const again = await host.engine.syncStock(tenantId);
    expect(again.pushed).toBe(1);
    expect(shop.counters.byOperation.PrimaInventorySet).toBe(1);
    expect(shop.inventoryOf(moved.sku)).toBe(
      sandbox.state.availableToSell(sandbox.state.findItem(moved.item)!),
    );
  });

  it('creates the Shopify fulfilment with tracking when Prima dispatches the order', async () => {
    const placed = await shop.placeOrder({
      lines: [{ sku: 'ETOS-G-085', quantity: 1 }],
      shipping: { code: 'STD', title: 'Standard delivery', priceMinor: 495 },
    });
    await drain();
    const number = `W${placed.order.number}`;
    expect(sandbox.state.orders.has(number)).toBe(true);
    sandbox.state.dispatch(number, {
      carrier: 'DPD',
      trackingNumber: 'DPD123456',
      trackingUrl: 'https://track.example/DPD123456',
    });
    clock.advance(60 * MIN);
    await host.engine.pollStatuses(tenantId);
    await drain();
    expect(placed.order.fulfillments).toHaveLength(1);
    expect(placed.order.fulfillments[0]).toMatchObject({
      notifyCustomer: true,
      tracking: [{ company: 'DPD', number: 'DPD123456', url: 'https://track.example/DPD123456' }],
    });
    expect(placed.order.fulfillmentOrders[0]?.status).toBe('CLOSED');
    // Polling again later never fulfils twice.
    clock.advance(24 * 60 * MIN);
    await host.engine.pollStatuses(tenantId);
    await drain();
    expect(placed.order.fulfillments).toHaveLength(1);
  });

  it("journals a Shopify Payments payout in Prima from the worker's daily finance round, once", async () => {
    const settings = await host.store.settings.get(tenantId);
    if (!settings) throw new Error('tenant has settings');
    await host.store.settings.put(
      tenantId,
      settingsSchema.parse({ ...settings, finance: { ...settings.finance, payoutJournal: 'post' } }),
    );
    // The paid orders above left their charges (less Shopify's fee) in the balance; Shopify pays them out.
    const charges = shop.state.balanceTransactions.filter((t) => t.type === 'CHARGE');
    expect(charges.length).toBeGreaterThanOrEqual(2);
    const payout = shop.payOut();
    if (!payout) throw new Error('nothing to pay out');
    // The round runs after 01:00 UTC on a later day: the days since install are reconciled, then payouts read.
    const day = Date.parse(`${clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
    clock.set(new Date(day + 26 * 3600_000).toISOString());
    const round = await runFinanceRound(host.engine, host.store, tenantId, clock.now(), { payouts: true });
    expect(round.payoutsRead).toBe(true);
    expect(sandbox.state.journals).toEqual([
      { number: expect.any(String), reference: `PO${payout.id}`, lines: expect.any(Number) },
    ]);
    const [journalled] = await host.store.audit.list(tenantId, {
      subject: `payout:${payout.id}`,
      action: 'payout.journal',
    });
    expect(journalled?.detail).toMatchObject({ how: 'posted', netMinor: payout.netMinor, currency: 'GBP' });
    expect(await host.store.exceptions.list(tenantId, { status: 'open', code: 'payout_mismatch' })).toEqual(
      [],
    );
    // The next day's round reads the payout again and posts nothing more.
    clock.advance(24 * 60 * MIN);
    await runFinanceRound(host.engine, host.store, tenantId, clock.now(), { payouts: true });
    expect(sandbox.state.journals).toHaveLength(1);
  });
});
