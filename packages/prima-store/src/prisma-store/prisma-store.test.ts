import { describeStoreContract } from '@prima-connect/prima-core/testing';
import { describe } from 'vitest';
import {
  pgTestUrl,
  skipLineForPostgres,
  type TestDatabase,
  tempPostgresSchema,
  tempSqlite,
} from '../test-databases.js';
import { createPrismaStore } from './index.js';

async function storeOn(db: TestDatabase) {
  const handle = await createPrismaStore({ url: db.url });
  return {
    store: handle.store,
    async cleanup() {
      await handle.close();
      await db.drop();
    },
  };
}

describeStoreContract('Prisma on SQLite', () => storeOn(tempSqlite()));

const pgUrl = pgTestUrl;
if (pgUrl) {
  describeStoreContract('Prisma on PostgreSQL', () => storeOn(tempPostgresSchema(pgUrl)));
} else {
  skipLineForPostgres('Store contract on PostgreSQL');
  describe.skip('Store contract: Prisma on PostgreSQL (no PRIMA_TEST_PG_URL)', () => {});
}
