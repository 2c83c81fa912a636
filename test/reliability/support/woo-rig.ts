/**
 * The WooCommerce path, everything real but the platforms: the WooCommerce emulator (REST v3, signed
 * webhooks), the connector service (Fastify intake + admin API, prima-core engine on prima-store SQLite
 * with its SQLite queue) and the Prima sandbox over OMLink SOAP. Webhooks are delivered by the scenario
 * itself (signed exactly as WooCommerce signs them), so it can repeat, reorder and corrupt them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  type ConnectorRuntime,
  createConnectorRuntime,
  createLogger,
  createMemoryAccountRepo,
  SecretBox,
} from '@prima-connect/connector-service';
import { createPrimaGateway, type Store, systemClock } from '@prima-connect/prima-core';
import type { Sandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore, createQueue, type PrimaQueue } from '@prima-connect/prima-store';
import {
  serializeOrder,
  signWooBody,
  startWooEmulator,
  type WooEmulator,
} from '@prima-connect/sim-woocommerce';
import { sleep } from './pool.js';

export const WOO_SKUS = ['ETOS-G-080', 'ETOS-H-090'];
export const OPERATOR_TOKEN = 'operator-token-reliability-suite-0001';

export interface WooShop {
  tenantId: string;
  apiKey: string;
  webhookSecret: string;
  woo: WooEmulator;
}

export interface SignedDelivery {
  orderId: number;
  orderNumber: string;
  topic: string;
  body: string;
  signature: string;
}

export interface WooRig {
  url: string;
  runtime: ConnectorRuntime;
  queue: PrimaQueue;
  store: Store;
  /** Every log line the connector wrote (pino JSON), for the secrets scan. */
  logs: string[];
  secretKey: string;
  /** The connector's SQLite file (scanned for secrets). */
  dbUrl: string;
  addShop(opts?: { primaUrl?: string; settings?: Record<string, unknown> }): Promise<WooShop>;
  /** Places an order in the shop without delivering its webhook; returns the signed delivery WooCommerce would send. */
  placeOrder(
    shop: WooShop,
    opts?: { quantity?: number; customerNote?: string; name?: string; sku?: string; currency?: string },
  ): SignedDelivery;
  deliver(
    shop: WooShop,
    d: SignedDelivery,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string; ms: number }>;
  admin(
    shop: { apiKey: string },
    path: string,
    method?: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  /** Runs the worker until the queue is empty (retries wait their backoff in real time). */
  drain(limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWooRig(sandbox: Sandbox, opts: { engineWorkers?: number } = {}): Promise<WooRig> {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-woo-'));
  const dbUrl = `file:${join(dir, 'connector.db')}`;
  const prisma = await createPrismaStore({ url: dbUrl });
  const queue = await createQueue({ url: dbUrl, prisma: prisma.prisma, migrate: false });
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const secretKey = SecretBox.generateKey();
  const runtime = await createConnectorRuntime({
    store: prisma.store,
    queue,
    clock: systemClock,
    logger,
    accountRepo: createMemoryAccountRepo(),
    secretKey,
    publicUrl: 'http://connector.invalid',
    operatorToken: OPERATOR_TOKEN,
    // One transport attempt: the engine's own retry with backoff is what the scenarios exercise.
    primaGateway: (s) =>
      createPrimaGateway({
        url: s.prima.url,
        timeoutMs: s.prima.timeoutMs,
        maxConcurrency: s.prima.maxConcurrency,
        retry: { attempts: 1 },
      }),
  });
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const address = runtime.app.server.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const shops: WooEmulator[] = [];

  const admin: WooRig['admin'] = async (shop, path, method = 'GET', body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${shop.apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (CSV export, empty body)
    }
    return { status: res.status, json };
  };

  const rig: WooRig = {
    url,
    runtime,
    queue,
    store: prisma.store,
    logs,
    secretKey,
    dbUrl,
    async addShop(o = {}) {
      const woo = await startWooEmulator({ port: 0, pricesIncludeTax: true, taxRateBp: 2000 });
      shops.push(woo);
      woo.seedVariableProduct({
        name: 'Etos',
        variants: WOO_SKUS.map((sku) => ({ sku, priceMinor: 8999, stock: 1_000_000 })),
      });
      const reg = await fetch(`${url}/operator/stores`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ siteUrl: woo.url }),
      });
      const { tenantId, apiKey } = (await reg.json()) as { tenantId: string; apiKey: string };
      const shop = { apiKey };
      const saved = await admin(shop, '/v1/woocommerce/credentials', 'PUT', {
        consumerKey: woo.consumerKey,
        consumerSecret: woo.consumerSecret,
      });
      if (saved.status !== 200) throw new Error(`credentials not saved: ${JSON.stringify(saved.json)}`);
      const settings = await admin(shop, '/v1/settings', 'PUT', {
        prima: { url: o.primaUrl ?? sandbox.wsdlUrl, timeoutMs: 3000, maxConcurrency: 4 },
        orders: { postingEnabled: true, defaultWarehouse: 'MAIN' },
        maps: {
          shipping: { flat_rate: { charge: 'RM48' } },
          payment: { stripe: { payMethod: 'CC' } },
          locations: { default: 'MAIN' },
          pattern: { separator: '-', matrixLevels: [1, 2] },
        },
        ...(o.settings ?? {}),
      });
      if (settings.status !== 200) throw new Error(`settings not saved: ${JSON.stringify(settings.json)}`);
      const cfg = await admin(shop, '/v1/webhooks/config', 'POST', {});
      const webhookSecret = (cfg.json as { secret: string }).secret;
      return { tenantId, apiKey, webhookSecret, woo };
    },
    placeOrder(shop, o = {}) {
      const order = shop.woo.placeOrder({
        lines: [{ sku: o.sku ?? (WOO_SKUS[0] as string), quantity: o.quantity ?? 1 }],
        ...(o.currency ? { currency: o.currency } : {}),
        shipping: { methodId: 'flat_rate', title: 'Royal Mail 48', totalMinor: 495 },
        deliverWebhooks: false,
        ...(o.customerNote !== undefined ? { customerNote: o.customerNote } : {}),
        ...(o.name !== undefined
          ? { billing: { first_name: o.name }, shippingAddress: { first_name: o.name } }
          : {}),
      });
      const body = JSON.stringify(serializeOrder(order));
      return {
        orderId: order.id,
        orderNumber: String(order.number),
        topic: 'order.created',
        body,
        signature: signWooBody(body, shop.webhookSecret),
      };
    },
    async deliver(shop, d, headers = {}) {
      const started = performance.now();
      const res = await fetch(`${url}/webhooks/woocommerce/${shop.tenantId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': d.topic,
          'x-wc-webhook-signature': d.signature,
          'x-wc-webhook-source': `${shop.woo.url}/`,
          ...headers,
        },
        body: d.body,
      });
      const body = await res.text();
      return { status: res.status, body, ms: performance.now() - started };
    },
    admin,
    async drain(limitMs = 120_000) {
      const until = Date.now() + limitMs;
      const workers = opts.engineWorkers ?? 2;
      for (;;) {
        const reports = await Promise.all(
          Array.from({ length: workers }, (_, i) => runtime.engine.work(`rel-${i}`, { limit: 20 })),
        );
        if (reports.some((r) => r.claimed > 0)) continue;
        const c = await queue.counts();
        if (c.pending === 0 && c.active === 0) return;
        if (Date.now() > until) throw new Error(`queue did not drain: ${JSON.stringify(c)}`);
        await sleep(20);
      }
    },
    async close() {
      await runtime.app.close();
      for (const w of shops) await w.close();
      await queue.close?.();
      await prisma.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}
