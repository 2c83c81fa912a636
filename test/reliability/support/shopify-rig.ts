/**
 * The Shopify intake as it runs in the field: the app's own webhook route modules (`authenticate.webhook`
 * from @shopify/shopify-app-remix verifying X-Shopify-Hmac-Sha256 against the app secret, then the topic
 * handler), the app's host over Prisma + SQLite, its Admin GraphQL gateway reading orders from the Shopify
 * emulator, and prima-core's OMLink gateway to the sandbox. Deliveries are signed as Shopify signs them; a
 * retried delivery keeps its X-Shopify-Webhook-Id, as Shopify's retries do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPrimaGateway,
  type OrderLink,
  type Queue,
  type Store,
  settingsSchema,
  systemClock,
} from '@prima-connect/prima-core';
import { createMemoryQueue } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore } from '@prima-connect/prima-store';
import {
  orderPayload,
  type ShopifyEmulator,
  startShopifyEmulator,
  type WebhookTopic,
  webhookHeaders,
} from '@prima-connect/sim-shopify';
import { sleep } from './pool.js';

export const SHOPIFY_SECRET = 'reliability-shopify-app-secret';
const TOKEN = 'shpat_reliability';
const APP_URL = 'https://prima-connect.example';

export interface ShopifyDelivery {
  orderId: number;
  orderNumber: string;
  topic: WebhookTopic;
  webhookId: string;
  body: string;
}

export interface ShopifyRig {
  shop: ShopifyEmulator;
  tenantId: string;
  store: Store;
  queue: Queue;
  skus: string[];
  /** Places a paid order without delivering its webhooks; returns orders/create and orders/paid, signed later. */
  placeOrder(opts?: { sku?: string; quantity?: number; note?: string }): Promise<ShopifyDelivery[]>;
  /** POSTs one delivery through the app's route action; extra headers override the signed ones. */
  deliver(
    d: Pick<ShopifyDelivery, 'topic' | 'body'> & { webhookId?: string },
    opts?: { secret?: string; headers?: Record<string, string>; route?: WebhookTopic; contentType?: string },
  ): Promise<{ status: number; ms: number }>;
  link(orderId: number): Promise<OrderLink | null>;
  drain(limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: unknown;
}) => Promise<Response>;

export async function startShopifyRig(sandbox: Sandbox): Promise<ShopifyRig> {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-shopify-'));
  // The app reads its configuration from the environment when its modules load: set it first.
  Object.assign(process.env, {
    SHOPIFY_API_KEY: 'reliability-api-key',
    SHOPIFY_API_SECRET: SHOPIFY_SECRET,
    SHOPIFY_APP_URL: APP_URL,
    DATABASE_URL: `file:${join(dir, 'sessions.sqlite')}`,
    PRIMA_WORKER: 'off',
    LOG_LEVEL: 'silent',
  });
  const { createShopifyHost } = await import('@prima-connect/shopify-app/app/prima/host.server.js');
  const { useHost } = await import('@prima-connect/shopify-app/app/prima/runtime.server.js');
  const { AdminClient, fetchTransport } = await import(
    '@prima-connect/shopify-app/app/shopify/admin-client.server.js'
  );
  const { createShopifyGateway } = await import('@prima-connect/shopify-app/app/shopify/gateway.server.js');
  const routes: Partial<Record<WebhookTopic, Action>> = {};
  for (const topic of ['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled'] as const) {
    const mod = (await import(
      `@prima-connect/shopify-app/app/routes/webhooks.${topic.replace('/', '.')}.tsx`
    )) as { action: Action };
    routes[topic] = mod.action;
  }

  // A generous bucket: the storm is about the intake, not about Shopify's rate limit (bench/ covers that).
  const shop = await startShopifyEmulator({
    port: 0,
    accessToken: TOKEN,
    bucket: { maximumAvailable: 100_000, restoreRate: 50_000 },
    echoOrderUpdates: false,
  });
  const location = String(shop.addLocation('Main warehouse'));
  const items = DEMO_CATALOGUE.filter((i) => !i.nonStock).slice(0, 6);
  for (const item of items) shop.addProduct(item.title, [{ sku: item.sku, priceMinor: item.priceMinor }]);

  const db = await createPrismaStore({ url: `file:${join(dir, 'shopify.sqlite')}` });
  const queue = createMemoryQueue({ clock: systemClock });
  const storefront = createShopifyGateway({
    client: new AdminClient({ transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: TOKEN }) }),
  });
  const host = createShopifyHost({
    store: db.store,
    queue,
    clock: systemClock,
    prima: async () => createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } }),
    storefront: async () => storefront,
  });
  useHost(host);
  const tenantId = await host.ensureTenant(shop.shopDomain);
  await host.store.settings.put(
    tenantId,
    settingsSchema.parse({
      prima: { url: sandbox.wsdlUrl, timeoutMs: 3000, maxConcurrency: 4 },
      orders: { postingEnabled: true, trigger: 'paid', defaultWarehouse: 'MAIN', orderNumberPrefix: 'S' },
      maps: {
        shipping: { Standard: { charge: 'RM48' } },
        payment: { shopify_payments: { payMethod: 'CC' } },
        locations: { [location]: 'MAIN' },
        pattern: { separator: '-', matrixLevels: [1, 2] },
      },
    }),
  );

  let deliveryNo = 0;
  return {
    shop,
    tenantId,
    store: db.store,
    queue,
    skus: items.map((i) => i.sku),
    async placeOrder(o = {}) {
      const { order } = await shop.placeOrder({
        lines: [{ sku: o.sku ?? (items[0]?.sku as string), quantity: o.quantity ?? 1 }],
        ...(o.note !== undefined ? { note: o.note } : {}),
        silent: true,
      });
      return (['orders/create', 'orders/paid'] as const).map((topic) => ({
        orderId: order.id,
        orderNumber: String(order.number),
        topic,
        webhookId: `rel-${order.id}-${topic}-${++deliveryNo}`,
        body: JSON.stringify(orderPayload(shop.state, order, topic)),
      }));
    },
    async deliver(d, o = {}) {
      const headers = new Headers(
        webhookHeaders({
          topic: d.topic,
          body: d.body,
          secret: o.secret ?? SHOPIFY_SECRET,
          shopDomain: shop.shopDomain,
          apiVersion: '2026-07',
          ...(d.webhookId ? { webhookId: d.webhookId } : {}),
        }),
      );
      if (o.contentType) headers.set('content-type', o.contentType);
      for (const [k, v] of Object.entries(o.headers ?? {})) {
        if (v === '') headers.delete(k);
        else headers.set(k, v);
      }
      const route = routes[o.route ?? d.topic];
      if (!route) throw new Error(`no route for ${o.route ?? d.topic}`);
      const started = performance.now();
      const request = new Request(`${APP_URL}/webhooks/${d.topic}`, {
        method: 'POST',
        headers,
        body: d.body,
      });
      // The library throws a Response for a refused request (401 bad HMAC, 400 not a webhook).
      const res = await route({ request, params: {}, context: {} }).catch((e: unknown) => {
        if (e instanceof Response) return e;
        throw e;
      });
      return { status: res.status, ms: performance.now() - started };
    },
    link: (orderId) => db.store.links.get(tenantId, String(orderId)),
    async drain(limitMs = 120_000) {
      const until = Date.now() + limitMs;
      for (;;) {
        const reports = await Promise.all(
          [0, 1].map((i) => host.engine.work(`rel-shopify-${i}`, { limit: 20 })),
        );
        if (reports.some((r) => r.claimed > 0)) continue;
        const c = await queue.counts();
        if (c.pending === 0 && c.active === 0) return;
        if (Date.now() > until) throw new Error(`Shopify queue did not drain: ${JSON.stringify(c)}`);
        await sleep(20);
      }
    },
    async close() {
      await shop.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
