/**
 * Retry timing. Exponential backoff with "full jitter" (a uniformly random delay between zero and the
 * exponential ceiling): after an outage, many retrying jobs spread out instead of hitting Prima in one wave.
 * The random source is injected so tests can pin it.
 */
import type { Problem } from '../monitor/problems.js';

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay ceiling grows past this. */
  capMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 30 * 60_000, factor: 2 };

export type RandomSource = () => number;

/** Delay before retry number `attempt` (1 = the first retry). */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: RandomSource = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

export type RetryDecision =
  | { kind: 'retry'; at: Date; delayMs: number }
  | { kind: 'dead'; reason: 'not_retryable' | 'attempts_exhausted' };

/**
 * What to do with a job that failed after `attempts` tries (this one included): retry later, or
 * dead-letter it because the problem needs a person or the attempts are used up.
 */
export function decideRetry(
  problem: Problem,
  attempts: number,
  maxAttempts: number,
  now: Date,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: RandomSource = Math.random,
): RetryDecision {
  if (!problem.retryable) return { kind: 'dead', reason: 'not_retryable' };
  if (attempts >= maxAttempts) return { kind: 'dead', reason: 'attempts_exhausted' };
  const delayMs = backoffDelayMs(attempts, policy, random);
  return { kind: 'retry', at: new Date(now.getTime() + delayMs), delayMs };
}
