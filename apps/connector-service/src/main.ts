/**
 * The connector service process: reads its configuration from the environment (validated), opens
 * prima-store (SQLite file or PostgreSQL), serves HTTP, runs the job worker and the schedules (missed
 * orders, Prima statuses, stock), and stops cleanly on SIGINT/SIGTERM.
 *
 *   DATABASE_URL=file:./.data/connector.db CONNECTOR_SECRET_KEY=<32 bytes base64> \
 *   CONNECTOR_PUBLIC_URL=https://connect.example.com OPERATOR_TOKEN=... \
 *   PRIMA_SMTP_URL=smtps://user:pass@smtp.example.com pnpm --filter @prima-connect/connector-service start
 */
import { alertersFromEnv, type Logger, runWorker, systemClock } from '@prima-connect/prima-core';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import { z } from 'zod';
import { createFileAccountRepo } from './accounts/account-repo.js';
import { runSchedules } from './jobs/poller.js';
import { createLogger } from './logger.js';
import { createConnectorRuntime } from './runtime.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('file:./.data/connector.db'),
  ACCOUNTS_FILE: z.string().min(1).default('./.data/accounts.json'),
  CONNECTOR_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64'),
  CONNECTOR_PUBLIC_URL: z.string().url(),
  OPERATOR_TOKEN: z.string().min(24).optional(),
  SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(5_000).default(60_000),
  WORKER_IDLE_MS: z.coerce.number().int().min(50).default(1_000),
});

export async function main(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; close: () => Promise<void> }> {
  const config = envSchema.parse(env);
  // PRIMA_SMTP_URL / PRIMA_SMTP_FROM: checked before anything opens, so a typo stops the service at start.
  const alerts = alertersFromEnv(env);
  const logger = createLogger();
  const { store, prisma, close: closeStore } = await createPrismaStore({ url: config.DATABASE_URL });
  const queue = await createQueue({ url: config.DATABASE_URL, prisma, migrate: false });
  const runtime = await createConnectorRuntime({
    store,
    queue,
    clock: systemClock,
    logger,
    accountRepo: createFileAccountRepo(config.ACCOUNTS_FILE),
    secretKey: config.CONNECTOR_SECRET_KEY,
    publicUrl: config.CONNECTOR_PUBLIC_URL,
    alerts,
    ...(config.OPERATOR_TOKEN ? { operatorToken: config.OPERATOR_TOKEN } : {}),
  });
  await runtime.app.listen({ port: config.PORT, host: config.HOST });
  const stop = new AbortController();
  const log = logger as unknown as Logger;
  const worker = runWorker(runtime.engine, {
    workerId: `connector-${process.pid}`,
    signal: stop.signal,
    idleMs: config.WORKER_IDLE_MS,
    logger: log,
  });
  const schedules = runSchedules(
    { accounts: runtime.accounts, engine: runtime.engine, store, clock: systemClock, logger: log },
    { intervalMs: config.SCHEDULE_INTERVAL_MS, signal: stop.signal },
  );
  const address = runtime.app.server.address();
  const url = typeof address === 'object' && address ? `http://${config.HOST}:${address.port}` : '';
  logger.info({ url }, 'connector service listening');
  return {
    url,
    async close() {
      stop.abort();
      await runtime.app.close();
      await Promise.allSettled([worker, schedules]);
      await queue.close?.();
      await closeStore();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (service) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const)
        process.once(signal, () => void service.close().then(() => process.exit(0)));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
