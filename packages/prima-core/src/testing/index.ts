// In-memory adapters and contract test suites for the ports (no I/O): used by tests and the playground.
// Also two local sinks on 127.0.0.1 (SMTP, webhook) for the apps' end-to-end alert tests.

export * from './drain.js';
export * from './fake-prima.js';
export * from './fake-storefront.js';
export * from './memory-queue.js';
export * from './memory-store.js';
export * from './queue-contract.js';
export * from './smtp-sink.js';
export * from './store-contract.js';
export * from './webhook-sink.js';
