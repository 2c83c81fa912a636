/**
 * The running app's host: the database, one engine for every shop, and a worker loop in the same process
 * (a second process can run the same loop: the queue leases jobs). Storefront calls use each shop's
 * offline session through the library's `unauthenticated.admin`; Prima calls use the shop's Settings.
 */
import { alertersFromEnv, createPrimaGateway } from '@prima-connect/prima-core';
import { openDatabase } from '../db.server.js';
import { AdminClient, remixTransport } from '../shopify/admin-client.server.js';
import { createShopifyGateway } from '../shopify/gateway.server.js';
import { unauthenticated } from '../shopify.server.js';
import { createShopifyHost, type ShopifyHost } from './host.server.js';
import { createLogger } from './logger.server.js';
import { startWorker } from './worker.server.js';

let host: Promise<ShopifyHost> | undefined;

// Read when the server loads this module, so a malformed PRIMA_SMTP_URL stops the app at start (naming the
// variable, never its value) instead of failing the first request or silently e-mailing no one.
const alerts = alertersFromEnv(process.env);

/**
 * Runs the routes on a host built elsewhere (the end-to-end test and the local playground wire the
 * emulator, the Prima sandbox and a manual clock); must be called before the first request.
 */
export function useHost(h: ShopifyHost): void {
  (globalThis as { __primaHost?: Promise<ShopifyHost> }).__primaHost = Promise.resolve(h);
}

export function getHost(): Promise<ShopifyHost> {
  const g = globalThis as { __primaHost?: Promise<ShopifyHost> };
  g.__primaHost ??= (async () => {
    const { db, queue } = await openDatabase();
    const logger = createLogger();
    const h = createShopifyHost({
      store: db.store,
      queue,
      logger,
      alerts,
      prima: async (tenantId) => {
        const settings = await db.store.settings.get(tenantId);
        if (!settings) throw new Error(`Prima is not set up for ${tenantId}: open Settings in the app`);
        return createPrimaGateway({
          url: settings.prima.url,
          companyId: settings.prima.companyId,
          timeoutMs: settings.prima.timeoutMs,
          logger,
        });
      },
      storefront: async (tenantId) => {
        const { admin } = await unauthenticated.admin(tenantId);
        const settings = await db.store.settings.get(tenantId);
        return createShopifyGateway({
          client: new AdminClient({ transport: remixTransport(admin) }),
          writeBack: () => settings?.writeBack ?? { metafield: true, note: true, tag: true },
        });
      },
    });
    if (process.env.PRIMA_WORKER !== 'off') startWorker(h);
    return h;
  })();
  host = g.__primaHost;
  return host;
}
