/**
 * The engine with no app around it: prima-core's engine on a real store (prima-store SQLite or
 * PostgreSQL, or memory), a fake storefront holding canonical orders, and the Prima sandbox over OMLink
 * SOAP through the real gateway. Used by the outage, crash and load scenarios.
 */
import {
  alertersFor,
  createEngine,
  createPrimaGateway,
  type Engine,
  type Logger,
  type PrimaGateway,
  parseSettings,
  type Queue,
  recordingLogger,
  runFinanceRound,
  runWorker,
  type Store,
  systemClock,
} from '@prima-connect/prima-core';
import { createFakeStorefront, type FakeStorefront, sampleOrder } from '@prima-connect/prima-core/testing';
import { sleep } from './pool.js';

export const ENGINE_TENANT = 'tenant-reliability';

export function reliabilitySettings(primaUrl: string, timeoutMs = 1000) {
  return parseSettings({
    prima: { url: primaUrl, timeoutMs, maxConcurrency: 4 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN', channel: 'WEB' },
    maps: {
      shipping: { standard: { charge: 'RM48' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
  });
}

export async function seedTenant(store: Store, primaUrl: string, timeoutMs = 1000): Promise<void> {
  await store.tenants.put({
    id: ENGINE_TENANT,
    platform: 'shopify',
    shop: 'reliability.myshopify.com',
    createdAt: new Date().toISOString(),
  });
  await store.settings.put(ENGINE_TENANT, reliabilitySettings(primaUrl, timeoutMs));
}

export interface EngineRig {
  engine: Engine;
  storefront: FakeStorefront;
  logger: Logger;
  /** Puts the order in the storefront and hands its paid event to the engine, as an intake would. */
  receive(id: string): Promise<{ accepted: boolean; duplicate: boolean }>;
  /** Worker loops, as a long-lived host runs them; stop() ends them. */
  startWorkers(n: number): { stop(): Promise<void> };
  /**
   * The daily finance round the hosts schedule (prima-core `runFinanceRound`: alerts, reconciliation),
   * every `everyMs` instead of every few minutes; alerts go out through the tenant's configured channels.
   */
  startFinanceSchedule(everyMs: number): { stop(): Promise<void> };
}

export function engineRig(
  store: Store,
  queue: Queue,
  primaUrl: string,
  opts: { gateway?: PrimaGateway; storefront?: FakeStorefront } = {},
): EngineRig {
  const storefront = opts.storefront ?? createFakeStorefront();
  const logger = recordingLogger();
  const gateway =
    opts.gateway ?? createPrimaGateway({ url: primaUrl, timeoutMs: 1000, retry: { attempts: 1 } });
  const engine = createEngine({
    store,
    queue,
    clock: systemClock,
    logger,
    prima: async () => gateway,
    storefront: async () => storefront,
    // Real time with short waits, so an outage of seconds is retried many times within the scenario.
    backoff: { baseMs: 50, capMs: 400, factor: 2 },
    // The product's alert channels (SMTP, webhook) from the tenant's settings, as the hosts wire them.
    alerters: async (_tenantId, settings) => alertersFor(settings),
    leaseMs: 10_000,
    maxAttempts: 1000,
  });
  return {
    engine,
    storefront,
    logger,
    async receive(id) {
      storefront.putOrder(sampleOrder(id));
      return engine.handleOrderEvent({
        tenantId: ENGINE_TENANT,
        eventKey: `evt-${id}`,
        topic: 'order.paid',
        storefrontOrderId: id,
        correlationId: `c-${id}`,
      });
    },
    startWorkers(n) {
      const stop = new AbortController();
      const loops = Array.from({ length: n }, (_, i) =>
        runWorker(engine, { workerId: `rel-worker-${i}`, signal: stop.signal, idleMs: 20, limit: 10 }),
      );
      return {
        async stop() {
          stop.abort();
          await Promise.allSettled(loops);
        },
      };
    },
    startFinanceSchedule(everyMs) {
      let stopped = false;
      const loop = (async () => {
        while (!stopped) {
          await runFinanceRound(engine, store, ENGINE_TENANT, new Date());
          await sleep(everyMs);
        }
      })();
      return {
        async stop() {
          stopped = true;
          await loop;
        },
      };
    },
  };
}

/** Waits until the tenant's queue has nothing pending or running (the scenario then checks what got posted). */
export async function waitQueueEmpty(queue: Queue, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const c = await queue.counts(ENGINE_TENANT);
    if (c.pending === 0 && c.active === 0) return;
    if (Date.now() > until) throw new Error(`not all posted in time: ${JSON.stringify(c)}`);
    await sleep(50);
  }
}
