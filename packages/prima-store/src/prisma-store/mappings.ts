import type { MappingRepo, SkuMapping } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { type SkuMapping as MappingRow, Prisma } from '../generated/sqlite/client.js';
import { componentsSchema, iso, itemRefSchema, json } from './rows.js';

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
      await db.$transaction(
        rows.map((m) => {
          const values = {
            kind: m.kind,
            item: m.item === undefined ? Prisma.DbNull : json(m.item),
            components: m.components === undefined ? Prisma.DbNull : json(m.components),
            source: m.source,
            updatedAt: new Date(m.updatedAt),
          };
          return db.skuMapping.upsert({
            where: { tenantId_sku: { tenantId, sku: m.sku } },
            create: { tenantId, sku: m.sku, ...values },
            update: values,
          });
        }),
      );
    },
    async delete(tenantId, sku) {
      await db.skuMapping.deleteMany({ where: { tenantId, sku } });
    },
  };
}
