/**
 * prima-core's Store port on Prisma: one implementation for SQLite and PostgreSQL (the generated clients
 * share their model API). `createPrismaStore` opens the database, applies pending migrations and wires it.
 */
import type { Store } from '@prima-connect/prima-core';
import { clientFor, type PrimaPrismaClient } from '../client.js';
import { type DatabaseTarget, parseDatabaseUrl } from '../database-url.js';
import { migrate } from '../migrate.js';
import { auditRepo } from './audit.js';
import { eventRepo } from './events.js';
import { exceptionRepo } from './exceptions.js';
import { linkRepo } from './links.js';
import { mappingRepo } from './mappings.js';
import { snapshotRepo } from './snapshots.js';
import { settingsRepo, tenantRepo } from './tenants.js';

export function storeOn(db: PrimaPrismaClient): Store {
  return {
    tenants: tenantRepo(db),
    settings: settingsRepo(db),
    mappings: mappingRepo(db),
    links: linkRepo(db),
    events: eventRepo(db),
    exceptions: exceptionRepo(db),
    snapshots: snapshotRepo(db),
    audit: auditRepo(db),
  };
}

export interface PrismaStore {
  store: Store;
  /** The underlying client: hand it to PrismaSessionStorage, or to `createSecretStore`. */
  prisma: PrimaPrismaClient;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export interface CreatePrismaStoreOptions {
  /** `file:./prima.db` (SQLite) or `postgres://user@host/db?schema=name` (PostgreSQL). */
  url: string;
  /** Apply pending migrations first (default true). Turn off where a deploy step migrates instead. */
  migrate?: boolean;
}

export async function createPrismaStore(options: CreatePrismaStoreOptions): Promise<PrismaStore> {
  const target = parseDatabaseUrl(options.url);
  if (options.migrate !== false) await migrate(target);
  const prisma = clientFor(target);
  return { store: storeOn(prisma), prisma, target, close: () => prisma.$disconnect() };
}
