import { describeQueueContract } from '@prima-connect/prima-core/testing';
import { describe } from 'vitest';
import {
  pgTestUrl,
  skipLineForPostgres,
  type TestDatabase,
  tempPostgresSchema,
  tempSqlite,
} from '../test-databases.js';
import { createQueue } from './index.js';

async function queueOn(db: TestDatabase) {
  const queue = await createQueue({ url: db.url });
  return {
    queue,
    async cleanup() {
      await queue.close();
      await db.drop();
    },
  };
}

describeQueueContract('SQLite (Prisma)', () => queueOn(tempSqlite()));

const pgUrl = pgTestUrl;
if (pgUrl) {
  describeQueueContract('PostgreSQL (SKIP LOCKED)', () => queueOn(tempPostgresSchema(pgUrl)));
} else {
  skipLineForPostgres('Queue contract on PostgreSQL');
  describe.skip('Queue contract: PostgreSQL (no PRIMA_TEST_PG_URL)', () => {});
}
