// Public API of the finance room.
export * from './credit-note.js';
export * from './csv.js';
export * from './payout-journal.js';
export * from './prima-lines.js';
export * from './reconciliation.js';
export * from './settings-of.js';
