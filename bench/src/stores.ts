/**
 * The persistence the order benchmarks run on: memory; Prisma on a SQLite file (the embedded default: one
 * connection, worker loops in one process); PostgreSQL with two workers, each with its own Prisma client
 * and queue connection, as two machines would (prima-store's queue: SELECT ... FOR UPDATE SKIP LOCKED).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue, Store } from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import pg from 'pg';

export type Backend = 'memory' | 'sqlite' | 'postgres';

export interface OpenedBackend {
  name: string;
  /** One entry per worker process being modelled; all see the same data. */
  workers: { store: Store; queue: Queue }[];
  close(): Promise<void>;
}

export const PG_URL =
  process.env.PRIMA_BENCH_PG_URL ??
  process.env.PRIMA_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export async function openBackend(backend: Backend): Promise<OpenedBackend> {
  if (backend === 'memory') {
    const ports = { store: createMemoryStore(), queue: createMemoryQueue() };
    return { name: 'memory', workers: [ports], close: async () => {} };
  }
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
    const url = `file:${join(dir, 'bench.db')}`;
    const opened = await createPrismaStore({ url });
    const queue = await createQueue({ url, prisma: opened.prisma, migrate: false });
    return {
      name: 'Prisma + SQLite, one worker',
      workers: [{ store: opened.store, queue }],
      async close() {
        await queue.close();
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  const a = await createPrismaStore({ url: url.toString() });
  const b = await createPrismaStore({ url: url.toString(), migrate: false });
  const qa = await createQueue({ url: url.toString(), migrate: false });
  const qb = await createQueue({ url: url.toString(), migrate: false });
  return {
    name: 'Prisma + PostgreSQL, two workers',
    workers: [
      { store: a.store, queue: qa },
      { store: b.store, queue: qb },
    ],
    async close() {
      await Promise.all([qa.close(), qb.close()]);
      await Promise.all([a.close(), b.close()]);
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** True when PostgreSQL answers at PG_URL (otherwise the PostgreSQL run is reported as skipped). */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
