/**
 * Prisma clients for both databases. The two generated clients come from the one schema (see
 * scripts/generate.mjs) and expose the same model API; the PostgreSQL one is typed as the SQLite one so the
 * Store is written once. Hosts (the Shopify app's session storage) get the client from `createPrismaClient`.
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaClient as ClassicPrismaClient } from '@prisma/client';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client.js';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client.js';

export type PrimaPrismaClient = SqlitePrismaClient;

export interface CreatePrismaClientOptions {
  /** `file:./prima.db` or `postgres://...` (see parseDatabaseUrl). */
  url: string;
}

export function createPrismaClient({ url }: CreatePrismaClientOptions): PrimaPrismaClient {
  return clientFor(parseDatabaseUrl(url));
}

export function clientFor(target: DatabaseTarget): PrimaPrismaClient {
  if (target.kind === 'sqlite') {
    return new SqlitePrismaClient({
      adapter: new PrismaBetterSQLite3({ url: target.file }, { timestampFormat: 'iso8601' }),
    });
  }
  const adapter = new PrismaPg(
    { connectionString: target.url, options: `-c search_path=${target.schema}`, max: 10 },
    { schema: target.schema },
  );
  // Same models, same queries: only the SQL dialect inside the generated client differs.
  return new PostgresPrismaClient({ adapter }) as unknown as PrimaPrismaClient;
}

/**
 * The same client typed as the classic `@prisma/client` PrismaClient, which is what PrismaSessionStorage's type
 * parameter names: `new PrismaSessionStorage(forSessionStorage(prisma))`. Same schema, same Session model,
 * same runtime: only the generated type declarations differ, so the cast lives here, once.
 */
export function forSessionStorage(prisma: PrimaPrismaClient): ClassicPrismaClient {
  return prisma as unknown as ClassicPrismaClient;
}
