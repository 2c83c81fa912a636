import { createMemoryQueue } from './memory-queue.js';
import { createMemoryStore } from './memory-store.js';
import { describeQueueContract } from './queue-contract.js';
import { describeStoreContract } from './store-contract.js';

// The in-memory adapters must behave exactly like the database ones: same suites.
describeStoreContract('memory', async () => ({ store: createMemoryStore(), cleanup: async () => {} }));
describeQueueContract('memory', async () => ({ queue: createMemoryQueue(), cleanup: async () => {} }));
