// Public API of the sync room: retry timing, idempotency keys, flow control, polling schedule, worker loop.
export * from './backoff.js';
export {
  allVariants,
  type CatalogueCache,
  type CatalogueRead,
  createCatalogueCache,
} from './catalogue-cache.js';
export * from './clock.js';
export * from './finance-schedule.js';
export { heldLinesOf, NOT_YET_IN_PRIMA } from './held-stock.js';
export * from './idempotency.js';
export * from './limiter.js';
export type { PayoutJournalRecord, PayoutOutcome, PayoutRunReport } from './payouts.js';
export * from './poll-schedule.js';
export * from './worker.js';
