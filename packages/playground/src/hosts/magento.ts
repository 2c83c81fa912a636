/**
 * Adobe Commerce in the playground: sim-adobe-commerce (REST V1 + signed I/O Events) and the App Builder
 * actions of apps/magento-app-builder run by a local runner: one HTTP server that hands each request to an
 * action as the raw-http params I/O Runtime would (`__ow_method`, `__ow_body`, ...), alarms for the
 * scheduled actions, state in a JSON file (the app's file KV standing in for aio-lib-state), and the
 * web-src screens (Vite build) served next to the admin-api action they call.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminApiAction } from '@prima-connect/magento-app-builder/src/actions/admin-api.js';
import { commerceEventsAction } from '@prima-connect/magento-app-builder/src/actions/commerce-events.js';
import type { ActionParams, ActionResponse } from '@prima-connect/magento-app-builder/src/actions/http.js';
import {
  statusPollAction,
  stockSyncAction,
} from '@prima-connect/magento-app-builder/src/actions/scheduled.js';
import { buildContext } from '@prima-connect/magento-app-builder/src/runtime/wiring.js';
import { createFileKv } from '@prima-connect/magento-app-builder/src/state/file-kv.js';
import type { Clock, Logger } from '@prima-connect/prima-core';
import { startAdobeCommerceEmulator } from '@prima-connect/sim-adobe-commerce';
import { bundleMappings, storefrontProducts, syncableVariantCount } from '../catalogue.js';
import { closeServer, httpServer, listen, readBody } from '../http.js';
import { PAYMENT, playgroundSettings, SHIPPING } from '../settings.js';
import { discountOf } from '../traffic/scenarios.js';
import type { PlatformStack } from './types.js';

export interface MagentoStackOptions {
  emulatorPort: number;
  runnerPort: number;
  dataDir: string;
  primaUrl: string;
  clock: Clock;
  logger: Logger;
}

const TENANT = 'commerce-playground';
const SOURCE = 'default';
const ACTIONS = '/api/v1/web/prima-connect';
/** Where `vite build` puts the screens (apps/magento-app-builder/vite.config.ts). */
export const MAGENTO_WEB_DIR = fileURLToPath(
  new URL('../../../../apps/magento-app-builder/dist/web', import.meta.url),
);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export async function startMagentoStack(o: MagentoStackOptions): Promise<PlatformStack> {
  const sim = await startAdobeCommerceEmulator({ port: o.emulatorPort, bulkDelayMs: 0 });
  sim.seedProducts(
    storefrontProducts().map((p) => ({
      sku: p.sku,
      name: p.title,
      priceMinor: p.priceMinor,
      quantity: 0,
      sourceCode: SOURCE,
    })),
  );
  const keys = new Map([
    [sim.signingKeys.key1.path, sim.signingKeys.key1.publicKeyPem],
    [sim.signingKeys.key2.path, sim.signingKeys.key2.publicKeyPem],
  ]);
  // One context for the runner's life: the memory KV under the file adapter is the state every action sees.
  const ctx = buildContext({
    kv: createFileKv(join(o.dataDir, 'magento-state.json')),
    tenantId: TENANT,
    commerce: { baseUrl: sim.url, accessToken: sim.accessToken },
    gateway: { defaultSourceCode: SOURCE },
    recipientClientId: sim.recipientClientId,
    // Adobe publishes the event signing keys on its CDN; the emulator's own pair stands in.
    resolvePublicKey: async (path) => {
      const pem = keys.get(path);
      if (!pem) throw new Error(`unknown signing key ${path}`);
      return pem;
    },
    clock: o.clock,
    logger: o.logger,
    workerId: 'playground-runner',
  });
  await ctx.store.tenants.put({
    id: TENANT,
    platform: 'magento',
    shop: sim.url,
    createdAt: o.clock.now().toISOString(),
  });
  await ctx.store.settings.put(TENANT, playgroundSettings('magento', o.primaUrl, SOURCE));
  await ctx.store.mappings.upsertMany(TENANT, bundleMappings(o.clock.now().toISOString()));

  const factory = async () => ctx;
  const actions: Record<string, (p: ActionParams) => Promise<ActionResponse>> = {
    'commerce-events': commerceEventsAction(factory),
    'admin-api': adminApiAction(factory),
    'stock-sync': stockSyncAction(factory),
    'status-poll': statusPollAction(factory),
  };

  const runner = httpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://runner');
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/web/index.html' });
      return void res.end();
    }
    if (url.pathname.startsWith('/web/')) {
      const file = normalize(join(MAGENTO_WEB_DIR, url.pathname.slice('/web/'.length)));
      if (!file.startsWith(MAGENTO_WEB_DIR) || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end(
          'Not built: run `pnpm --filter @prima-connect/magento-app-builder run build:web` (pnpm start does).',
        );
      }
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      return void res.end(readFileSync(file));
    }
    const m = new RegExp(`^${ACTIONS}/([a-z-]+)(/.*)?$`).exec(url.pathname);
    const action = m?.[1] ? actions[m[1]] : undefined;
    if (!m || !action) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'no such action' }));
    }
    const body = await readBody(req);
    const out = await action({
      __ow_method: (req.method ?? 'GET').toLowerCase(),
      __ow_headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      ),
      __ow_body: body.toString('utf8'),
      __ow_query: url.search.slice(1),
      __ow_path: m[2] ?? '/',
    });
    const headers = { 'content-type': 'application/json', ...(out.headers ?? {}) };
    res.writeHead(out.statusCode, headers);
    res.end(
      typeof out.body === 'string' && !headers['content-type'].includes('json')
        ? out.body
        : JSON.stringify(out.body),
    );
  });
  const runnerUrl = await listen(runner, o.runnerPort);
  sim.setEventsUrl(`${runnerUrl}${ACTIONS}/commerce-events`);

  // Alarms, as app.config.yaml schedules them; the interval is the tenant's stock setting.
  let lastStockAt = Number.NEGATIVE_INFINITY;
  const ship = SHIPPING.magento;
  return {
    platform: 'magento',
    tenantId: TENANT,
    engine: ctx.engine,
    store: ctx.store,
    variantCount: syncableVariantCount(),
    urls: [
      { name: 'Adobe Commerce REST (emulator)', url: sim.restUrl },
      { name: 'App Builder local runner', url: `${runnerUrl}${ACTIONS}` },
      { name: 'Adobe Commerce admin screens', url: `${runnerUrl}/web/index.html` },
    ],
    driver: {
      async placeOrder(s) {
        const items = s.lines.map((l) => ({
          sku: l.sku,
          qty: l.quantity,
          priceMinor: l.unitPriceMinor,
          discountMinor: discountOf(l, s.discountPercent),
        }));
        const shipping =
          s.shipping.kind === 'paid'
            ? { method: ship.paid, description: 'Flat Rate - Fixed', amountMinor: s.shipping.amountMinor }
            : { method: ship.free, description: 'Free Shipping - Free', amountMinor: 0 };
        const { order } = await sim.placeOrder({
          items,
          shipping,
          paymentMethod: PAYMENT.magento,
          invoice: true,
          taxPercent: 20,
          currency: 'GBP',
        });
        return {
          storefrontOrderId: String(order.entityId),
          orderNumber: order.incrementId,
          totalMinor: order.grandTotalMinor,
        };
      },
      // The emulator and the app have no cancellation event yet (see README).
      cancelOrder: async () => 'unsupported',
      async refundLine(id, sku, quantity) {
        await sim.refundOrder(Number(id), { items: [{ sku, qty: quantity }] });
        return 'done';
      },
      trackingNumbers: (id) =>
        [...sim.state.shipments.values()]
          .filter((s) => String(s.orderId) === id)
          .flatMap((s) => s.tracks.map((t) => t.trackNumber)),
      stockOf: (sku) => sim.sourceQuantity(sku, SOURCE),
      stockCalls: () => sim.callCount({ route: 'async/bulk /V1/inventory/source-items' }),
    },
    async tick() {
      const settings = await ctx.store.settings.get(TENANT);
      const now = o.clock.now().getTime();
      if (settings?.stock.enabled && now - lastStockAt >= settings.stock.intervalMinutes * 60_000) {
        lastStockAt = now;
        await actions['stock-sync']?.({});
        await sim.drainBulks();
      }
      await actions['status-poll']?.({});
    },
    async close() {
      await closeServer(runner);
      await sim.close();
    },
  };
}
