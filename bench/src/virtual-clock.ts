/**
 * Real time plus the rate-limit waits we chose not to sit through. A client that must wait for a
 * storefront's rate-limit bucket calls `sleep(ms)`: the clock jumps ahead by `ms` instead of blocking, and
 * the emulator's bucket, reading the same clock, refills exactly as if the time had passed. So a run that
 * would take an hour of waiting finishes in seconds, and its reported time is still what a real run takes:
 * the real work (HTTP, GraphQL, planning) plus every wait the rate limit imposed.
 */
export interface VirtualClock {
  /** Milliseconds since the epoch, on the virtual timeline. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Total waiting skipped so far. */
  readonly skippedMs: number;
}

export function virtualClock(): VirtualClock {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    async sleep(ms: number) {
      if (ms > 0) skipped += ms;
    },
    get skippedMs() {
      return skipped;
    },
  };
}
