import { describeQueueContract, sampleJob } from '@prima-connect/prima-core/testing';
import { describe, expect, it } from 'vitest';
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

function describePurge(name: string, makeDb: () => TestDatabase) {
  describe(`purgeCompleted on ${name}`, () => {
    it('deletes finished jobs older than the cut-off and nothing else', async () => {
      const db = makeDb();
      const queue = await createQueue({ url: db.url });
      try {
        const done = await queue.enqueue(sampleJob('t', { runAt: new Date(Date.now() - 2_000) }));
        await queue.claim('w', 1, 30_000);
        await queue.complete(done.id);
        await queue.enqueue(sampleJob('t'));
        expect(await queue.purgeCompleted(new Date(Date.now() - 60_000))).toBe(0);
        expect(await queue.purgeCompleted(new Date(Date.now() + 1_000))).toBe(1);
        expect(await queue.counts('t')).toEqual({ pending: 1, active: 0, dead: 0 });
      } finally {
        await queue.close();
        await db.drop();
      }
    });
  });
}

describePurge('SQLite', tempSqlite);
if (pgUrl) describePurge('PostgreSQL', () => tempPostgresSchema(pgUrl));
