// Public API of the monitor room.
export * from './problems.js';
export * from './metrics.js';
export * from './log.js';
