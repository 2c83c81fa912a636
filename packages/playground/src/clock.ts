import type { Clock } from '@prima-connect/prima-core';

/**
 * Real time plus an offset the harness can move forward. Prima status polling follows prima-core's
 * schedule (first look 5 minutes after posting); the e2e tests jump over that wait instead of sleeping.
 * Only the engines and the Magento state queue read it: emulators, the sandbox and the SQLite queue keep
 * real time, so advance only after the orders of a test have been posted.
 */
export interface StackClock extends Clock {
  advance(ms: number): void;
  offsetMs(): number;
}

export function stackClock(): StackClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      if (!Number.isInteger(ms) || ms < 0)
        throw new Error('the playground clock only moves forward, in whole milliseconds');
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
