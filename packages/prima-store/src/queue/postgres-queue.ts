/**
 * The multi-node queue on PostgreSQL: the same Job table, claimed with SELECT ... FOR UPDATE SKIP LOCKED so
 * any number of workers on any number of machines take disjoint jobs without waiting on each other.
 *
 * Why not pg-boss@10 (the Node 20 line): it cannot express three semantics of the Queue port.
 * - Dedupe: "one unfinished job per key" needs one index over created + retry + active. pg-boss 10's policies
 *   index only `created` (short), only `active` (singleton), or one job per *state* (stately: a queued, a
 *   retrying and an active job with the same key may coexist).
 * - Leases: claim(leaseMs) sets the lease per claim; pg-boss fixes expiry when the job is sent, and only its
 *   maintenance loop (on an interval) returns expired jobs to the queue.
 * - fail(retryAt): the caller chooses the retry instant; pg-boss computes it from retryDelay/retryBackoff.
 * Per-tenant counts and tenant deletion would also need SQL against pg-boss's own tables.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobType, NewJob, Problem, Queue } from '@prima-connect/prima-core';
import pg from 'pg';
import { DEFAULT_MAX_ATTEMPTS, dueOrder, toJob } from './job-row.js';
import { newJobSchema, queueCounts } from './new-job.js';

const JOB_COLUMNS =
  '"id", "tenantId", "type", "payload", "dedupeKey", "runAtMs", "createdAtMs", "correlationId", "maxAttempts", "attempts"';

export interface PostgresQueueOptions {
  /** postgres:// URL without Prisma's ?schema= (see parseDatabaseUrl). */
  url: string;
  schema: string;
  /** Connections this worker may hold. */
  maxConnections?: number;
}

export class PostgresQueue implements Queue {
  private readonly pool: pg.Pool;

  constructor(options: PostgresQueueOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      options: `-c search_path=${options.schema}`,
      max: options.maxConnections ?? 5,
    });
  }

  async enqueue(input: NewJob): Promise<{ id: string; deduped: boolean }> {
    const job = newJobSchema.parse(input);
    const now = Date.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = randomUUID();
      const inserted = await this.pool.query(
        `INSERT INTO "Job" ("id", "tenantId", "type", "payload", "dedupeKey", "activeKey", "state", "runAtMs", "attempts",
                            "maxAttempts", "correlationId", "createdAtMs", "updatedAtMs")
         VALUES ($1, $2, $3, $4::jsonb, $5, $5, 'pending', $6, 0, $7, $8, $9, $9)
         ON CONFLICT ("tenantId", "activeKey") DO NOTHING
         RETURNING "id"`,
        [
          id,
          job.tenantId,
          job.type,
          JSON.stringify(job.payload),
          job.dedupeKey ?? null,
          job.runAt?.getTime() ?? now,
          job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          job.correlationId,
          now,
        ],
      );
      if (inserted.rowCount === 1) return { id, deduped: false };
      const holder = await this.pool.query<{ id: string }>(
        'SELECT "id" FROM "Job" WHERE "tenantId" = $1 AND "activeKey" = $2',
        [job.tenantId, job.dedupeKey],
      );
      if (holder.rows[0]) return { id: holder.rows[0].id, deduped: true };
      // The holder finished between the two statements: the key is free now, try again.
    }
    throw new Error(`Could not enqueue job with key ${job.dedupeKey}`);
  }

  async claim(workerId: string, limit: number, leaseMs: number, types?: JobType[]): Promise<Job[]> {
    if (limit <= 0 || (types !== undefined && types.length === 0)) return [];
    const now = Date.now();
    const { rows } = await this.pool.query<{ runAtMs: string; createdAtMs: string }>(
      `UPDATE "Job" AS j
          SET "state" = 'active', "attempts" = j."attempts" + 1, "workerId" = $1, "leaseUntilMs" = $2, "updatedAtMs" = $3
         FROM (SELECT "id" FROM "Job"
                WHERE (("state" = 'pending' AND "runAtMs" <= $3) OR ("state" = 'active' AND "leaseUntilMs" < $3))
                  AND ($4::text[] IS NULL OR "type" = ANY($4::text[]))
                ORDER BY "runAtMs", "createdAtMs"
                LIMIT $5
                FOR UPDATE SKIP LOCKED) AS due
        WHERE j."id" = due."id"
       RETURNING ${JOB_COLUMNS.split(', ')
         .map((c) => `j.${c}`)
         .join(', ')}`,
      [workerId, now + leaseMs, now, types ?? null, limit],
    );
    return rows.sort(dueOrder).map(toJob);
  }

  async complete(jobId: string): Promise<void> {
    await this.pool.query(
      `UPDATE "Job" SET "state" = 'done', "activeKey" = NULL, "leaseUntilMs" = NULL, "updatedAtMs" = $2 WHERE "id" = $1 AND "state" = 'active'`,
      [jobId, Date.now()],
    );
  }

  async fail(jobId: string, problem: Problem, retryAt: Date | null): Promise<void> {
    if (retryAt === null) {
      await this.pool.query(
        `UPDATE "Job" SET "state" = 'dead', "activeKey" = NULL, "leaseUntilMs" = NULL, "lastProblem" = $2::jsonb, "updatedAtMs" = $3 WHERE "id" = $1 AND "state" = 'active'`,
        [jobId, JSON.stringify(problem), Date.now()],
      );
      return;
    }
    await this.pool.query(
      `UPDATE "Job" SET "state" = 'pending', "runAtMs" = $2, "leaseUntilMs" = NULL, "lastProblem" = $3::jsonb, "updatedAtMs" = $4 WHERE "id" = $1 AND "state" = 'active'`,
      [jobId, retryAt.getTime(), JSON.stringify(problem), Date.now()],
    );
  }

  async counts(tenantId?: string): Promise<{ pending: number; active: number; dead: number }> {
    const { rows } = await this.pool.query<{ state: string; count: string }>(
      `SELECT "state", count(*) AS "count" FROM "Job" WHERE ($1::text IS NULL OR "tenantId" = $1) GROUP BY "state"`,
      [tenantId ?? null],
    );
    return queueCounts(rows.map((r) => ({ state: r.state, count: Number(r.count) })));
  }

  async purgeCompleted(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM "Job" WHERE "state" = 'done' AND "updatedAtMs" < $1`,
      [before.getTime()],
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
