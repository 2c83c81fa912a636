// In-memory adapters and contract test suites for the ports (no I/O): used by tests and the playground.

export * from './fake-prima.js';
export * from './fake-storefront.js';
export * from './memory-queue.js';
export * from './memory-store.js';
export * from './queue-contract.js';
export * from './smtp-sink.js';
export * from './store-contract.js';
