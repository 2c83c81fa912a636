/**
 * For the app's unit tests: a host on in-memory state that never goes out. Prima and the store throw when
 * reached, with the test's own words for why they must not be, so a test that reaches them fails.
 */
import type { Clock } from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { createShopifyHost, type ShopifyHost } from './host.server.js';

export function offlineHost(
  opts: { clock?: Clock; primaUnreachable?: string; storeUnreachable?: string } = {},
): ShopifyHost {
  return createShopifyHost({
    store: createMemoryStore(),
    queue: createMemoryQueue(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    prima: async () => {
      throw new Error(opts.primaUnreachable ?? 'not used');
    },
    storefront: async () => {
      throw new Error(opts.storeUnreachable ?? 'not used');
    },
  });
}
