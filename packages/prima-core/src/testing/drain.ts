import type { ManualClock } from '../sync/clock.js';
import type { MemoryQueue } from './memory-queue.js';

/**
 * Runs due jobs until the queue has nothing pending, moving the hand-moved clock to the next job's
 * time (retries, hold windows) instead of waiting for it. `settle` lets an emulator's webhooks land
 * first (write-backs come back as echoes), before and after each round.
 *
 * Returns whether the queue emptied; with `mustDrain` a queue still busy after `rounds` throws, so a
 * job that never finishes fails the test instead of passing it quietly.
 */
export async function drainQueue(opts: {
  queue: MemoryQueue;
  clock: ManualClock;
  work: () => Promise<{ claimed: number }>;
  settle?: () => Promise<void>;
  rounds?: number;
  mustDrain?: boolean;
}): Promise<boolean> {
  for (let i = 0; i < (opts.rounds ?? 100); i++) {
    await opts.settle?.();
    if ((await opts.work()).claimed > 0) continue;
    await opts.settle?.();
    const next = opts.queue
      .snapshot()
      .filter((s) => s.state === 'pending')
      .map((s) => s.job.runAt.getTime())
      .sort((a, b) => a - b)[0];
    if (next === undefined) return true;
    opts.clock.set(new Date(Math.max(next, opts.clock.now().getTime())).toISOString());
  }
  if (opts.mustDrain) throw new Error('queue did not drain');
  return false;
}
