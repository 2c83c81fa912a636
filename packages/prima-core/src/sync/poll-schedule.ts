/**
 * When to ask Prima about a posted order again. Prima has no push notifications, so we poll, but only
 * open orders, and less often the longer nothing changes: by default 5 min, 15 min, 1 h, then every 4 h
 * (each tenant can set its own steps). Any change
 * (status, new dispatch) starts the schedule again; despatched and cancelled orders are never polled.
 * The schedule is a function of how long the order has been unchanged, so it needs no counter stored.
 */
import type { PrimaOrderState } from '../model/index.js';

export const POLL_STEPS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000] as const;

export const TERMINAL_PRIMA_STATES: ReadonlySet<PrimaOrderState> = new Set<PrimaOrderState>([
  'despatched',
  'cancelled',
]);

/** A tenant's poll steps in milliseconds (Settings: orders.statusPollMinutes). */
export function pollStepsOf(settings: { orders: { statusPollMinutes: readonly number[] } }): number[] {
  return settings.orders.statusPollMinutes.map((m) => m * 60_000);
}

export function isTerminal(state: PrimaOrderState | undefined): boolean {
  return state !== undefined && TERMINAL_PRIMA_STATES.has(state);
}

/**
 * Delay until the next poll for an order unchanged for `unchangedForMs`: the first step whose cumulative
 * schedule has not yet been used up; past the end, the last (capped) step.
 */
export function pollDelayMs(unchangedForMs: number, steps: readonly number[] = POLL_STEPS_MS): number {
  let elapsed = 0;
  for (const step of steps) {
    if (unchangedForMs < elapsed + step) return step;
    elapsed += step;
  }
  return steps[steps.length - 1] ?? 4 * 60 * 60_000;
}

/** The next poll instant, or undefined when the order reached a terminal state. */
export function nextPollAt(
  state: PrimaOrderState | undefined,
  lastChangeAt: Date,
  now: Date,
  steps: readonly number[] = POLL_STEPS_MS,
): string | undefined {
  if (isTerminal(state)) return undefined;
  const unchanged = Math.max(0, now.getTime() - lastChangeAt.getTime());
  return new Date(now.getTime() + pollDelayMs(unchanged, steps)).toISOString();
}
