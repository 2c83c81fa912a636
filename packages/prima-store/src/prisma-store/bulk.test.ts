/** Writes larger than one bulk chunk (500 rows) land completely, and re-writes update in place. */
import { sampleTenant } from '@prima-connect/prima-core/testing';
import { describe, expect, it } from 'vitest';
import {
  pgTestUrl,
  skipLineForPostgres,
  type TestDatabase,
  tempPostgresSchema,
  tempSqlite,
} from '../test-databases.js';
import { createPrismaStore } from './index.js';

const N = 1_234;

function describeBulk(name: string, makeDb: () => TestDatabase) {
  describe(`bulk writes on ${name}`, { timeout: 60_000 }, () => {
    it('stores and updates more rows than one chunk holds', async () => {
      const db = makeDb();
      const { store, close } = await createPrismaStore({ url: db.url });
      try {
        await store.tenants.put(sampleTenant('t'));
        const pushedAt = '2026-03-01T10:00:00.000Z';
        const rows = Array.from({ length: N }, (_, i) => ({
          variantId: `v${i}`,
          locationId: `l${i % 2}`,
          sku: `S${i}`,
          quantity: i,
          pushedAt,
        }));
        await store.snapshots.putMany('t', rows);
        await store.snapshots.putMany(
          't',
          rows.slice(0, 600).map((r) => ({ ...r, quantity: r.quantity + 1_000_000 })),
        );
        const stored = new Map((await store.snapshots.all('t')).map((r) => [r.variantId, r]));
        expect(stored.size).toBe(N);
        expect(stored.get('v0')?.quantity).toBe(1_000_000);
        expect(stored.get('v599')?.quantity).toBe(1_000_599);
        expect(stored.get('v600')?.quantity).toBe(600);
        expect(stored.get(`v${N - 1}`)).toEqual(rows[N - 1]);

        const mappings = Array.from({ length: N }, (_, i) => ({
          sku: `S${i}`,
          kind: 'stock' as const,
          item: { product: `P${i}`, matrix: ['G', String(i), '', ''] as [string, string, string, string] },
          source: 'import' as const,
          updatedAt: pushedAt,
        }));
        await store.mappings.upsertMany('t', mappings);
        expect(await store.mappings.list('t')).toHaveLength(N);
        expect(await store.mappings.get('t', `S${N - 1}`)).toEqual(mappings[N - 1]);
      } finally {
        await close();
        await db.drop();
      }
    });
  });
}

describeBulk('SQLite', tempSqlite);
const pgUrl = pgTestUrl;
if (pgUrl) describeBulk('PostgreSQL', () => tempPostgresSchema(pgUrl));
else {
  skipLineForPostgres('Bulk writes on PostgreSQL');
  describe.skip('bulk writes on PostgreSQL (no PRIMA_TEST_PG_URL)', () => {});
}
