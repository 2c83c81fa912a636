/** Clocks for the engine: the real one, and a hand-moved one for tests and the playground. */
import type { Clock } from '../ports.js';

export const systemClock: Clock = { now: () => new Date() };

export interface ManualClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function manualClock(startIso: string): ManualClock {
  let t = Date.parse(startIso);
  if (Number.isNaN(t)) throw new Error(`manualClock: not an ISO instant: ${startIso}`);
  return {
    now: () => new Date(t),
    set(iso) {
      t = Date.parse(iso);
    },
    advance(ms) {
      t += ms;
    },
  };
}
