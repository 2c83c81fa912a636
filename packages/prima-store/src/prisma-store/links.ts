import {
  type LinkRepo,
  type LinkState,
  type OrderLink,
  type PrimaOrderState,
  ProblemError,
  problem,
} from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { type OrderLink as LinkRow, Prisma } from '../generated/sqlite/client.js';
import {
  dateOrNull,
  heldLinesSchema,
  iso,
  isoOrUndefined,
  isUniqueViolation,
  json,
  minorFromBigInt,
  orUndefined,
  problemSchema,
  stringListSchema,
} from './rows.js';

/** Prima states after which there is nothing more to poll for. */
const TERMINAL_PRIMA_STATES: PrimaOrderState[] = ['despatched', 'cancelled'];

function toLink(r: LinkRow): OrderLink {
  return {
    tenantId: r.tenantId,
    platform: r.platform as OrderLink['platform'],
    storefrontOrderId: r.storefrontOrderId,
    storefrontOrderNumber: r.storefrontOrderNumber,
    primaOrderNumber: r.primaOrderNumber,
    state: r.state as LinkState,
    customerCode: orUndefined(r.customerCode),
    primaState: orUndefined(r.primaState) as PrimaOrderState | undefined,
    primaRawStatus: orUndefined(r.primaRawStatus),
    currency: r.currency,
    totalMinor: minorFromBigInt(r.totalMinor),
    attempts: r.attempts,
    lastProblem: r.lastProblem === null ? undefined : problemSchema.parse(r.lastProblem),
    appliedDispatches: stringListSchema.parse(r.appliedDispatches),
    contentHash: orUndefined(r.contentHash),
    receivedAt: iso(r.receivedAt),
    dueAt: iso(r.dueAt),
    postedAt: isoOrUndefined(r.postedAt),
    nextPollAt: isoOrUndefined(r.nextPollAt),
    primaChangedAt: isoOrUndefined(r.primaChangedAt),
    heldLines: r.heldLines === null ? undefined : heldLinesSchema.parse(r.heldLines),
    updatedAt: iso(r.updatedAt),
    version: r.version,
  };
}

/** Every mutable column, with absent optionals written as NULL so an update can clear them. */
function columns(l: Omit<OrderLink, 'version' | 'tenantId' | 'storefrontOrderId'>) {
  return {
    platform: l.platform,
    storefrontOrderNumber: l.storefrontOrderNumber,
    primaOrderNumber: l.primaOrderNumber,
    state: l.state,
    customerCode: l.customerCode ?? null,
    primaState: l.primaState ?? null,
    primaRawStatus: l.primaRawStatus ?? null,
    currency: l.currency,
    totalMinor: BigInt(l.totalMinor),
    attempts: l.attempts,
    appliedDispatches: l.appliedDispatches,
    contentHash: l.contentHash ?? null,
    receivedAt: new Date(l.receivedAt),
    dueAt: new Date(l.dueAt),
    postedAt: dateOrNull(l.postedAt),
    nextPollAt: dateOrNull(l.nextPollAt),
    primaChangedAt: dateOrNull(l.primaChangedAt),
    updatedAt: new Date(l.updatedAt),
  };
}

/** Absent held lines are SQL NULL, like a missing problem. */
const heldLinesColumn = (l: Pick<OrderLink, 'heldLines'>) =>
  l.heldLines === undefined ? Prisma.DbNull : json(l.heldLines);

/** A missing problem is SQL NULL (Prisma.DbNull), not a JSON null. */
const problemColumn = (l: Pick<OrderLink, 'lastProblem'>) =>
  l.lastProblem === undefined ? Prisma.DbNull : json(l.lastProblem);

export function linkRepo(db: PrimaPrismaClient): LinkRepo {
  const repo: LinkRepo = {
    async get(tenantId, storefrontOrderId) {
      const r = await db.orderLink.findUnique({
        where: { tenantId_storefrontOrderId: { tenantId, storefrontOrderId } },
      });
      return r === null ? null : toLink(r);
    },
    async getByPrimaNumber(tenantId, primaOrderNumber) {
      const r = await db.orderLink.findUnique({
        where: { tenantId_primaOrderNumber: { tenantId, primaOrderNumber } },
      });
      return r === null ? null : toLink(r);
    },
    async createIfAbsent(link) {
      // Insert first and let the unique key decide: the only race-free way across processes.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const r = await db.orderLink.create({
            data: {
              tenantId: link.tenantId,
              storefrontOrderId: link.storefrontOrderId,
              ...columns(link),
              lastProblem: problemColumn(link),
              heldLines: heldLinesColumn(link),
              version: 1,
            },
          });
          return { link: toLink(r), created: true };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          const existing = await repo.get(link.tenantId, link.storefrontOrderId);
          if (existing) return { link: existing, created: false };
          const clash = await repo.getByPrimaNumber(link.tenantId, link.primaOrderNumber);
          if (clash) {
            // Two storefront orders reduced to one Prima number (prefix/length settings): a person must decide.
            throw new ProblemError(
              problem(
                'invalid_order',
                `Order ${link.storefrontOrderNumber} would be sent to Prima as ${link.primaOrderNumber}, but order ${clash.storefrontOrderNumber} already has that Prima number.`,
                'Check the order number prefix and length in Settings, or enter this order in Prima by hand.',
                { primaOrderNumber: link.primaOrderNumber, otherStorefrontOrderId: clash.storefrontOrderId },
                false,
              ),
            );
          }
          // The winner was deleted between our insert and read (tenant removed): try again.
        }
      }
      throw new Error(`Could not create the link for order ${link.storefrontOrderId}`);
    },
    async update(link) {
      const { count } = await db.orderLink.updateMany({
        where: { tenantId: link.tenantId, storefrontOrderId: link.storefrontOrderId, version: link.version },
        data: {
          ...columns(link),
          lastProblem: problemColumn(link),
          heldLines: heldLinesColumn(link),
          version: link.version + 1,
        },
      });
      return count === 1 ? { ...link, version: link.version + 1 } : null;
    },
    async listByState(tenantId, state, limit) {
      const rows = await db.orderLink.findMany({
        where: { tenantId, state },
        orderBy: [{ receivedAt: 'asc' }, { storefrontOrderId: 'asc' }],
        take: limit,
      });
      return rows.map(toLink);
    },
    async listDueForPoll(tenantId, nowIso, limit) {
      const rows = await db.orderLink.findMany({
        where: {
          tenantId,
          state: 'posted',
          nextPollAt: { lte: new Date(nowIso) },
          // NOT IN never matches NULL in SQL: a link Prima has not described yet is still to be polled.
          OR: [{ primaState: null }, { primaState: { notIn: TERMINAL_PRIMA_STATES } }],
        },
        orderBy: [{ nextPollAt: 'asc' }, { storefrontOrderId: 'asc' }],
        take: limit,
      });
      return rows.map(toLink);
    },
    async listReceivedBetween(tenantId, fromIso, toIso) {
      const rows = await db.orderLink.findMany({
        where: { tenantId, receivedAt: { gte: new Date(fromIso), lt: new Date(toIso) } },
        orderBy: [{ receivedAt: 'asc' }, { storefrontOrderId: 'asc' }],
      });
      return rows.map(toLink);
    },
    async deleteTenant(tenantId) {
      await db.orderLink.deleteMany({ where: { tenantId } });
    },
  };
  return repo;
}
