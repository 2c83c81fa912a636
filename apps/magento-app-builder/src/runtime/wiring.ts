import {
  type AlertersFromEnvResult,
  alertersFromEnv,
  type Clock,
  createEngine,
  createPrimaGateway,
  type Logger,
  type PrimaGateway,
  type StorefrontGateway,
} from '@prima-connect/prima-core';
import type { ActionContext, ContextFactory } from '../actions/context.js';
import { type CommerceGatewayOptions, createCommerceGateway } from '../commerce/gateway.js';
import { createCommerceClient } from '../commerce/rest-client.js';
import type { PublicKeyResolver } from '../events/signature.js';
import type { Kv } from '../state/kv.js';
import { createKvQueue } from '../state/kv-queue.js';
import { createKvStore } from '../state/kv-store.js';
import { jsonLogger } from './logger.js';

/**
 * Wires one tenant (one Commerce instance per App Builder workspace) from its parts. Production passes
 * aio-lib-state and Commerce's URL; tests pass a memory KV, the emulator and the Prima sandbox.
 */
export interface AppWiring {
  kv: Kv;
  tenantId: string;
  commerce: { baseUrl: string; accessToken: string; storeCode?: string; fetch?: typeof fetch };
  gateway?: Partial<Omit<CommerceGatewayOptions, 'client'>>;
  recipientClientId: string;
  resolvePublicKey: PublicKeyResolver;
  clock?: Clock;
  logger?: Logger;
  /** Override Prima (tests with a fake); default: OMLink over SOAP from the tenant's settings. */
  prima?: (tenantId: string) => Promise<PrimaGateway>;
  workerId?: string;
  /** Alert channels; production builds them from the PRIMA_SMTP_* inputs, local runs from process.env. */
  alerts?: AlertersFromEnvResult;
  /** The handbook's exceptions page as deployed with the screens (absolute), so alerts link to it. */
  handbookUrl?: string;
}

export function buildContext(w: AppWiring): ActionContext {
  const clock = w.clock ?? { now: () => new Date() };
  const logger = w.logger ?? jsonLogger({ app: 'prima-connect-commerce', tenant: w.tenantId });
  const store = createKvStore(w.kv);
  const queue = createKvQueue(w.kv, { now: () => clock.now() });
  let storefront: StorefrontGateway | undefined;
  const alerts = w.alerts ?? alertersFromEnv(process.env);
  const engine = createEngine({
    store,
    queue,
    clock,
    logger,
    alerters: alerts.alerters,
    ...(w.handbookUrl ? { handbookUrl: w.handbookUrl } : {}),
    storefront: async () => {
      if (!storefront) {
        // Commerce's own "catalog prices include tax" setting; Prima's price-book VAT mode is a separate
        // setting (orders.vatInclusive) and prima-core converts between the two.
        storefront = createCommerceGateway({
          client: createCommerceClient(w.commerce),
          pricesIncludeTax: true,
          logger,
          ...w.gateway,
        });
      }
      return storefront;
    },
    prima:
      w.prima ??
      (async (tenantId) => {
        const settings = await store.settings.get(tenantId);
        if (!settings)
          throw new Error(
            'Prima is not configured yet: open Settings and enter the Prima web service address.',
          );
        return createPrimaGateway({
          url: settings.prima.url,
          companyId: settings.prima.companyId,
          timeoutMs: settings.prima.timeoutMs,
          maxConcurrency: settings.prima.maxConcurrency,
          logger,
        });
      }),
  });
  return {
    tenantId: w.tenantId,
    engine,
    onboarding: engine,
    store,
    clock,
    logger,
    recipientClientId: w.recipientClientId,
    resolvePublicKey: w.resolvePublicKey,
    workerId: w.workerId ?? `aio-${process.pid}`,
    pricesIncludeTax: w.gateway?.pricesIncludeTax ?? true,
    alerts,
    ...(w.handbookUrl ? { handbookUrl: w.handbookUrl } : {}),
  };
}

export const contextFactory =
  (w: AppWiring): ContextFactory =>
  async () =>
    buildContext(w);
