import { describe, expect, it } from 'vitest';
import { manualClock } from '../sync/clock.js';
import { drainQueue } from './drain.js';
import { createMemoryQueue } from './memory-queue.js';

describe('drainQueue', () => {
  it('runs a job due later by moving the clock to it, settling before and after each round', async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z');
    const queue = createMemoryQueue({ clock });
    await queue.enqueue({
      tenantId: 't',
      type: 'post-order',
      payload: {},
      correlationId: 'c',
      runAt: new Date('2026-03-01T10:05:00.000Z'),
    });
    const ran: string[] = [];
    let settles = 0;
    const work = async () => {
      const jobs = await queue.claim('w', 10, 60_000);
      for (const j of jobs) {
        ran.push(clock.now().toISOString());
        await queue.complete(j.id);
      }
      return { claimed: jobs.length };
    };
    const settle = async () => {
      settles++;
    };
    expect(await drainQueue({ queue, clock, work, settle, mustDrain: true })).toBe(true);
    expect(ran).toEqual(['2026-03-01T10:05:00.000Z']);
    // Round 1: nothing due (2 settles), clock moves; round 2 runs the job (1); round 3 finds none (2).
    expect(settles).toBe(5);
  });

  it('with mustDrain, a job that never finishes fails instead of passing quietly', async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z');
    const queue = createMemoryQueue({ clock });
    await queue.enqueue({ tenantId: 't', type: 'post-order', payload: {}, correlationId: 'c' });
    // A worker that claims nothing: the job stays pending for ever.
    const work = async () => ({ claimed: 0 });
    expect(await drainQueue({ queue, clock, work, rounds: 3 })).toBe(false);
    await expect(drainQueue({ queue, clock, work, rounds: 3, mustDrain: true })).rejects.toThrow(
      'queue did not drain',
    );
  });
});
