/**
 * The connector service as a Fastify app: webhook intake (raw bodies, signature checked), the operator's
 * store registration, and the per-store admin API. Hosting (ports, worker loop, poller) is in server.ts.
 */

import { timingSafeEqual } from 'node:crypto';
import type {
  AlertersFromEnvResult,
  Clock,
  Engine,
  Logger,
  OnboardingEngine,
  PrimaGateway,
  Store,
} from '@prima-connect/prima-core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { Accounts } from './accounts/accounts.js';
import { onboardingRoutes } from './admin/onboarding.js';
import { adminRoutes } from './admin/routes.js';
import { handbookRoutes } from './handbook.js';
import { webhookIntake } from './webhooks/intake.js';

export interface ConnectorDeps {
  accounts: Accounts;
  engine: Engine;
  /** The engine's first-run wizard calls (createEngine returns them); without them /v1/onboarding/* answers 501. */
  onboarding?: OnboardingEngine;
  store: Store;
  clock: Clock;
  logger: PinoLogger;
  publicUrl: string;
  /** Bearer token for POST /operator/stores (registering a shop). Unset: registration is disabled over HTTP. */
  operatorToken?: string;
  primaFor(tenantId: string): Promise<PrimaGateway | null>;
  fetch?: typeof fetch;
  /** Alert channels, for Settings' test alert (the engine has them too). */
  alerts?: AlertersFromEnvResult;
}

const registerBody = z.object({ siteUrl: z.string().url() });

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function buildConnectorApp(deps: ConnectorDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  const logger = deps.logger as unknown as Logger;

  app.get('/healthz', async () => ({ ok: true }));
  handbookRoutes(app);

  await app.register(async (scope) =>
    webhookIntake(scope, { accounts: deps.accounts, engine: deps.engine, clock: deps.clock, logger }),
  );

  await app.register(async (scope) => {
    scope.post('/operator/stores', async (req, reply) => {
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!deps.operatorToken || !sameToken(token, deps.operatorToken))
        return reply.code(401).send({ error: 'unauthorized' });
      const body = registerBody.safeParse(req.body);
      if (!body.success)
        return reply.code(400).send({ error: 'invalid_request', message: 'siteUrl must be the shop URL' });
      const created = await deps.accounts.register(body.data);
      return reply
        .code(201)
        .send({ ...created, note: 'Give the apiKey to the shop once; only its hash is kept.' });
    });
  });

  await app.register(async (scope) => {
    await adminRoutes(scope, {
      accounts: deps.accounts,
      engine: deps.engine,
      store: deps.store,
      clock: deps.clock,
      publicUrl: deps.publicUrl,
      primaFor: deps.primaFor,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.alerts ? { alerts: deps.alerts } : {}),
    });
    // Same scope, so behind the same store-key check adminRoutes installs.
    await onboardingRoutes(scope, { onboarding: deps.onboarding, store: deps.store });
  });
  return app;
}
