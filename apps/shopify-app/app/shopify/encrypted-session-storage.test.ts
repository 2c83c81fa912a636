import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient, forSessionStorage, migrate, parseDatabaseUrl } from '@prima-connect/prima-store';
import { Session } from '@shopify/shopify-app-remix/server';
import { PrismaSessionStorage } from '@shopify/shopify-app-session-storage-prisma';
import { afterAll, describe, expect, it } from 'vitest';
import { EncryptedSessionStorage, sessionKeyring } from './encrypted-session-storage.server.js';

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'shopify-sessions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Shopify sessions encrypted at rest', () => {
  it('keeps the access token out of the database file, and gives it back to the library', async () => {
    const url = `file:${join(dir, 'sessions.sqlite')}`;
    await migrate(parseDatabaseUrl(url));
    const prisma = createPrismaClient({ url });
    try {
      const plain = new PrismaSessionStorage(forSessionStorage(prisma));
      const storage = new EncryptedSessionStorage(
        plain,
        sessionKeyring({ SHOPIFY_API_SECRET: 'app-secret' }),
      );
      const session = new Session({
        id: 'offline_a.myshopify.com',
        shop: 'a.myshopify.com',
        state: 's',
        isOnline: false,
      });
      session.accessToken = TOKEN;
      expect(await storage.storeSession(session)).toBe(true);
      expect(session.accessToken).toBe(TOKEN); // the caller's session is not changed

      const raw = await plain.loadSession(session.id);
      expect(raw?.accessToken).toMatch(/^enc:v1:/);
      expect(raw?.accessToken).not.toContain(TOKEN);
      await prisma.$disconnect();
      expect(readFileSync(join(dir, 'sessions.sqlite')).includes(Buffer.from(TOKEN))).toBe(false);

      expect((await storage.loadSession(session.id))?.accessToken).toBe(TOKEN);
      expect((await storage.findSessionsByShop('a.myshopify.com')).map((s) => s.accessToken)).toEqual([
        TOKEN,
      ]);

      // Another key cannot open it; a token stored before encryption still loads as it is.
      const other = new EncryptedSessionStorage(
        plain,
        sessionKeyring({ SHOPIFY_API_SECRET: 'other-secret' }),
      );
      await expect(other.loadSession(session.id)).rejects.toThrow(/not configured|authentication/);
      const legacy = new Session({
        id: 'offline_b.myshopify.com',
        shop: 'b.myshopify.com',
        state: 's',
        isOnline: false,
      });
      legacy.accessToken = 'shpat_legacy';
      await plain.storeSession(legacy);
      expect((await storage.loadSession(legacy.id))?.accessToken).toBe('shpat_legacy');
    } finally {
      await prisma.$disconnect();
    }
  });
});
