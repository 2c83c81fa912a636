import type { Platform, SettingsRepo, Tenant, TenantRepo } from '@prima-connect/prima-core';
import { settingsSchema } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { iso, isoOrUndefined } from './rows.js';

export function tenantRepo(db: PrimaPrismaClient): TenantRepo {
  const toTenant = (r: {
    id: string;
    platform: string;
    shop: string;
    createdAt: Date;
    uninstalledAt: Date | null;
  }): Tenant => ({
    id: r.id,
    platform: r.platform as Platform,
    shop: r.shop,
    createdAt: iso(r.createdAt),
    uninstalledAt: isoOrUndefined(r.uninstalledAt),
  });
  return {
    async get(tenantId) {
      const r = await db.tenant.findUnique({ where: { id: tenantId } });
      return r === null ? null : toTenant(r);
    },
    async put(tenant) {
      const values = {
        platform: tenant.platform,
        shop: tenant.shop,
        createdAt: new Date(tenant.createdAt),
        uninstalledAt: tenant.uninstalledAt ? new Date(tenant.uninstalledAt) : null,
      };
      await db.tenant.upsert({
        where: { id: tenant.id },
        create: { id: tenant.id, ...values },
        update: values,
      });
    },
    async list() {
      return (await db.tenant.findMany({ orderBy: { id: 'asc' } })).map(toTenant);
    },
    async delete(tenantId) {
      // Everything else a tenant owns goes with it through ON DELETE CASCADE; jobs have no foreign key.
      await db.$transaction([
        db.job.deleteMany({ where: { tenantId } }),
        db.tenant.deleteMany({ where: { id: tenantId } }),
      ]);
    },
  };
}

export function settingsRepo(db: PrimaPrismaClient): SettingsRepo {
  return {
    async get(tenantId) {
      const r = await db.tenantSettings.findUnique({ where: { tenantId } });
      // Parsed on the way out too: a row written by an older version gains new defaults, bad data throws.
      return r === null ? null : settingsSchema.parse(r.data);
    },
    async put(tenantId, settings) {
      const data = settingsSchema.parse(settings);
      await db.tenantSettings.upsert({ where: { tenantId }, create: { tenantId, data }, update: { data } });
    },
  };
}
