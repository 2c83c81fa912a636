import type { EventRepo } from '@prima-connect/prima-core';
import type { PrimaPrismaClient } from '../client.js';
import { isUniqueViolation } from './rows.js';

export function eventRepo(db: PrimaPrismaClient): EventRepo {
  return {
    async recordIfNew(event) {
      // The primary key (tenantId, eventKey) makes this atomic: of concurrent inserts exactly one succeeds.
      try {
        await db.inboundEvent.create({
          data: {
            tenantId: event.tenantId,
            eventKey: event.eventKey,
            topic: event.topic,
            storefrontOrderId: event.storefrontOrderId ?? null,
            receivedAt: new Date(event.receivedAt),
            correlationId: event.correlationId,
          },
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async countSince(tenantId, sinceIso) {
      return db.inboundEvent.count({ where: { tenantId, receivedAt: { gte: new Date(sinceIso) } } });
    },
  };
}
