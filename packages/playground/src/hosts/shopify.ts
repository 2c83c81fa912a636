/**
 * Shopify in the playground: sim-shopify (Admin GraphQL + signed webhooks) and the Shopify app's own
 * engine wiring (createShopifyHost), webhook handling (handleShopifyWebhook) and Admin GraphQL gateway.
 * The Remix server itself needs Shopify OAuth and App Bridge, which the emulator cannot provide: this
 * adapter stands in for its webhook routes (the HMAC check the library does) and its worker loop.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { type Clock, createPrimaGateway, type Logger } from '@prima-connect/prima-core';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import { createShopifyHost } from '@prima-connect/shopify-app/app/prima/host.server.js';
import { handleShopifyWebhook } from '@prima-connect/shopify-app/app/prima/webhooks.server.js';
import { AdminClient, fetchTransport } from '@prima-connect/shopify-app/app/shopify/admin-client.server.js';
import { createShopifyGateway } from '@prima-connect/shopify-app/app/shopify/gateway.server.js';
import { startShopifyEmulator } from '@prima-connect/sim-shopify';
import {
  bundleMappings,
  LEGACY_VARIANT,
  priceOf,
  storefrontProducts,
  syncableVariantCount,
} from '../catalogue.js';
import { closeServer, httpServer, listen, readBody, sendJson } from '../http.js';
import { PAYMENT, playgroundSettings, SHIPPING } from '../settings.js';
import { discountOf, vatIn } from '../traffic/scenarios.js';
import { type PageHandler, pageUrl, shopifyAppEnv, shopifyPagesHandler } from './shopify-pages.js';
import { scheduler } from './stock-schedule.js';
import type { OnboardingMode, PlatformStack } from './types.js';

export interface ShopifyStackOptions {
  emulatorPort: number;
  appPort: number;
  dataDir: string;
  primaUrl: string;
  clock: Clock;
  logger: Logger;
  /** Serve the app's admin pages from its production build (when built). */
  pages: boolean;
  onboarding: OnboardingMode;
}

const SHOP = 'prima-playground.myshopify.com';
const PAYOUT_EVERY_MS = 5 * 60_000;
const ACCESS_TOKEN = 'shpat_playground';

function sameHmac(body: Buffer, given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64'));
  const got = Buffer.from(given);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

export async function startShopifyStack(o: ShopifyStackOptions): Promise<PlatformStack> {
  const shop = await startShopifyEmulator({
    port: o.emulatorPort,
    accessToken: ACCESS_TOKEN,
    shopDomain: SHOP,
    shopName: 'Prima Playground',
    currency: 'GBP',
  });
  const locationId = String(shop.addLocation('Warehouse'));
  const byGroup = new Map<string, ReturnType<typeof storefrontProducts>>();
  for (const p of storefrontProducts()) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  for (const [group, variants] of byGroup) {
    shop.addProduct(
      variants[0]?.title.split(',')[0] ?? group,
      variants.map((v) => ({ sku: v.sku, title: v.title, priceMinor: v.priceMinor, available: 0 })),
    );
  }
  // A fresh shop also has one variant under an old SKU no rule can read, for the wizard's fix-in-place step.
  if (o.onboarding === 'fresh')
    shop.addProduct('Etos oxford (old listing)', [
      {
        sku: LEGACY_VARIANT.sku,
        title: LEGACY_VARIANT.title,
        priceMinor: priceOf('ETOS-G-080'),
        available: 0,
      },
    ]);

  const url = `file:${join(o.dataDir, 'shopify.sqlite')}`;
  const db = await createPrismaStore({ url });
  const queue = await createQueue({ url, prisma: db.prisma });
  const gateway = createShopifyGateway({
    client: new AdminClient({
      transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: ACCESS_TOKEN }),
    }),
  });
  const prima = createPrimaGateway({ url: o.primaUrl, timeoutMs: 5000, logger: o.logger });
  const host = createShopifyHost({
    store: db.store,
    queue,
    clock: o.clock,
    logger: o.logger,
    prima: async () => prima,
    storefront: async () => gateway,
    // No admin session against the emulator: the pages read Shopify through the same gateway.
    pagesUseStorefront: true,
  });
  const tenantId = await host.ensureTenant(SHOP);
  if (o.onboarding === 'done') {
    await db.store.settings.put(tenantId, playgroundSettings('shopify', o.primaUrl, locationId));
    await db.store.mappings.upsertMany(tenantId, bundleMappings(o.clock.now().toISOString()));
  }

  // The app's webhook routes, as the Remix app serves them: verify, then hand over to the app's handler.
  // Everything else goes to the app's admin pages when they are served.
  const secret = 'playground-shopify-app-secret';
  let pages: PageHandler | null = null;
  const app = httpServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return sendJson(res, 200, { ok: true });
    if (!req.url?.startsWith('/webhooks/')) {
      if (pages) return pages(req, res);
      return sendJson(res, 404, {
        error: 'admin pages not served: pnpm --filter @prima-connect/shopify-app run build',
      });
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error: 'not found' });
    const body = await readBody(req);
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    if (!sameHmac(body, header('x-shopify-hmac-sha256'), secret))
      return sendJson(res, 401, { error: 'bad hmac' });
    const outcome = await handleShopifyWebhook(host, {
      topic: header('x-shopify-topic') ?? '',
      shop: header('x-shopify-shop-domain') ?? '',
      webhookId: header('x-shopify-webhook-id') ?? '',
      payload: JSON.parse(body.toString('utf8')) as unknown,
    });
    return sendJson(res, 200, outcome);
  });
  const appUrl = await listen(app, o.appPort);
  shop.setWebhookTarget({ baseUrl: appUrl, secret, pathFor: (topic) => `/webhooks/${topic}` });
  // The app's session table gets its own SQLite file: two Prisma clients migrating and writing one file
  // in one process gave "disk I/O error". The pages read orders and settings from the playground's host.
  const pagesConfig = {
    apiKey: 'playground-api-key',
    secret,
    accessToken: ACCESS_TOKEN,
    shop: SHOP,
    appUrl,
    databaseUrl: `file:${join(o.dataDir, 'shopify-sessions.sqlite')}`,
  };
  if (o.pages) {
    shopifyAppEnv(pagesConfig);
    pages = await shopifyPagesHandler(host, pagesConfig);
  }

  const dueWork = scheduler(host.engine, o.clock, tenantId, () => db.store.settings.get(tenantId));
  // Shopify Payments pays the takings out every few minutes here (daily in real life), and the app
  // journals each payout at once, so the Payouts page fills while the playground runs.
  let lastPayoutAt = o.clock.now().getTime();
  async function payouts(): Promise<void> {
    const now = o.clock.now().getTime();
    if (now - lastPayoutAt < PAYOUT_EVERY_MS) return;
    lastPayoutAt = now;
    if (!(await db.store.settings.get(tenantId))?.orders.postingEnabled) return;
    if (shop.payOut()) await host.engine.syncPayouts(tenantId, new Date(now - 86_400_000).toISOString());
  }
  const ship = SHIPPING.shopify;
  const shopOrder = (id: string) => {
    const order = shop.state.orders.get(Number(id));
    if (!order) throw new Error(`no Shopify order ${id}`);
    return order;
  };
  return {
    platform: 'shopify',
    tenantId,
    engine: host.engine,
    onboarding: host.engine,
    store: db.store,
    variantCount: syncableVariantCount(),
    urls: [
      { name: 'Shopify Admin API (emulator)', url: shop.graphqlUrl },
      pages
        ? {
            name: 'Shopify admin pages (Dashboard)',
            url: pageUrl(pagesConfig, '/app'),
            note: 'session token valid 24 h',
          }
        : {
            name: 'Shopify app host (webhooks only)',
            url: appUrl,
            note: 'admin pages not served: not built or switched off',
          },
      // In-app navigation needs App Bridge (not offline): the wizard gets its own line on a fresh start.
      ...(pages && o.onboarding === 'fresh'
        ? [
            {
              name: 'Shopify admin pages (Setup)',
              url: pageUrl(pagesConfig, '/app/setup'),
              note: 'first-run wizard',
            },
          ]
        : []),
    ],
    driver: {
      async placeOrder(s, fault) {
        const lines = s.lines.map((l) => {
          const discountMinor = discountOf(l, s.discountPercent);
          return {
            sku: l.sku,
            quantity: l.quantity,
            priceMinor: l.unitPriceMinor,
            discountMinor,
            taxMinor: vatIn(l.unitPriceMinor * l.quantity - discountMinor),
          };
        });
        const shipping =
          s.shipping.kind === 'paid'
            ? {
                code: ship.paid,
                title: 'Standard delivery',
                priceMinor: s.shipping.amountMinor,
                taxMinor: vatIn(s.shipping.amountMinor),
              }
            : { code: ship.free, title: 'Free delivery', priceMinor: 0, taxMinor: 0 };
        const { order } = await shop.placeOrder({
          lines,
          shipping,
          taxesIncluded: true,
          gateway: PAYMENT.shopify,
          financialStatus: 'paid',
          silent: fault?.eventLost === true,
        });
        const totalMinor =
          lines.reduce((n, l) => n + l.priceMinor * l.quantity - l.discountMinor, 0) + shipping.priceMinor;
        return { storefrontOrderId: String(order.id), orderNumber: String(order.number), totalMinor };
      },
      async cancelOrder(id) {
        await shop.cancelOrder(Number(id));
        return 'done';
      },
      async refundLine(id, sku, quantity, fault) {
        await shop.refundOrder(Number(id), {
          lines: [{ sku, quantity, restock: true }],
          silent: fault?.eventLost === true,
        });
        return 'done';
      },
      faults: {
        async repriceShipping(id, amountMinor) {
          const order = shopOrder(id);
          const line = order.shippingLines[0];
          if (!line) throw new Error(`Shopify order ${id} has no shipping line`);
          line.priceMinor = amountMinor;
          line.taxMinor = vatIn(amountMinor);
          order.updatedAt = new Date().toISOString();
          // Taxes are included in the playground's prices, so the total is goods less discounts plus shipping.
          return (
            order.lines.reduce((n, l) => n + l.priceMinor * l.quantity - l.discountMinor, 0) -
            order.orderDiscountMinor +
            order.shippingLines.reduce((n, l) => n + l.priceMinor - l.discountMinor, 0)
          );
        },
        async deleteOrder(id) {
          shopOrder(id);
          shop.state.orders.delete(Number(id));
        },
      },
      trackingNumbers(id) {
        const order = shop.state.orders.get(Number(id));
        return (order?.fulfillments ?? [])
          .flatMap((f) => f.tracking.map((t) => t.number ?? ''))
          .filter((n) => n !== '');
      },
      stockOf: (sku) => shop.inventoryOf(sku),
      stockCalls: () => shop.counters.byOperation.PrimaInventorySet ?? 0,
    },
    async tick() {
      await host.engine.work('playground-shopify', { limit: 25 });
      await dueWork();
      await payouts();
    },
    async close() {
      await closeServer(app);
      await shop.close();
      await db.prisma.$disconnect();
    },
  };
}
