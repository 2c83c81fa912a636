// In-memory adapters and contract test suites for the ports (no I/O): used by tests and the playground.
export * from './store-contract.js';
export * from './queue-contract.js';
