/**
 * Several workers, one PostgreSQL database: each job is processed exactly once although the workers claim
 * at the same time through separate connection pools (as separate machines would).
 */
import type { Job, Queue } from '@prima-connect/prima-core';
import { sampleJob } from '@prima-connect/prima-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pgTestUrl,
  skipLineForPostgres,
  type TestDatabase,
  tempPostgresSchema,
  tempSqlite,
} from '../test-databases.js';
import { createQueue, type PrimaQueue } from './index.js';

const JOBS = 60;

async function workerLoop(
  name: string,
  queue: Queue,
  processed: { worker: string; job: Job }[],
): Promise<void> {
  for (;;) {
    const jobs = await queue.claim(name, 3, 30_000);
    if (jobs.length === 0) {
      const { pending, active } = await queue.counts();
      if (pending === 0 && active === 0) return;
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    for (const job of jobs) {
      processed.push({ worker: name, job });
      await new Promise((r) => setTimeout(r, 2)); // the "work": yields so the other worker gets a turn
      await queue.complete(job.id);
    }
  }
}

function describeTwoWorkers(name: string, makeDb: () => TestDatabase) {
  describe(`two worker loops sharing one queue: ${name}`, { timeout: 60_000 }, () => {
    const opened: PrimaQueue[] = [];
    let db: TestDatabase | undefined;
    afterEach(async () => {
      for (const q of opened.splice(0)) await q.close();
      await db?.drop();
    });

    it('processes every job exactly once, split between the workers', async () => {
      db = makeDb();
      const producer = await createQueue({ url: db.url });
      const workerA = await createQueue({ url: db.url, migrate: false });
      const workerB = await createQueue({ url: db.url, migrate: false });
      opened.push(producer, workerA, workerB);
      for (let i = 0; i < JOBS; i++)
        await producer.enqueue(sampleJob(`tenant-${i % 3}`, { payload: { i }, dedupeKey: `job-${i}` }));

      const processed: { worker: string; job: Job }[] = [];
      await Promise.all([workerLoop('A', workerA, processed), workerLoop('B', workerB, processed)]);

      const ids = processed.map((p) => p.job.id);
      expect(ids).toHaveLength(JOBS);
      expect(new Set(ids).size).toBe(JOBS);
      expect(new Set(processed.map((p) => p.job.payload.i))).toEqual(
        new Set(Array.from({ length: JOBS }, (_, i) => i)),
      );
      expect(processed.some((p) => p.worker === 'A')).toBe(true);
      expect(processed.some((p) => p.worker === 'B')).toBe(true);
      expect(processed.every((p) => p.job.attempts === 1)).toBe(true);
      expect(await producer.counts()).toEqual({ pending: 0, active: 0, dead: 0 });
    });
  });
}

describeTwoWorkers('SQLite file, two connections', tempSqlite);

const pgUrl = pgTestUrl;
if (pgUrl) {
  describeTwoWorkers('PostgreSQL, two pools', () => tempPostgresSchema(pgUrl));
} else {
  skipLineForPostgres('Two workers on PostgreSQL');
  describe.skip('two worker loops on PostgreSQL (no PRIMA_TEST_PG_URL)', () => {});
}
