import { describeQueueContract, describeStoreContract } from '@prima-connect/prima-core/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryKv, KEY_PATTERN, keySegment } from './kv.js';
import { createKvQueue } from './kv-queue.js';
import { createKvStore } from './kv-store.js';

// The same suites prima-store runs, against the aio-lib-state-shaped adapter on a local KV.
describeStoreContract('App Builder state (memory KV)', async () => ({
  store: createKvStore(createMemoryKv()),
  cleanup: async () => {},
}));
describeQueueContract('App Builder state (memory KV)', async () => ({
  queue: createKvQueue(createMemoryKv()),
  cleanup: async () => {},
}));

describe('KV keys', () => {
  it('keeps tenant records apart from tenant data whatever the tenant id', async () => {
    const store = createKvStore(createMemoryKv());
    for (const id of ['t', 'tenant', 'a.b']) {
      await store.tenants.put({ id, platform: 'magento', shop: id, createdAt: '2026-11-22T00:00:00.000Z' });
      await store.mappings.upsertMany(id, [
        {
          sku: 'X-1',
          kind: 'stock',
          item: { product: 'X', matrix: ['1', '', '', ''] },
          source: 'manual',
          updatedAt: '2026-11-22T00:00:00.000Z',
        },
      ]);
    }
    expect((await store.tenants.list()).map((t) => t.id).sort()).toEqual(['a.b', 't', 'tenant']);
    await store.tenants.delete('t');
    expect(await store.mappings.list('t')).toEqual([]);
    expect(await store.mappings.list('tenant')).toHaveLength(1);
  });

  it('encodes any id into aio-lib-state key characters, reversibly distinct', () => {
    const ids = ['000000123', 'shop.example.com', 'a_b', 'a.b', 'ünïcødé', ''];
    const encoded = ids.map(keySegment);
    for (const e of encoded) expect(e).toMatch(KEY_PATTERN);
    expect(new Set(encoded).size).toBe(ids.length);
  });

  it('refuses keys and TTLs aio-lib-state would refuse, and expires values', async () => {
    let t = 0;
    const kv = createMemoryKv({ now: () => t });
    await expect(kv.put('has space', 'x')).rejects.toThrow(/key/);
    await expect(kv.put('k', 'x', { ttl: 366 * 86400 })).rejects.toThrow(/ttl/);
    await kv.put('k', 'x', { ttl: 10 });
    expect((await kv.get('k'))?.value).toBe('x');
    t = 11_000;
    expect(await kv.get('k')).toBeUndefined();
  });
});
