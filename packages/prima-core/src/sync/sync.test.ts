import { describe, expect, it } from 'vitest';
import type { WorkReport } from '../engine-api.js';
import { problem } from '../monitor/problems.js';
import { createFakePrima } from '../testing/fake-prima.js';
import { backoffDelayMs, decideRetry } from './backoff.js';
import { canonicalJson, stableHash, stockPushKey } from './idempotency.js';
import { createTenantLimiter, limitGateway } from './limiter.js';
import { nextPollAt, pollDelayMs } from './poll-schedule.js';
import { runWorker } from './worker.js';

const outage = problem('prima_unreachable', 'Prima did not answer.', 'Wait.');
const policy = { baseMs: 1000, capMs: 10_000, factor: 2 };

describe('backoff with full jitter', () => {
  it('scales the random draw by an exponential ceiling, capped', () => {
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(500);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(9990);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it('retries retryable problems until the attempts run out, then dead-letters', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const d = decideRetry(outage, 2, 5, now, policy, () => 1);
    expect(d).toEqual({ kind: 'retry', at: new Date(now.getTime() + 2000), delayMs: 2000 });
    expect(decideRetry(outage, 5, 5, now, policy)).toEqual({ kind: 'dead', reason: 'attempts_exhausted' });
    const fix = problem('unmapped_sku', 'SKU X is not mapped.', 'Map it.');
    expect(decideRetry(fix, 1, 5, now, policy)).toEqual({ kind: 'dead', reason: 'not_retryable' });
  });
});

describe('idempotency keys', () => {
  const u = (item: string, q: number) => ({
    sku: item,
    variantId: item,
    inventoryItemId: item,
    locationId: 'L',
    quantity: q,
    previousQuantity: null,
  });

  it('canonical JSON ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    expect(stableHash({ x: 1, y: 2 })).toBe(stableHash({ y: 2, x: 1 }));
  });

  it('a stock push key depends on the figures and tenant, not on row order', () => {
    expect(stockPushKey('t', [u('a', 1), u('b', 2)])).toBe(stockPushKey('t', [u('b', 2), u('a', 1)]));
    expect(stockPushKey('t', [u('a', 1)])).not.toBe(stockPushKey('t', [u('a', 2)]));
    expect(stockPushKey('t', [u('a', 1)])).not.toBe(stockPushKey('other', [u('a', 1)]));
  });
});

describe('status poll schedule', () => {
  const min = 60_000;
  it('backs off 5 min, 15 min, 1 h, then every 4 h', () => {
    expect(pollDelayMs(0)).toBe(5 * min);
    expect(pollDelayMs(5 * min)).toBe(15 * min);
    expect(pollDelayMs(20 * min)).toBe(60 * min);
    expect(pollDelayMs(80 * min)).toBe(240 * min);
    expect(pollDelayMs(100 * 60 * min)).toBe(240 * min);
  });

  it('resets on change (measured from the last change) and stops at terminal states', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(nextPollAt('allocated', now, now)).toBe('2026-03-01T12:05:00.000Z');
    expect(nextPollAt('allocated', new Date('2026-03-01T11:00:00Z'), now)).toBe('2026-03-01T13:00:00.000Z');
    expect(nextPollAt('despatched', now, now)).toBeUndefined();
    expect(nextPollAt('cancelled', now, now)).toBeUndefined();
    expect(nextPollAt('part_despatched', now, now)).toBeDefined();
  });
});

describe('per-tenant concurrency limiter', () => {
  it('never lets more than maxConcurrency calls reach Prima at once for a tenant, and keeps tenants apart', async () => {
    const limiter = createTenantLimiter();
    const prima = createFakePrima();
    let inFlight = 0;
    let peak = 0;
    const slow: typeof prima.ping = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { ok: true, company: '1' };
    };
    prima.ping = slow;
    const gw = limitGateway(prima, limiter, 't1', 2);
    const other = limitGateway(prima, limiter, 't2', 2);
    const calls = Array.from({ length: 6 }, () => gw.ping());
    expect(limiter.load('t1').active + limiter.load('t1').pending).toBe(6);
    expect(limiter.load('t2')).toEqual({ active: 0, pending: 0 });
    await Promise.all([...calls, other.ping()]);
    expect(peak).toBeLessThanOrEqual(4);
    expect(limiter.load('t1')).toEqual({ active: 0, pending: 0 });
  });

  it('a single tenant peaks at its limit', async () => {
    const limiter = createTenantLimiter();
    let inFlight = 0;
    let peak = 0;
    const task = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
    };
    await Promise.all(Array.from({ length: 10 }, () => limiter.run('t', 3, task)));
    expect(peak).toBe(3);
  });
});

describe('runWorker', () => {
  const report = (claimed: number): WorkReport => ({ claimed, done: claimed, retried: 0, dead: 0, jobs: [] });

  it('works until aborted, sleeping only when a round found nothing, and survives a failing round', async () => {
    const controller = new AbortController();
    const rounds = [report(2), report(0), 'boom', report(1)] as const;
    let i = 0;
    const sleeps: number[] = [];
    const engine = {
      async work() {
        const r = rounds[i++];
        if (i >= rounds.length) controller.abort();
        if (r === 'boom') throw new Error('store down');
        return r ?? report(0);
      },
    };
    const totals = await runWorker(engine, {
      workerId: 'w1',
      signal: controller.signal,
      idleMs: 50,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(totals).toEqual({ rounds: 4, done: 3, retried: 0, dead: 0, errors: 1 });
    expect(sleeps).toEqual([50, 50]);
  });
});
