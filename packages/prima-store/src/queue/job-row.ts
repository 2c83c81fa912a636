/** The Job table's row as both queue adapters read it, back into prima-core's Job. */
import type { Job, JobType } from '@prima-connect/prima-core';
import { z } from 'zod';

export const JOB_TYPES = [
  'post-order',
  'sync-stock',
  'poll-status',
  'apply-change',
  'refund',
  'reconcile',
  'write-back',
] as const satisfies readonly JobType[];

/** Used when a job does not say: enough retries to ride out a Prima outage with backoff. */
export const DEFAULT_MAX_ATTEMPTS = 10;

const jobRowSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  type: z.enum(JOB_TYPES),
  payload: z.record(z.string(), z.unknown()),
  dedupeKey: z.string().nullable(),
  // pg returns BIGINT as a string, Prisma as a bigint: both become exact numbers of milliseconds.
  runAtMs: z.union([z.bigint(), z.string(), z.number()]).transform((v) => Number(v)),
  correlationId: z.string(),
  maxAttempts: z.number().int(),
  attempts: z.number().int(),
});

export function toJob(row: unknown): Job {
  const r = jobRowSchema.parse(row);
  const job: Job = {
    id: r.id,
    tenantId: r.tenantId,
    type: r.type,
    payload: r.payload,
    runAt: new Date(r.runAtMs),
    correlationId: r.correlationId,
    maxAttempts: r.maxAttempts,
    attempts: r.attempts,
  };
  if (r.dedupeKey !== null) job.dedupeKey = r.dedupeKey;
  return job;
}

/** Due order: earliest runAt first, then the order of enqueueing. */
export function dueOrder(
  a: { runAtMs: unknown; createdAtMs: unknown },
  b: { runAtMs: unknown; createdAtMs: unknown },
): number {
  return Number(a.runAtMs) - Number(b.runAtMs) || Number(a.createdAtMs) - Number(b.createdAtMs);
}
