/**
 * Test wiring: the connector app with prima-core's in-memory Store, a recording Engine stand-in (for
 * route tests that must not depend on the engine's behaviour) and pino writing into an array.
 * The end-to-end test (e2e.test.ts) uses the real engine instead.
 */
import { Writable } from 'node:stream';
import type {
  Engine,
  ExceptionRecord,
  OrderEventInput,
  PrimaGateway,
  Store,
} from '@prima-connect/prima-core';
import { createMemoryStore } from '@prima-connect/prima-core/testing';
import type { FastifyInstance } from 'fastify';
import { createMemoryAccountRepo } from './accounts/account-repo.js';
import { Accounts } from './accounts/accounts.js';
import { SecretBox } from './accounts/secret-box.js';
import { buildConnectorApp } from './app.js';
import { createLogger } from './logger.js';

export interface RecordingEngine extends Engine {
  events: OrderEventInput[];
  catchUps: { tenantId: string; sinceIso: string }[];
}

/** Records what the host hands over; dedupes events through the Store as the real engine does. */
export function createRecordingEngine(store: Store): RecordingEngine {
  const events: OrderEventInput[] = [];
  const catchUps: { tenantId: string; sinceIso: string }[] = [];
  const missing = (what: string) => () =>
    Promise.reject(new Error(`recording engine: ${what} not used in this test`));
  const byTenant = async (tenantId: string, id: string): Promise<ExceptionRecord | null> =>
    store.exceptions.get(tenantId, id);
  return {
    events,
    catchUps,
    async handleOrderEvent(input) {
      const fresh = await store.events.recordIfNew({
        tenantId: input.tenantId,
        eventKey: input.eventKey,
        topic: input.topic,
        storefrontOrderId: input.storefrontOrderId,
        receivedAt: new Date().toISOString(),
        correlationId: input.correlationId,
      });
      if (fresh) events.push(input);
      return { accepted: fresh, duplicate: !fresh };
    },
    handleRefundEvent: missing('handleRefundEvent'),
    work: async () => ({ claimed: 0, done: 0, retried: 0, dead: 0, jobs: [] }),
    syncStock: missing('syncStock'),
    invalidateCatalogue: missing('invalidateCatalogue'),
    pollStatuses: missing('pollStatuses'),
    async catchUp(tenantId, sinceIso) {
      catchUps.push({ tenantId, sinceIso });
      return { found: 0, enqueued: 0 };
    },
    retryException: (t, id) => byTenant(t, id),
    resolveException: (t, id, by, note) =>
      store.exceptions.resolve(t, id, by, note, new Date().toISOString()),
    repost: missing('repost'),
    async orderView(_tenantId, storefrontOrderId) {
      return {
        storefrontOrderId,
        storefrontOrderNumber: storefrontOrderId,
        state: 'unknown',
        dispatches: [],
        canRetry: false,
      };
    },
    listOrders: (t, f) => store.links.listByState(t, f?.state ?? 'posted', f?.limit ?? 100),
    metrics: missing('metrics'),
    forgetTenant: (t) => store.tenants.delete(t),
    reconcileDay: missing('reconcileDay'),
    reconciliationReport: missing('reconciliationReport'),
    syncPayouts: missing('syncPayouts'),
    payoutJournals: missing('payoutJournals'),
    checkAlerts: missing('checkAlerts'),
  };
}

export interface TestConnector {
  app: FastifyInstance;
  url: string;
  store: Store;
  accounts: Accounts;
  logs: string[];
  close(): Promise<void>;
}

export async function startTestConnector(
  opts: {
    engine?: (store: Store, accounts: Accounts) => Engine;
    store?: Store;
    primaFor?: (tenantId: string) => Promise<PrimaGateway | null>;
    now?: () => Date;
    operatorToken?: string;
  } = {},
): Promise<TestConnector & { engine: Engine }> {
  const store = opts.store ?? createMemoryStore();
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const clock = { now: opts.now ?? (() => new Date()) };
  const accounts = new Accounts({
    repo: createMemoryAccountRepo(),
    box: new SecretBox(SecretBox.generateKey()),
    store,
    clock,
  });
  const engine = opts.engine ? opts.engine(store, accounts) : createRecordingEngine(store);
  const app = await buildConnectorApp({
    accounts,
    engine,
    store,
    clock,
    logger,
    publicUrl: 'http://connector.test',
    operatorToken: opts.operatorToken ?? 'operator-token-for-tests',
    primaFor: opts.primaFor ?? (async () => null),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  return { app, url, store, accounts, logs, engine, close: () => app.close() };
}
