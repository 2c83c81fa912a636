/**
 * A worker process for the crash scenario (not a test): the engine's worker loop on prima-store (SQLite
 * file or PostgreSQL), posting to the Prima sandbox through the real OMLink gateway. The parent kills it
 * with SIGKILL at random points and starts a new one.
 *
 *   node --import tsx crash-worker.ts <database url> <prima wsdl url> <worker id> <first order id> <count>
 *
 * The storefront is a fake holding the scenario's orders (sampleOrder by id), built the same way in
 * every process, so each restarted worker loads the same orders the parent announced.
 */
import {
  createEngine,
  createPrimaGateway,
  runWorker,
  silentLogger,
  systemClock,
} from '@prima-connect/prima-core';
import { createFakeStorefront, sampleOrder } from '@prima-connect/prima-core/testing';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';

const [url, primaUrl, workerId, first, count] = process.argv.slice(2);
if (!url || !primaUrl || !workerId || !first || !count) {
  console.error(
    'usage: crash-worker.ts <database url> <prima wsdl url> <worker id> <first order id> <count>',
  );
  process.exit(2);
}

const { store, prisma } = await createPrismaStore({ url, migrate: false });
const queue = await createQueue({ url, ...(url.startsWith('file:') ? { prisma } : {}), migrate: false });
const storefront = createFakeStorefront();
for (let i = 0; i < Number(count); i++) storefront.putOrder(sampleOrder(String(Number(first) + i)));
const gateway = createPrimaGateway({ url: primaUrl, timeoutMs: 3000, retry: { attempts: 1 } });
const engine = createEngine({
  store,
  queue,
  clock: systemClock,
  logger: silentLogger,
  prima: async () => gateway,
  storefront: async () => storefront,
  backoff: { baseMs: 50, capMs: 400, factor: 2 },
  // Short lease: a job held by a killed worker is handed out again soon.
  leaseMs: 1500,
  maxAttempts: 1000,
});
const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
console.log('ready');
await runWorker(engine, { workerId, signal: stop.signal, idleMs: 20, limit: 5 });
process.exit(0);
