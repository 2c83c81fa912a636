import type { SnapshotRepo } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { iso } from './rows.js';

export function snapshotRepo(db: PrimaPrismaClient): SnapshotRepo {
  return {
    async all(tenantId) {
      const rows = await db.stockSnapshot.findMany({
        where: { tenantId },
        orderBy: [{ variantId: 'asc' }, { locationId: 'asc' }],
      });
      return rows.map((r) => ({
        variantId: r.variantId,
        locationId: r.locationId,
        sku: r.sku,
        quantity: r.quantity,
        pushedAt: iso(r.pushedAt),
      }));
    },
    async putMany(tenantId, rows) {
      if (rows.length === 0) return;
      // One transaction: a sync records all of what it pushed or none of it.
      await db.$transaction(
        rows.map((s) => {
          const values = { sku: s.sku, quantity: s.quantity, pushedAt: new Date(s.pushedAt) };
          return db.stockSnapshot.upsert({
            where: {
              tenantId_variantId_locationId: { tenantId, variantId: s.variantId, locationId: s.locationId },
            },
            create: { tenantId, variantId: s.variantId, locationId: s.locationId, ...values },
            update: values,
          });
        }),
      );
    },
    async getLastFullReplyRows(tenantId) {
      const r = await db.stockSyncState.findUnique({ where: { tenantId } });
      return r === null ? null : r.lastFullReplyRows;
    },
    async setLastFullReplyRows(tenantId, rows, atIso) {
      const values = { lastFullReplyRows: rows, lastSyncAt: new Date(atIso) };
      await db.stockSyncState.upsert({
        where: { tenantId },
        create: { tenantId, ...values },
        update: values,
      });
    },
    async lastSyncAt(tenantId) {
      const r = await db.stockSyncState.findUnique({ where: { tenantId } });
      return r === null ? null : iso(r.lastSyncAt);
    },
  };
}
