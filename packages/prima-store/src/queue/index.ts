/**
 * `createQueue({ url })`: the database-backed queue for SQLite (embedded) or PostgreSQL (multi-node), on the
 * same database and migrations as the Store.
 */
import type { Queue } from '@prima-connect/prima-core';
import { clientFor, type PrimaPrismaClient } from '../client.js';
import { parseDatabaseUrl } from '../database-url.js';
import { migrate } from '../migrate.js';
import { PostgresQueue } from './postgres-queue.js';
import { SqliteQueue } from './sqlite-queue.js';

export { DEFAULT_MAX_ATTEMPTS } from './job-row.js';
export { PostgresQueue } from './postgres-queue.js';
export { SqliteQueue } from './sqlite-queue.js';

export interface PrimaQueue extends Queue {
  /** Deletes completed jobs finished before `before`. */
  purgeCompleted(before: Date): Promise<number>;
  close(): Promise<void>;
}

export interface CreateQueueOptions {
  url: string;
  migrate?: boolean;
  /** SQLite only: share the Store's client (one connection to the file) instead of opening another. */
  prisma?: PrimaPrismaClient;
}

export async function createQueue(options: CreateQueueOptions): Promise<PrimaQueue> {
  const target = parseDatabaseUrl(options.url);
  if (options.migrate !== false) await migrate(target);
  if (target.kind === 'postgres') return new PostgresQueue({ url: target.url, schema: target.schema });
  const owned = options.prisma === undefined;
  const prisma = options.prisma ?? clientFor(target);
  const queue = new SqliteQueue(prisma);
  return Object.assign(queue, { close: async () => (owned ? prisma.$disconnect() : undefined) });
}
