import type { MappingRepo, SkuMapping } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import type { SkuMapping as MappingRow } from '../generated/sqlite/client.js';
import { bulkUpsertStatements } from './bulk-upsert.js';
import { componentsSchema, iso, itemRefSchema } from './rows.js';

/** JSON text for a raw statement (SQL NULL when absent): both databases read it into the Json column. */
const jsonText = (value: object | undefined): string | null =>
  value === undefined ? null : JSON.stringify(value);

function toMapping(r: MappingRow): SkuMapping {
  const m: SkuMapping = {
    sku: r.sku,
    kind: r.kind as SkuMapping['kind'],
    source: r.source as SkuMapping['source'],
    updatedAt: iso(r.updatedAt),
  };
  if (r.item !== null) m.item = itemRefSchema.parse(r.item);
  if (r.components !== null) m.components = componentsSchema.parse(r.components);
  return m;
}

export function mappingRepo(db: PrimaPrismaClient): MappingRepo {
  return {
    async list(tenantId) {
      return (await db.skuMapping.findMany({ where: { tenantId }, orderBy: { sku: 'asc' } })).map(toMapping);
    },
    async get(tenantId, sku) {
      const r = await db.skuMapping.findUnique({ where: { tenantId_sku: { tenantId, sku } } });
      return r === null ? null : toMapping(r);
    },
    async upsertMany(tenantId, rows) {
      if (rows.length === 0) return;
      // A CSV import is thousands of rows: bulk statements, all or nothing.
      await db.$transaction(
        bulkUpsertStatements(db, {
          table: 'SkuMapping',
          columns: ['tenantId', 'sku', 'kind', 'item', 'components', 'source', 'updatedAt'],
          key: ['tenantId', 'sku'],
          rows: rows.map((m) => [
            tenantId,
            m.sku,
            m.kind,
            jsonText(m.item),
            jsonText(m.components),
            m.source,
            new Date(m.updatedAt),
          ]),
        }),
      );
    },
    async delete(tenantId, sku) {
      await db.skuMapping.deleteMany({ where: { tenantId, sku } });
    },
  };
}
