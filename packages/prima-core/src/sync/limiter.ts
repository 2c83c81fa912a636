/**
 * Flow control toward Prima: at most N calls in flight per tenant (settings.prima.maxConcurrency), so a
 * burst of orders or a big stock sync queues up in the connector instead of overloading the ERP, and one
 * busy tenant never takes another tenant's slots. p-limit does the queuing; this keeps one per tenant.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { PrimaGateway } from '../ports.js';

export interface TenantLimiter {
  run<T>(tenantId: string, maxConcurrency: number, fn: () => Promise<T>): Promise<T>;
  /** Calls waiting or running for a tenant (for tests and health). */
  load(tenantId: string): { active: number; pending: number };
  forget(tenantId: string): void;
}

export function createTenantLimiter(): TenantLimiter {
  const limits = new Map<string, LimitFunction>();
  const limitFor = (tenantId: string, max: number): LimitFunction => {
    let limit = limits.get(tenantId);
    if (!limit) {
      limit = pLimit(max);
      limits.set(tenantId, limit);
    } else if (limit.concurrency !== max) {
      // Settings changed: p-limit applies the new figure to calls not yet started.
      limit.concurrency = max;
    }
    return limit;
  };
  return {
    run: (tenantId, max, fn) => limitFor(tenantId, max)(fn),
    load: (tenantId) => {
      const l = limits.get(tenantId);
      return { active: l?.activeCount ?? 0, pending: l?.pendingCount ?? 0 };
    },
    forget: (tenantId) => {
      limits.delete(tenantId);
    },
  };
}

const GATEWAY_METHODS = [
  'ping',
  'postOrders',
  'getOrderStatus',
  'availableToSell',
  'availableToSellFor',
  'cancelOrder',
  'amendDelivery',
  'createCreditNote',
  'postJournal',
] as const satisfies readonly (keyof PrimaGateway)[];

/** The same gateway, every call passing through the tenant's limiter. */
export function limitGateway(
  gateway: PrimaGateway,
  limiter: TenantLimiter,
  tenantId: string,
  maxConcurrency: number,
): PrimaGateway {
  const wrapped = {} as Record<(typeof GATEWAY_METHODS)[number], unknown>;
  for (const method of GATEWAY_METHODS) {
    const original = gateway[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = (...args: unknown[]) =>
      limiter.run(tenantId, maxConcurrency, () => original.apply(gateway, args));
  }
  return wrapped as unknown as PrimaGateway;
}
