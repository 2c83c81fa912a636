/**
 * The Queue port's contract as a vitest suite: `describeQueueContract('sqlite', async () => ({ queue, cleanup }))`.
 *
 * Semantics pinned here beyond the comments in ports.ts (decisions, so adapters agree):
 * - `attempts` counts the times the job was handed out by `claim`, this time included (first claim: 1).
 *   A lease that expires (crashed worker) counts as an attempt, so a job that kills its worker cannot loop forever.
 * - dedupeKey is scoped to the tenant: one tenant's key never blocks another tenant's job.
 * - "Unfinished" means pending (including waiting for a retry) or active. After complete or dead-letter the
 *   key is free again.
 * - `claim` hands out due jobs earliest `runAt` first. A job without runAt is due at once.
 * - `counts`: pending = waiting (due or not), active = leased, dead = dead-lettered; completed jobs are not counted.
 * The queue runs on real time (the port has no clock): leases in these tests are short and tests wait them out.
 * Each test gets a fresh queue from `makeQueue` and calls `cleanup` after.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problem } from '../monitor/problems.js';
import type { Job, NewJob, Queue } from '../ports.js';

export interface QueueFixture {
  queue: Queue;
  cleanup(): Promise<void>;
}

const outage = problem('prima_unreachable', 'Prima did not answer.', 'Wait; the job retries by itself.');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const inMs = (ms: number) => new Date(Date.now() + ms);

export function sampleJob(tenantId: string, over: Partial<NewJob> = {}): NewJob {
  return {
    tenantId,
    type: 'post-order',
    payload: { storefrontOrderId: '1001' },
    correlationId: 'corr-1',
    ...over,
  };
}

export function describeQueueContract(name: string, makeQueue: () => Promise<QueueFixture>): void {
  describe(`Queue contract: ${name}`, { timeout: 30_000 }, () => {
    let fixture: QueueFixture;
    let queue: Queue;
    const A = 'tenant-a';
    const B = 'tenant-b';

    beforeEach(async () => {
      fixture = await makeQueue();
      queue = fixture.queue;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('enqueues and hands a job out with everything it was given', async () => {
      const runAt = inMs(-1000);
      const { id, deduped } = await queue.enqueue(
        sampleJob(A, {
          payload: { storefrontOrderId: '1001', nested: { n: 1, list: ['a'] } },
          dedupeKey: 'post:1001',
          runAt,
          maxAttempts: 7,
        }),
      );
      expect(deduped).toBe(false);
      expect(await queue.counts(A)).toEqual({ pending: 1, active: 0, dead: 0 });

      const [job, ...rest] = await queue.claim('w1', 10, 30_000);
      expect(rest).toEqual([]);
      expect(job).toMatchObject({
        id,
        tenantId: A,
        type: 'post-order',
        payload: { storefrontOrderId: '1001', nested: { n: 1, list: ['a'] } },
        dedupeKey: 'post:1001',
        correlationId: 'corr-1',
        maxAttempts: 7,
        attempts: 1,
      } satisfies Partial<Job>);
      expect(job?.runAt.getTime()).toBe(runAt.getTime());
      expect(await queue.counts(A)).toEqual({ pending: 0, active: 1, dead: 0 });
    });

    it('fills in runAt and maxAttempts when not given', async () => {
      const before = Date.now();
      await queue.enqueue(sampleJob(A));
      const [job] = await queue.claim('w1', 1, 30_000);
      expect(job?.runAt).toBeInstanceOf(Date);
      expect(job?.runAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(Number.isInteger(job?.maxAttempts)).toBe(true);
      expect(job?.maxAttempts).toBeGreaterThan(0);
      expect(job?.dedupeKey).toBeUndefined();
    });

    describe('dedupeKey', () => {
      it('keeps one unfinished job per key, pending or active', async () => {
        const first = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        const again = await queue.enqueue(sampleJob(A, { dedupeKey: 'k', payload: { other: true } }));
        expect(again).toEqual({ id: first.id, deduped: true });
        expect(await queue.counts(A)).toEqual({ pending: 1, active: 0, dead: 0 });

        const [job] = await queue.claim('w1', 10, 30_000);
        expect(job?.payload).toEqual({ storefrontOrderId: '1001' });
        expect(await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }))).toEqual({
          id: first.id,
          deduped: true,
        });
        expect(await queue.counts(A)).toEqual({ pending: 0, active: 1, dead: 0 });
      });

      it('a job waiting for its retry is still unfinished', async () => {
        const first = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        await queue.claim('w1', 1, 30_000);
        await queue.fail(first.id, outage, inMs(60_000));
        expect(await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }))).toEqual({
          id: first.id,
          deduped: true,
        });
      });

      it('after completion or dead-letter the key can be enqueued again', async () => {
        const first = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        await queue.claim('w1', 1, 30_000);
        await queue.complete(first.id);
        const second = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        expect(second.deduped).toBe(false);
        expect(second.id).not.toBe(first.id);

        await queue.claim('w1', 1, 30_000);
        await queue.fail(second.id, outage, null);
        const third = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        expect(third.deduped).toBe(false);
        expect(new Set([first.id, second.id, third.id]).size).toBe(3);
      });

      it('is atomic: 20 concurrent enqueues with one key make one job', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => queue.enqueue(sampleJob(A, { dedupeKey: 'race' }))),
        );
        expect(results.filter((r) => !r.deduped)).toHaveLength(1);
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        expect((await queue.counts(A)).pending).toBe(1);
      });

      it('is scoped to the tenant', async () => {
        const a = await queue.enqueue(sampleJob(A, { dedupeKey: 'post:1001' }));
        const b = await queue.enqueue(sampleJob(B, { dedupeKey: 'post:1001' }));
        expect(b.deduped).toBe(false);
        expect(b.id).not.toBe(a.id);
      });

      it('jobs without a key are never deduped', async () => {
        const one = await queue.enqueue(sampleJob(A));
        const two = await queue.enqueue(sampleJob(A));
        expect(two.deduped).toBe(false);
        expect(two.id).not.toBe(one.id);
        expect((await queue.counts(A)).pending).toBe(2);
      });
    });

    describe('claim', () => {
      it('respects runAt: a job is not handed out before it is due', async () => {
        await queue.enqueue(sampleJob(A, { runAt: inMs(60 * 60_000), correlationId: 'later' }));
        const due = await queue.enqueue(sampleJob(A, { runAt: inMs(-5_000), correlationId: 'due' }));
        const claimed = await queue.claim('w1', 10, 30_000);
        expect(claimed.map((j) => j.id)).toEqual([due.id]);
        expect(await queue.claim('w1', 10, 30_000)).toEqual([]);
        expect(await queue.counts(A)).toEqual({ pending: 1, active: 1, dead: 0 });
      });

      it('hands out the earliest due job first, up to the limit', async () => {
        const late = await queue.enqueue(sampleJob(A, { runAt: inMs(-1_000) }));
        const early = await queue.enqueue(sampleJob(A, { runAt: inMs(-3_000) }));
        const middle = await queue.enqueue(sampleJob(A, { runAt: inMs(-2_000) }));
        expect((await queue.claim('w1', 2, 30_000)).map((j) => j.id)).toEqual([early.id, middle.id]);
        expect((await queue.claim('w1', 2, 30_000)).map((j) => j.id)).toEqual([late.id]);
      });

      it('filters by job type', async () => {
        const post = await queue.enqueue(sampleJob(A, { type: 'post-order' }));
        const stock = await queue.enqueue(sampleJob(A, { type: 'sync-stock', payload: {} }));
        expect((await queue.claim('w1', 10, 30_000, ['sync-stock'])).map((j) => j.id)).toEqual([stock.id]);
        expect(await queue.claim('w1', 10, 30_000, ['sync-stock', 'refund'])).toEqual([]);
        expect((await queue.claim('w1', 10, 30_000, ['post-order'])).map((j) => j.id)).toEqual([post.id]);
      });

      it('two concurrent claimers never get the same job', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 12; i++) ids.add((await queue.enqueue(sampleJob(A, { payload: { i } }))).id);
        const rounds = await Promise.all([
          queue.claim('w1', 5, 30_000),
          queue.claim('w2', 5, 30_000),
          queue.claim('w3', 5, 30_000),
          queue.claim('w4', 5, 30_000),
        ]);
        const handedOut = rounds.flat().map((j) => j.id);
        expect(new Set(handedOut).size).toBe(handedOut.length);
        const rest = (await queue.claim('w5', 20, 30_000)).map((j) => j.id);
        expect(rest.filter((id) => handedOut.includes(id))).toEqual([]);
        expect(new Set([...handedOut, ...rest])).toEqual(ids);
      });

      it('an expired lease is handed out again, counting the attempt', async () => {
        const { id } = await queue.enqueue(sampleJob(A));
        const [first] = await queue.claim('crashed-worker', 1, 500);
        expect(first?.attempts).toBe(1);
        expect(await queue.claim('w2', 1, 30_000)).toEqual([]);
        await sleep(900);
        const [second] = await queue.claim('w2', 1, 30_000);
        expect(second?.id).toBe(id);
        expect(second?.attempts).toBe(2);
        expect(await queue.claim('w3', 1, 30_000)).toEqual([]);
      });
    });

    describe('complete and fail', () => {
      it('a stale complete or fail for a finished job changes nothing', async () => {
        const { id } = await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }));
        await queue.claim('w1', 1, 30_000);
        await queue.complete(id);
        await queue.fail(id, outage, inMs(-1_000));
        expect(await queue.claim('w1', 10, 30_000)).toEqual([]);
        expect((await queue.enqueue(sampleJob(A, { dedupeKey: 'k' }))).deduped).toBe(false);
      });

      it('a completed job is gone: not handed out again, not counted', async () => {
        const { id } = await queue.enqueue(sampleJob(A));
        await queue.claim('w1', 1, 150);
        await queue.complete(id);
        await sleep(300);
        expect(await queue.claim('w1', 10, 30_000)).toEqual([]);
        expect(await queue.counts(A)).toEqual({ pending: 0, active: 0, dead: 0 });
      });

      it('fail with a future retryAt waits, then hands the same job out again', async () => {
        const { id } = await queue.enqueue(sampleJob(A));
        await queue.claim('w1', 1, 30_000);
        await queue.fail(id, outage, inMs(600));
        expect(await queue.counts(A)).toEqual({ pending: 1, active: 0, dead: 0 });
        expect(await queue.claim('w1', 1, 30_000)).toEqual([]);
        await sleep(900);
        const [again] = await queue.claim('w1', 1, 30_000);
        expect(again?.id).toBe(id);
        expect(again?.attempts).toBe(2);
      });

      it('fail with a past retryAt is due at once', async () => {
        const { id } = await queue.enqueue(sampleJob(A));
        await queue.claim('w1', 1, 30_000);
        await queue.fail(id, outage, inMs(-1_000));
        expect((await queue.claim('w1', 1, 30_000)).map((j) => j.id)).toEqual([id]);
      });

      it('fail with null dead-letters the job', async () => {
        const { id } = await queue.enqueue(sampleJob(A));
        await queue.enqueue(sampleJob(A, { runAt: inMs(60_000) }));
        await queue.claim('w1', 1, 150);
        await queue.fail(id, outage, null);
        await sleep(300);
        expect(await queue.claim('w1', 10, 30_000)).toEqual([]);
        expect(await queue.counts(A)).toEqual({ pending: 1, active: 0, dead: 1 });
      });
    });

    it('counts per tenant and in total', async () => {
      await queue.enqueue(sampleJob(A));
      await queue.enqueue(sampleJob(A, { runAt: inMs(-2_000) }));
      const dead = await queue.enqueue(sampleJob(B, { runAt: inMs(-3_000) }));
      await queue.enqueue(sampleJob(B, { runAt: inMs(60_000) }));
      const [first, second] = await queue.claim('w1', 2, 30_000);
      expect(first?.id).toBe(dead.id);
      await queue.fail(dead.id, outage, null);
      expect(second?.tenantId).toBe(A);

      expect(await queue.counts(A)).toEqual({ pending: 1, active: 1, dead: 0 });
      expect(await queue.counts(B)).toEqual({ pending: 1, active: 0, dead: 1 });
      expect(await queue.counts()).toEqual({ pending: 2, active: 1, dead: 1 });
      expect(await queue.counts('tenant-none')).toEqual({ pending: 0, active: 0, dead: 0 });
    });
  });
}
