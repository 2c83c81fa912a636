import type { SnapshotRepo } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { bulkUpsertStatements } from './bulk-upsert.js';
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
        bulkUpsertStatements(db, {
          table: 'StockSnapshot',
          columns: ['tenantId', 'variantId', 'locationId', 'sku', 'quantity', 'pushedAt'],
          key: ['tenantId', 'variantId', 'locationId'],
          rows: rows.map((s) => [
            tenantId,
            s.variantId,
            s.locationId,
            s.sku,
            s.quantity,
            new Date(s.pushedAt),
          ]),
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
