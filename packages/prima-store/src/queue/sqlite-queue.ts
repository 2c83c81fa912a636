/**
 * The embedded queue: jobs in the database's Job table, through the same Prisma client as the Store.
 * A claim is one UPDATE ... WHERE id IN (SELECT ...) RETURNING statement, which SQLite runs under its single
 * writer lock: two workers (threads or processes on the file) can never lease the same job.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobType, NewJob, Queue } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { Prisma } from '../generated/sqlite/client.js';
import { isUniqueViolation, json } from '../prisma-store/rows.js';
import { DEFAULT_MAX_ATTEMPTS, dueOrder, toJob } from './job-row.js';
import { newJobSchema, queueCounts } from './new-job.js';

export class SqliteQueue implements Queue {
  constructor(private readonly db: PrimaPrismaClient) {}

  async enqueue(input: NewJob): Promise<{ id: string; deduped: boolean }> {
    const job = newJobSchema.parse(input);
    const now = Date.now();
    // Insert and let the unique (tenantId, activeKey) index arbitrate; on a clash, report the holder.
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = randomUUID();
      try {
        await this.db.job.create({
          data: {
            id,
            tenantId: job.tenantId,
            type: job.type,
            payload: json(job.payload),
            dedupeKey: job.dedupeKey ?? null,
            activeKey: job.dedupeKey ?? null,
            state: 'pending',
            runAtMs: BigInt(job.runAt?.getTime() ?? now),
            attempts: 0,
            maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            correlationId: job.correlationId,
            createdAtMs: BigInt(now),
            updatedAtMs: BigInt(now),
          },
        });
        return { id, deduped: false };
      } catch (error) {
        if (!isUniqueViolation(error) || job.dedupeKey === undefined) throw error;
        const holder = await this.db.job.findFirst({
          where: { tenantId: job.tenantId, activeKey: job.dedupeKey },
          select: { id: true },
        });
        if (holder) return { id: holder.id, deduped: true };
        // The holder finished between our insert and read: the key is free now, try again.
      }
    }
    throw new Error(`Could not enqueue job with key ${job.dedupeKey}`);
  }

  async claim(workerId: string, limit: number, leaseMs: number, types?: JobType[]): Promise<Job[]> {
    if (limit <= 0 || (types !== undefined && types.length === 0)) return [];
    const now = Date.now();
    const typeFilter = types === undefined ? Prisma.empty : Prisma.sql`AND "type" IN (${Prisma.join(types)})`;
    // Due pending jobs, and active ones whose lease ran out (their worker crashed or hung).
    const rows = await this.db.$queryRaw<unknown[]>`
      UPDATE "Job"
         SET "state" = 'active', "attempts" = "attempts" + 1, "workerId" = ${workerId},
             "leaseUntilMs" = ${now + leaseMs}, "updatedAtMs" = ${now}
       WHERE "id" IN (
         SELECT "id" FROM "Job"
          WHERE (("state" = 'pending' AND "runAtMs" <= ${now}) OR ("state" = 'active' AND "leaseUntilMs" < ${now}))
            ${typeFilter}
          ORDER BY "runAtMs", "createdAtMs"
          LIMIT ${limit})
      RETURNING "id", "tenantId", "type", "payload", "dedupeKey", "runAtMs", "createdAtMs", "correlationId", "maxAttempts", "attempts"`;
    return (rows as { runAtMs: unknown; createdAtMs: unknown; payload: unknown }[])
      .map((r) => ({ ...r, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload }))
      .sort(dueOrder)
      .map(toJob);
  }

  async complete(jobId: string): Promise<void> {
    // Only an active job: a stale call for a finished one must not touch it.
    await this.db.job.updateMany({
      where: { id: jobId, state: 'active' },
      data: { state: 'done', activeKey: null, leaseUntilMs: null, updatedAtMs: BigInt(Date.now()) },
    });
  }

  async fail(jobId: string, problem: Parameters<Queue['fail']>[1], retryAt: Date | null): Promise<void> {
    const now = BigInt(Date.now());
    const data =
      retryAt === null
        ? { state: 'dead', activeKey: null, leaseUntilMs: null, lastProblem: json(problem), updatedAtMs: now }
        : {
            state: 'pending',
            runAtMs: BigInt(retryAt.getTime()),
            leaseUntilMs: null,
            lastProblem: json(problem),
            updatedAtMs: now,
          };
    await this.db.job.updateMany({ where: { id: jobId, state: 'active' }, data });
  }

  async counts(tenantId?: string): Promise<{ pending: number; active: number; dead: number }> {
    const groups = await this.db.job.groupBy({
      by: ['state'],
      where: tenantId === undefined ? {} : { tenantId },
      _count: { _all: true },
    });
    return queueCounts(groups.map((g) => ({ state: g.state, count: g._count._all })));
  }

  /** Deletes completed jobs finished before `before`: the table keeps recent history for support, not forever. */
  async purgeCompleted(before: Date): Promise<number> {
    const { count } = await this.db.job.deleteMany({
      where: { state: 'done', updatedAtMs: { lt: BigInt(before.getTime()) } },
    });
    return count;
  }
}
