import { ProblemError } from '@prima-connect/prima-core';
import { sampleLink, sampleTenant } from '@prima-connect/prima-core/testing';
import { describe, expect, it } from 'vitest';
import { tempSqlite } from '../test-databases.js';
import { createPrismaStore } from './index.js';

describe('order links on Prisma', () => {
  it('refuses a second storefront order with the same Prima order number, with a clerk-readable problem', async () => {
    const db = tempSqlite();
    const { store, close } = await createPrismaStore({ url: db.url });
    try {
      await store.tenants.put(sampleTenant('t'));
      await store.links.createIfAbsent(sampleLink('t', '1001', { primaOrderNumber: 'W1001' }));
      const attempt = store.links.createIfAbsent(
        sampleLink('t', '2002', { primaOrderNumber: 'W1001', storefrontOrderNumber: '#1001-B' }),
      );
      await expect(attempt).rejects.toBeInstanceOf(ProblemError);
      await expect(attempt).rejects.toMatchObject({ problem: { code: 'invalid_order', retryable: false } });
      expect(await store.links.get('t', '2002')).toBeNull();
    } finally {
      await close();
      await db.drop();
    }
  });
});
