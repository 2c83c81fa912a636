// Public API of the finance room.
export * from './credit-note.js';
export * from './prima-lines.js';
