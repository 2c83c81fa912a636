/**
 * An in-memory Queue honouring the semantics in ports.ts: at most one unfinished job per dedupe key,
 * due-time ordering, leases that expire (a crashed worker's job is handed out again), retry at a time
 * the caller chose, and a dead letter. Time comes from an injected clock so tests can move it.
 *
 * Dedupe keys are scoped per tenant, so two tenants can never suppress each other's work.
 */

import type { Problem } from '../monitor/problems.js';
import type { Clock, Job, JobType, NewJob, Queue } from '../ports.js';

export const DEFAULT_MAX_ATTEMPTS = 8;

type JobState = 'pending' | 'active' | 'done' | 'dead';

export interface StoredJob {
  job: Job;
  state: JobState;
  seq: number;
  leaseUntil?: number;
  workerId?: string;
  lastProblem?: Problem;
}

export interface MemoryQueue extends Queue {
  /** Test helper: every job ever enqueued, with its state (copies). */
  snapshot(): StoredJob[];
  /** Test helper: dead-lettered jobs with the problem that killed them. */
  deadLetters(): { job: Job; problem?: Problem }[];
}

export function createMemoryQueue(opts: { clock?: Clock } = {}): MemoryQueue {
  const clock = opts.clock ?? { now: () => new Date() };
  const jobs = new Map<string, StoredJob>();
  let seq = 0;

  const unfinished = (s: StoredJob) => s.state === 'pending' || s.state === 'active';
  const dedupeScope = (tenantId: string, key: string) => `${tenantId}\u0000${key}`;
  const copyJob = (job: Job): Job => ({
    ...job,
    payload: structuredClone(job.payload),
    runAt: new Date(job.runAt),
  });

  return {
    async enqueue(newJob: NewJob) {
      if (newJob.dedupeKey !== undefined) {
        const scope = dedupeScope(newJob.tenantId, newJob.dedupeKey);
        for (const s of jobs.values()) {
          if (
            unfinished(s) &&
            s.job.dedupeKey !== undefined &&
            dedupeScope(s.job.tenantId, s.job.dedupeKey) === scope
          ) {
            return { id: s.job.id, deduped: true };
          }
        }
      }
      seq += 1;
      const id = `job-${seq}`;
      const job: Job = {
        id,
        tenantId: newJob.tenantId,
        type: newJob.type,
        payload: structuredClone(newJob.payload),
        runAt: new Date(newJob.runAt ?? clock.now()),
        correlationId: newJob.correlationId,
        maxAttempts: newJob.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        attempts: 0,
        ...(newJob.dedupeKey !== undefined ? { dedupeKey: newJob.dedupeKey } : {}),
      };
      jobs.set(id, { job, state: 'pending', seq });
      return { id, deduped: false };
    },

    async claim(workerId: string, limit: number, leaseMs: number, types?: JobType[]) {
      const now = clock.now().getTime();
      const due = [...jobs.values()]
        .filter((s) => {
          if (types && !types.includes(s.job.type)) return false;
          if (s.state === 'pending') return s.job.runAt.getTime() <= now;
          return s.state === 'active' && (s.leaseUntil ?? 0) <= now;
        })
        .sort((a, b) => a.job.runAt.getTime() - b.job.runAt.getTime() || a.seq - b.seq);
      const claimed: Job[] = [];
      for (const s of due) {
        if (claimed.length >= limit) break;
        // A lease that expired on its last allowed attempt means the job keeps crashing its worker.
        if (s.state === 'active' && s.job.attempts >= s.job.maxAttempts) {
          s.state = 'dead';
          continue;
        }
        s.state = 'active';
        s.workerId = workerId;
        s.leaseUntil = now + leaseMs;
        s.job = { ...s.job, attempts: s.job.attempts + 1 };
        claimed.push(copyJob(s.job));
      }
      return claimed;
    },

    async complete(jobId: string) {
      // Only a leased job can finish: a stale call (the job was already settled) is a no-op.
      const s = jobs.get(jobId);
      if (s?.state === 'active') s.state = 'done';
    },

    async fail(jobId: string, problem: Problem, retryAt: Date | null) {
      const s = jobs.get(jobId);
      if (s?.state !== 'active') return;
      s.lastProblem = structuredClone(problem);
      delete s.leaseUntil;
      delete s.workerId;
      if (retryAt === null) {
        s.state = 'dead';
      } else {
        s.state = 'pending';
        s.job = { ...s.job, runAt: new Date(retryAt) };
      }
    },

    async counts(tenantId?: string) {
      const c = { pending: 0, active: 0, dead: 0 };
      for (const s of jobs.values()) {
        if (tenantId !== undefined && s.job.tenantId !== tenantId) continue;
        if (s.state === 'pending') c.pending++;
        else if (s.state === 'active') c.active++;
        else if (s.state === 'dead') c.dead++;
      }
      return c;
    },

    snapshot() {
      return [...jobs.values()].map((s) => ({ ...s, job: copyJob(s.job) }));
    },

    deadLetters() {
      return [...jobs.values()]
        .filter((s) => s.state === 'dead')
        .map((s) =>
          s.lastProblem ? { job: copyJob(s.job), problem: s.lastProblem } : { job: copyJob(s.job) },
        );
    },
  };
}
