/**
 * The Shopify app's side of prima-core: one engine for every shop that installed the app. A tenant is a
 * shop domain. Remix routes and the worker loop use this; tests build it with in-memory or SQLite stores.
 */
import {
  type AlertersFromEnvResult,
  alertersFromEnv,
  type Clock,
  createEngine,
  type Engine,
  type Logger,
  type OnboardingEngine,
  type PrimaGateway,
  type Queue,
  type Settings,
  type Store,
  type StorefrontGateway,
} from '@prima-connect/prima-core';
import { handbookExceptionsUrl } from './handbook.server.js';
import { silentLogger } from './logger.server.js';

export interface ShopifyHostDeps {
  store: Store;
  queue: Queue;
  /** The tenant's Prima (usually createPrimaGateway from its Settings). */
  prima: (tenantId: string) => Promise<PrimaGateway>;
  /** The tenant's Shopify (createShopifyGateway over its offline session). */
  storefront: (tenantId: string) => Promise<StorefrontGateway>;
  clock?: Clock;
  logger?: Logger;
  maxAttempts?: number;
  /**
   * Set by hosts that talk to a Shopify emulator (the playground, browser tests): admin pages then read
   * Shopify through `storefront` too, instead of through the signed-in admin session.
   */
  pagesUseStorefront?: boolean;
  /** Alert channels; default: the mail server in PRIMA_SMTP_URL plus each shop's Settings > Alerts. */
  alerts?: AlertersFromEnvResult;
}

export interface ShopifyHost {
  /** prima-core's engine, with the first-run wizard's calls. */
  engine: Engine & OnboardingEngine;
  store: Store;
  queue: Queue;
  logger: Logger;
  clock: Clock;
  /** Makes sure the shop is a known tenant (installs, first webhook). */
  ensureTenant(shop: string): Promise<string>;
  settings(tenantId: string): Promise<Settings | null>;
  /** The tenant's Shopify gateway for admin pages, when the host supplies one (see pagesUseStorefront). */
  pageStorefront?: (tenantId: string) => Promise<StorefrontGateway>;
  /** Where alerts go (Settings' test button uses it too). */
  alerts: AlertersFromEnvResult;
}

export const tenantIdForShop = (shop: string) => shop.trim().toLowerCase();

export function createShopifyHost(deps: ShopifyHostDeps): ShopifyHost {
  const clock = deps.clock ?? { now: () => new Date() };
  const logger = deps.logger ?? silentLogger;
  // Read at start: a bad PRIMA_SMTP_URL stops the app here rather than losing every alert e-mail later.
  const alerts = deps.alerts ?? alertersFromEnv(process.env);
  const engine = createEngine({
    store: deps.store,
    queue: deps.queue,
    prima: deps.prima,
    storefront: deps.storefront,
    clock,
    logger,
    ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
    // Alerts link to the handbook this app serves (routes/handbook.$slug.tsx), when its public URL is known.
    ...(handbookExceptionsUrl() ? { handbookUrl: handbookExceptionsUrl() } : {}),
    alerters: alerts.alerters,
  });
  return {
    engine,
    store: deps.store,
    queue: deps.queue,
    logger,
    clock,
    async ensureTenant(shop) {
      const id = tenantIdForShop(shop);
      const existing = await deps.store.tenants.get(id);
      if (!existing || existing.uninstalledAt) {
        await deps.store.tenants.put({
          id,
          platform: 'shopify',
          shop: id,
          createdAt: clock.now().toISOString(),
        });
      }
      return id;
    },
    settings: (tenantId) => deps.store.settings.get(tenantId),
    ...(deps.pagesUseStorefront ? { pageStorefront: deps.storefront } : {}),
    alerts,
  };
}
