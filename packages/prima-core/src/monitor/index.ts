// Public API of the monitor room.
export * from './problems.js';
