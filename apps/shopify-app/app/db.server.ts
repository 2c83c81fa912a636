/**
 * The app's one database (SQLite file by default, PostgreSQL by URL): Shopify sessions and prima-core's store
 * and queue share it. Schema, migrations and the client factory come from @prima-connect/prima-store.
 */
import {
  createPrismaStore,
  createQueue,
  type PrimaQueue,
  type PrismaStore,
} from '@prima-connect/prima-store';

export const databaseUrl = () => process.env.DATABASE_URL ?? 'file:./prima-shopify.sqlite';

let opened: Promise<{ db: PrismaStore; queue: PrimaQueue }> | undefined;

/** Opens (and migrates) once per process; Remix dev reloads modules, so the promise lives on globalThis. */
export function openDatabase(): Promise<{ db: PrismaStore; queue: PrimaQueue }> {
  const g = globalThis as { __primaDb?: typeof opened };
  g.__primaDb ??= (async () => {
    const db = await createPrismaStore({ url: databaseUrl() });
    const queue = await createQueue({ url: databaseUrl(), prisma: db.prisma });
    return { db, queue };
  })();
  opened = g.__primaDb;
  return opened;
}
