import type { Job, JobType, NewJob, Problem, Queue } from '@prima-connect/prima-core';
import { type Kv, keySegment, MAX_TTL_SECONDS } from './kv.js';
import { createMutex } from './mutex.js';

/**
 * prima-core's Queue on the same KV. On App Builder there is no long-running worker: I/O Events deliveries
 * and the scheduled actions call `engine.work()`, which claims from here. Completed jobs are deleted (the
 * port does not count them); dead ones stay, listed under their own prefix for the exception screen.
 */
interface StoredJob {
  job: Omit<Job, 'runAt'> & { runAt: string };
  state: 'pending' | 'active' | 'dead';
  seq: number;
  leaseUntil?: number;
  lastProblem?: Problem;
}

const DEFAULT_MAX_ATTEMPTS = 8;

export function createKvQueue(kv: Kv, options: { prefix?: string; now?: () => Date } = {}): Queue {
  const prefix = `${options.prefix ?? 'pc'}q`;
  const now = options.now ?? (() => new Date());
  const lock = createMutex();
  let counter = 0;
  const jobKey = (id: string) => `${prefix}.job.${keySegment(id)}`;

  async function loadAll(): Promise<StoredJob[]> {
    const ids: string[] = [];
    for await (const page of kv.list({ match: `${prefix}.job.*`, countHint: 1000 })) ids.push(...page.keys);
    const rows = await Promise.all(ids.map(async (k) => (await kv.get(k))?.value));
    return rows.filter((v): v is string => v !== undefined).map((v) => JSON.parse(v) as StoredJob);
  }
  const save = (s: StoredJob) => kv.put(jobKey(s.job.id), JSON.stringify(s), { ttl: MAX_TTL_SECONDS });
  const toJob = (s: StoredJob): Job => ({
    ...s.job,
    payload: structuredClone(s.job.payload),
    runAt: new Date(s.job.runAt),
  });

  return {
    enqueue: (newJob: NewJob) =>
      lock(async () => {
        if (newJob.dedupeKey !== undefined) {
          const dup = (await loadAll()).find(
            (s) =>
              (s.state === 'pending' || s.state === 'active') &&
              s.job.tenantId === newJob.tenantId &&
              s.job.dedupeKey === newJob.dedupeKey,
          );
          if (dup) return { id: dup.job.id, deduped: true };
        }
        counter += 1;
        const seq = Date.now() * 1000 + (counter % 1000);
        const id = `job-${seq}-${counter}`;
        await save({
          job: {
            id,
            tenantId: newJob.tenantId,
            type: newJob.type,
            payload: structuredClone(newJob.payload),
            runAt: (newJob.runAt ?? now()).toISOString(),
            correlationId: newJob.correlationId,
            maxAttempts: newJob.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            attempts: 0,
            ...(newJob.dedupeKey !== undefined ? { dedupeKey: newJob.dedupeKey } : {}),
          },
          state: 'pending',
          seq,
        });
        return { id, deduped: false };
      }),

    claim: (workerId: string, limit: number, leaseMs: number, types?: JobType[]) =>
      lock(async () => {
        const t = now().getTime();
        const due = (await loadAll())
          .filter((s) => {
            if (types && !types.includes(s.job.type)) return false;
            if (s.state === 'pending') return Date.parse(s.job.runAt) <= t;
            return s.state === 'active' && (s.leaseUntil ?? 0) <= t;
          })
          .sort((a, b) => Date.parse(a.job.runAt) - Date.parse(b.job.runAt) || a.seq - b.seq);
        const claimed: Job[] = [];
        for (const s of due) {
          if (claimed.length >= limit) break;
          // A lease that ran out on the last allowed attempt: the job keeps killing its worker.
          if (s.state === 'active' && s.job.attempts >= s.job.maxAttempts) {
            await save({ ...s, state: 'dead' });
            continue;
          }
          const next: StoredJob = {
            ...s,
            state: 'active',
            leaseUntil: t + leaseMs,
            job: { ...s.job, attempts: s.job.attempts + 1 },
          };
          void workerId;
          await save(next);
          claimed.push(toJob(next));
        }
        return claimed;
      }),

    complete: (jobId: string) =>
      lock(async () => {
        const got = await kv.get(jobKey(jobId));
        if (!got) return;
        const s = JSON.parse(got.value) as StoredJob;
        if (s.state !== 'dead') await kv.delete(jobKey(jobId));
      }),

    fail: (jobId: string, problem: Problem, retryAt: Date | null) =>
      lock(async () => {
        const got = await kv.get(jobKey(jobId));
        if (!got) return;
        const s = JSON.parse(got.value) as StoredJob;
        if (s.state === 'dead') return;
        const { leaseUntil: _l, ...rest } = s;
        await save(
          retryAt === null
            ? { ...rest, state: 'dead', lastProblem: problem }
            : {
                ...rest,
                state: 'pending',
                lastProblem: problem,
                job: { ...s.job, runAt: retryAt.toISOString() },
              },
        );
      }),

    counts: async (tenantId?: string) => {
      const c = { pending: 0, active: 0, dead: 0 };
      for (const s of await loadAll()) {
        if (tenantId !== undefined && s.job.tenantId !== tenantId) continue;
        c[s.state]++;
      }
      return c;
    },
  };
}
