import type { AuditRepo } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { auditDetailSchema, iso, orUndefined } from './rows.js';

export function auditRepo(db: PrimaPrismaClient): AuditRepo {
  return {
    async append(entry) {
      await db.auditEntry.create({
        data: {
          tenantId: entry.tenantId,
          at: new Date(entry.at),
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          detail: entry.detail,
          correlationId: entry.correlationId ?? null,
        },
      });
    },
    async list(tenantId, filter) {
      const rows = await db.auditEntry.findMany({
        where: {
          tenantId,
          ...(filter.subject ? { subject: filter.subject } : {}),
          ...(filter.action ? { action: filter.action } : {}),
        },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        ...(filter.limit === undefined ? {} : { take: filter.limit }),
      });
      return rows.map((r) => ({
        tenantId: r.tenantId,
        at: iso(r.at),
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        detail: auditDetailSchema.parse(r.detail),
        correlationId: orUndefined(r.correlationId),
      }));
    },
  };
}
