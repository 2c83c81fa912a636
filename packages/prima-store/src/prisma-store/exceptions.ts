import { randomUUID } from 'node:crypto';
import type { ExceptionRecord, ExceptionRepo, ProblemCode } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import type { ExceptionRecord as ExceptionRow } from '../generated/sqlite/client.js';
import { iso, isoOrUndefined, isUniqueViolation, json, orUndefined, problemSchema } from './rows.js';

/** Non-null only while open: a unique (tenantId, openKey) index then allows one open record per subject and code. */
const openKeyOf = (subject: string, code: ProblemCode) => JSON.stringify([subject, code]);

function toRecord(r: ExceptionRow): ExceptionRecord {
  return {
    id: r.id,
    tenantId: r.tenantId,
    code: r.code as ProblemCode,
    subject: r.subject,
    problem: problemSchema.parse(r.problem),
    status: r.status === 'resolved' ? 'resolved' : 'open',
    attempts: r.attempts,
    firstSeenAt: iso(r.firstSeenAt),
    lastSeenAt: iso(r.lastSeenAt),
    resolvedAt: isoOrUndefined(r.resolvedAt),
    resolvedBy: orUndefined(r.resolvedBy),
    resolutionNote: orUndefined(r.resolutionNote),
    correlationId: orUndefined(r.correlationId),
  };
}

export function exceptionRepo(db: PrimaPrismaClient): ExceptionRepo {
  const resolvedColumns = (by: string, note: string, atIso: string) => ({
    status: 'resolved',
    openKey: null,
    resolvedBy: by,
    resolutionNote: note,
    resolvedAt: new Date(atIso),
  });

  return {
    async raise(record) {
      const openKey = openKeyOf(record.subject, record.code);
      // Bump the open one if there is one; else insert, and if another writer inserted first, bump theirs.
      for (let attempt = 0; attempt < 5; attempt++) {
        const [bumped, row] = await db.$transaction([
          db.exceptionRecord.updateMany({
            where: { tenantId: record.tenantId, openKey },
            data: {
              attempts: { increment: 1 },
              lastSeenAt: new Date(record.lastSeenAt),
              problem: json(record.problem),
              ...(record.correlationId === undefined ? {} : { correlationId: record.correlationId }),
            },
          }),
          db.exceptionRecord.findFirst({ where: { tenantId: record.tenantId, openKey } }),
        ]);
        if (bumped.count === 1 && row) return toRecord(row);
        try {
          const created = await db.exceptionRecord.create({
            data: {
              id: randomUUID(),
              tenantId: record.tenantId,
              code: record.code,
              subject: record.subject,
              problem: json(record.problem),
              status: 'open',
              attempts: 1,
              firstSeenAt: new Date(record.lastSeenAt),
              lastSeenAt: new Date(record.lastSeenAt),
              correlationId: record.correlationId ?? null,
              openKey,
            },
          });
          return toRecord(created);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      throw new Error(`Could not record the exception for ${record.subject}`);
    },
    async get(tenantId, id) {
      const r = await db.exceptionRecord.findFirst({ where: { tenantId, id } });
      return r === null ? null : toRecord(r);
    },
    async list(tenantId, filter) {
      const rows = await db.exceptionRecord.findMany({
        where: {
          tenantId,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.code ? { code: filter.code } : {}),
          ...(filter.subject ? { subject: filter.subject } : {}),
        },
        orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
        ...(filter.limit === undefined ? {} : { take: filter.limit }),
      });
      return rows.map(toRecord);
    },
    async resolve(tenantId, id, by, note, atIso) {
      await db.exceptionRecord.updateMany({
        where: { tenantId, id, status: 'open' },
        data: resolvedColumns(by, note, atIso),
      });
      const r = await db.exceptionRecord.findFirst({ where: { tenantId, id } });
      return r === null ? null : toRecord(r);
    },
    async resolveSubject(tenantId, subject, by, note, atIso) {
      const { count } = await db.exceptionRecord.updateMany({
        where: { tenantId, subject, status: 'open' },
        data: resolvedColumns(by, note, atIso),
      });
      return count;
    },
    async countOpenByCode(tenantId) {
      const groups = await db.exceptionRecord.groupBy({
        by: ['code'],
        where: { tenantId, status: 'open' },
        _count: { _all: true },
      });
      const counts: Partial<Record<ProblemCode, number>> = {};
      for (const g of groups) counts[g.code as ProblemCode] = g._count._all;
      return counts;
    },
  };
}
