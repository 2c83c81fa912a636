// Public API of the sync room: retry timing, idempotency keys, flow control, polling schedule, worker loop.
export * from './backoff.js';
export * from './clock.js';
export * from './idempotency.js';
export * from './limiter.js';
export type { PayoutOutcome, PayoutRunReport } from './payouts.js';
export * from './poll-schedule.js';
export * from './worker.js';
