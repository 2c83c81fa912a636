/**
 * The stores the cross-app engine tests run on: in memory always, Prisma on a SQLite file always, and
 * PostgreSQL (with two workers on separate connections, as two machines would) when PRIMA_TEST_PG_URL
 * is set; otherwise a clear SKIP line is printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue, Store } from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import pg from 'pg';

/** One worker's view of the shared persistence (its own connections where the backend has them). */
export interface WorkerPorts {
  store: Store;
  queue: Queue;
}

export interface OpenedStore {
  /** One entry per worker; all see the same data. */
  workers: WorkerPorts[];
  close(): Promise<void>;
}

export interface StoreVariant {
  name: string;
  open(): Promise<OpenedStore>;
}

const memory: StoreVariant = {
  name: 'memory',
  async open() {
    const ports = { store: createMemoryStore(), queue: createMemoryQueue() };
    return { workers: [ports, ports], close: async () => {} };
  },
};

const sqlite: StoreVariant = {
  name: 'Prisma + SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'engine-sqlite-'));
    const url = `file:${join(dir, 'engine.db')}`;
    const { store, prisma, close } = await createPrismaStore({ url });
    const queue = await createQueue({ url, prisma, migrate: false });
    const ports = { store, queue };
    return {
      // SQLite is the single-node path: one connection, two worker loops in the process.
      workers: [ports, ports],
      async close() {
        await queue.close();
        await close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(baseUrl: string): StoreVariant {
  return {
    name: 'Prisma + PostgreSQL, two workers',
    async open() {
      const schema = `engine_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const url = new URL(baseUrl);
      url.searchParams.set('schema', schema);
      const a = await createPrismaStore({ url: url.toString() });
      const b = await createPrismaStore({ url: url.toString(), migrate: false });
      const qa = await createQueue({ url: url.toString(), migrate: false });
      const qb = await createQueue({ url: url.toString(), migrate: false });
      return {
        workers: [
          { store: a.store, queue: qa },
          { store: b.store, queue: qb },
        ],
        async close() {
          await qa.close();
          await qb.close();
          await a.close();
          await b.close();
          const client = new pg.Client({ connectionString: baseUrl });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export function storeVariants(): StoreVariant[] {
  const pgUrl = process.env.PRIMA_TEST_PG_URL;
  if (!pgUrl) {
    console.log(
      'SKIP engine reliability tests on PostgreSQL (two workers): set PRIMA_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it',
    );
    return [memory, sqlite];
  }
  return [memory, sqlite, postgres(pgUrl)];
}
