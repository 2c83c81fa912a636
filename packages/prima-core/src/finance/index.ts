// Public API of the finance room.
export * from './credit-note.js';
