// Public API of the monitor room.

export * from './log.js';
export * from './metrics.js';
export * from './problems.js';
