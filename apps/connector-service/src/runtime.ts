/**
 * Wires one connector process: accounts, the prima-core engine (with the shop gateways and per-tenant
 * Prima gateways), and the Fastify app. Storage and time are injected so the same wiring runs in
 * production (prima-store, system clock) and in the end-to-end test.
 */
import {
  type AlertersFromEnvResult,
  alertersFromEnv,
  type Clock,
  createEngine,
  createPrimaGateway,
  type Engine,
  type Logger,
  type PrimaGateway,
  ProblemError,
  problem,
  type Queue,
  type Settings,
  type Store,
} from '@prima-connect/prima-core';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { AccountRepo } from './accounts/account-repo.js';
import { Accounts } from './accounts/accounts.js';
import { SecretBox } from './accounts/secret-box.js';
import { buildConnectorApp } from './app.js';
import { handbookExceptionsUrl } from './handbook.js';

export interface RuntimeOptions {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: PinoLogger;
  accountRepo: AccountRepo;
  /** 32 bytes, base64: seals WooCommerce keys and webhook secrets. */
  secretKey: string;
  publicUrl: string;
  operatorToken?: string;
  /** Builds a Prima gateway from a tenant's settings; createPrimaGateway by default. */
  primaGateway?: (settings: Settings) => PrimaGateway;
  fetch?: typeof fetch;
  /** Alert channels; default: the mail server in PRIMA_SMTP_URL plus each shop's alert settings. */
  alerts?: AlertersFromEnvResult;
}

export interface ConnectorRuntime {
  app: FastifyInstance;
  engine: Engine;
  accounts: Accounts;
  primaFor(tenantId: string): Promise<PrimaGateway | null>;
}

export async function createConnectorRuntime(opts: RuntimeOptions): Promise<ConnectorRuntime> {
  const logger = opts.logger as unknown as Logger;
  const accounts = new Accounts({
    repo: opts.accountRepo,
    box: new SecretBox(opts.secretKey),
    store: opts.store,
    clock: opts.clock,
    logger,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });

  // One gateway per tenant and Prima address: the WSDL is read once, and the concurrency limit holds.
  const primaCache = new Map<string, { key: string; gateway: PrimaGateway }>();
  const build =
    opts.primaGateway ??
    ((s: Settings) =>
      createPrimaGateway({
        url: s.prima.url,
        companyId: s.prima.companyId,
        timeoutMs: s.prima.timeoutMs,
        maxConcurrency: s.prima.maxConcurrency,
        logger,
      }));
  async function primaFor(tenantId: string): Promise<PrimaGateway | null> {
    const settings = await opts.store.settings.get(tenantId);
    if (!settings) return null;
    const key = `${settings.prima.url}|${settings.prima.companyId ?? ''}|${settings.prima.timeoutMs}`;
    const hit = primaCache.get(tenantId);
    if (hit && hit.key === key) return hit.gateway;
    const gateway = build(settings);
    primaCache.set(tenantId, { key, gateway });
    return gateway;
  }

  // Read at start: a bad PRIMA_SMTP_URL stops the service here rather than losing every alert e-mail later.
  const alerts = opts.alerts ?? alertersFromEnv(process.env);
  const engine = createEngine({
    store: opts.store,
    queue: opts.queue,
    clock: opts.clock,
    logger,
    // Alerts link to the handbook this service serves (src/handbook.ts).
    handbookUrl: handbookExceptionsUrl(opts.publicUrl),
    alerters: alerts.alerters,
    async prima(tenantId) {
      const gw = await primaFor(tenantId);
      if (!gw) {
        throw new ProblemError(
          problem(
            'prima_unreachable',
            'Prima is not set up for this shop yet.',
            'Enter the Prima web service address in Settings.',
            {},
            true,
          ),
        );
      }
      return gw;
    },
    async storefront(tenantId) {
      const gw = await accounts.gatewayFor(tenantId);
      if (!gw) {
        throw new ProblemError(
          problem(
            'storefront_api_error',
            'The connector has no WooCommerce REST API key for this shop.',
            'Save a WooCommerce REST API key (Read/Write) in Prima Connect > Settings.',
            {},
            true,
          ),
        );
      }
      return gw;
    },
  });

  const app = await buildConnectorApp({
    accounts,
    engine,
    onboarding: engine,
    store: opts.store,
    clock: opts.clock,
    logger: opts.logger,
    publicUrl: opts.publicUrl,
    ...(opts.operatorToken ? { operatorToken: opts.operatorToken } : {}),
    primaFor,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    alerts,
  });
  return { app, engine, accounts, primaFor };
}
