/**
 * The Shopify app keeps its OAuth sessions in this schema's Session model through
 * @shopify/shopify-app-session-storage-prisma. This proves the model is the one that package expects,
 * with the client `createPrismaClient` returns, on SQLite and PostgreSQL.
 */
import { Session } from '@shopify/shopify-api';
import { PrismaSessionStorage } from '@shopify/shopify-app-session-storage-prisma';
import { describe, expect, it } from 'vitest';
import { createPrismaClient, forSessionStorage } from './client.js';
import { parseDatabaseUrl } from './database-url.js';
import { migrate } from './migrate.js';
import {
  pgTestUrl,
  skipLineForPostgres,
  type TestDatabase,
  tempPostgresSchema,
  tempSqlite,
} from './test-databases.js';

function describeSessions(name: string, makeDb: () => TestDatabase) {
  describe(`Shopify session storage on ${name}`, { timeout: 30_000 }, () => {
    it('stores, loads, finds by shop and deletes sessions', async () => {
      const db = makeDb();
      await migrate(parseDatabaseUrl(db.url));
      const prisma = createPrismaClient({ url: db.url });
      try {
        const storage = new PrismaSessionStorage(forSessionStorage(prisma));
        expect(await storage.isReady()).toBe(true);
        const session = new Session({
          id: 'offline_shop-1.myshopify.com',
          shop: 'shop-1.myshopify.com',
          state: 'st',
          isOnline: false,
        });
        session.accessToken = 'shpat_test';
        session.scope = 'read_orders,write_inventory';
        session.expires = new Date('2030-01-01T00:00:00.000Z');
        expect(await storage.storeSession(session)).toBe(true);

        const loaded = await storage.loadSession(session.id);
        expect(loaded?.accessToken).toBe('shpat_test');
        expect(loaded?.scope).toBe('read_orders,write_inventory');
        expect(loaded?.expires?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
        expect((await storage.findSessionsByShop('shop-1.myshopify.com')).map((s) => s.id)).toEqual([
          session.id,
        ]);
        expect(await storage.deleteSession(session.id)).toBe(true);
        expect(await storage.loadSession(session.id)).toBeUndefined();
      } finally {
        await prisma.$disconnect();
        await db.drop();
      }
    });
  });
}

describeSessions('SQLite', tempSqlite);
const pgUrl = pgTestUrl;
if (pgUrl) describeSessions('PostgreSQL', () => tempPostgresSchema(pgUrl));
else {
  skipLineForPostgres('Shopify session storage on PostgreSQL');
  describe.skip('Shopify session storage on PostgreSQL (no PRIMA_TEST_PG_URL)', () => {});
}
