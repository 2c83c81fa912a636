/**
 * The loop hosts run in a long-lived process (connector service, Remix server): call `engine.work`
 * until told to stop, sleeping `idleMs` when there was nothing to do. App Builder has no long-lived
 * process and calls `engine.work` once per invocation instead.
 */
import type { Engine, WorkReport } from '../engine-api.js';
import type { Job, Logger } from '../ports.js';

export interface RunWorkerOptions {
  workerId: string;
  signal: AbortSignal;
  /** Pause when a round found no due job (or failed as a whole). */
  idleMs: number;
  limit?: number;
  types?: Job['type'][];
  logger?: Logger;
  /** Injected for tests; resolves early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface WorkerTotals {
  rounds: number;
  done: number;
  retried: number;
  dead: number;
  errors: number;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function runWorker(engine: Pick<Engine, 'work'>, opts: RunWorkerOptions): Promise<WorkerTotals> {
  const sleep = opts.sleep ?? abortableSleep;
  const totals: WorkerTotals = { rounds: 0, done: 0, retried: 0, dead: 0, errors: 0 };
  while (!opts.signal.aborted) {
    totals.rounds++;
    let report: WorkReport | null = null;
    try {
      const workOpts: { limit?: number; types?: Job['type'][] } = {};
      if (opts.limit !== undefined) workOpts.limit = opts.limit;
      if (opts.types !== undefined) workOpts.types = opts.types;
      report = await engine.work(opts.workerId, workOpts);
      totals.done += report.done;
      totals.retried += report.retried;
      totals.dead += report.dead;
    } catch (error) {
      // A round failing as a whole (store down) must not kill the loop: log, back off, try again.
      totals.errors++;
      opts.logger?.error(
        { workerId: opts.workerId, err: error instanceof Error ? error.message : String(error) },
        'worker round failed',
      );
    }
    if (report === null || report.claimed === 0) await sleep(opts.idleMs, opts.signal);
  }
  return totals;
}
