/**
 * What every engine job needs, wired once by createEngine: ports, time, logging, retry policy, and the
 * few helpers that keep the rules in one place (compare-and-swap link updates, exceptions, audit).
 */
import type { Alerter } from '../monitor/alerts.js';
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import type {
  AuditEntry,
  Clock,
  ExceptionRecord,
  Logger,
  OrderLink,
  PrimaGateway,
  Queue,
  Store,
  StorefrontGateway,
} from '../ports.js';
import type { Settings } from '../settings.js';
import type { BackoffPolicy, RandomSource } from './backoff.js';
import { type CatalogueCache, createCatalogueCache } from './catalogue-cache.js';
import { limitGateway, type TenantLimiter } from './limiter.js';

export interface EngineDeps {
  store: Store;
  queue: Queue;
  prima: (tenantId: string) => Promise<PrimaGateway>;
  storefront: (tenantId: string) => Promise<StorefrontGateway>;
  clock: Clock;
  logger: Logger;
  /** Jitter source for retries; Math.random by default. */
  random?: RandomSource;
  backoff?: BackoffPolicy;
  /** How long a claimed job is leased before another worker may take it (crashed worker). */
  leaseMs?: number;
  /** Attempts before a job is dead-lettered (and its order shown as needing a person). */
  maxAttempts?: number;
  /** Jobs claimed per work() round. */
  batchSize?: number;
  /** Where a tenant's alerts go (monitor/alerts*.ts); none when absent. */
  alerters?: (tenantId: string, settings: Settings) => Promise<Alerter[]>;
  /**
   * The absolute address of the handbook's exceptions page as this host serves it (e.g.
   * https://app.example/handbook/exceptions), so alert links open the app's own copy. Absent: the tenant's
   * `alerts.handbookUrl` setting is used as it is.
   */
  handbookUrl?: string;
}

export interface EngineContext {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  random: RandomSource;
  backoff: BackoffPolicy;
  leaseMs: number;
  maxAttempts: number;
  batchSize: number;
  limiter: TenantLimiter;
  /** The storefront variant lists kept between stock syncs (sync/catalogue-cache.ts). */
  catalogue: CatalogueCache;
  alerters(tenantId: string, settings: Settings): Promise<Alerter[]>;
  /** Where alerts link to: see alertHandbookUrl (sync/reconcile-day.ts). */
  handbookUrl?: string;
  /** Prima for a tenant: every call through the tenant's concurrency limit; odd transport errors become prima_unreachable. */
  prima(tenantId: string, settings: Settings): Promise<PrimaGateway>;
  /** The tenant's storefront: thrown errors become ProblemError(storefront_api_error, retryable). */
  storefront(tenantId: string): Promise<StorefrontGateway>;
}

export const orderSubject = (storefrontOrderId: string) => `order:${storefrontOrderId}`;
export const nowIso = (ctx: Pick<EngineContext, 'clock'>) => ctx.clock.now().toISOString();

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wraps each method so a raw error from the platform client becomes a clerk-readable, retryable Problem. */
export function guardStorefront(gateway: StorefrontGateway): StorefrontGateway {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn.apply(gateway, args);
      } catch (error) {
        if (error instanceof ProblemError) throw error;
        throw new ProblemError(
          problem(
            'storefront_api_error',
            `The store did not answer a request (${name}): ${errorText(error)}.`,
            'Nothing to do if it passes: the connector retries. If it lasts, check the store connection in Settings.',
            { operation: name },
          ),
        );
      }
    };
  return {
    platform: gateway.platform,
    getOrder: wrap('getOrder', gateway.getOrder),
    listOrdersUpdatedSince: wrap('listOrdersUpdatedSince', gateway.listOrdersUpdatedSince),
    listVariants: wrap('listVariants', gateway.listVariants),
    listLocations: wrap('listLocations', gateway.listLocations),
    pushStock: wrap('pushStock', gateway.pushStock),
    createFulfilment: wrap('createFulfilment', gateway.createFulfilment),
    writeBack: wrap('writeBack', gateway.writeBack),
    ...(gateway.listPayouts ? { listPayouts: wrap('listPayouts', gateway.listPayouts) } : {}),
    ...(gateway.readStockLevels ? { readStockLevels: wrap('readStockLevels', gateway.readStockLevels) } : {}),
  };
}

/** The gateway contract says transport failures throw ProblemError; anything else thrown is treated the same way. */
export function guardPrima(gateway: PrimaGateway): PrimaGateway {
  const guarded = {} as Record<keyof PrimaGateway, unknown>;
  for (const key of Object.keys(gatewayMethods) as (keyof PrimaGateway)[]) {
    const fn = gateway[key] as (...args: unknown[]) => Promise<unknown>;
    guarded[key] = async (...args: unknown[]) => {
      try {
        return await fn.apply(gateway, args);
      } catch (error) {
        if (error instanceof ProblemError) throw error;
        throw new ProblemError(unreachableProblem(errorText(error)));
      }
    };
  }
  return guarded as unknown as PrimaGateway;
}
const gatewayMethods: Record<keyof PrimaGateway, true> = {
  ping: true,
  postOrders: true,
  getOrderStatus: true,
  availableToSell: true,
  availableToSellFor: true,
  cancelOrder: true,
  amendDelivery: true,
  createCreditNote: true,
  postJournal: true,
};

export function unreachableProblem(why: string): Problem {
  return problem(
    'prima_unreachable',
    `Prima did not answer (${why}).`,
    'Nothing to do: the connector keeps retrying. If it lasts, check that the Prima server and its web service are running.',
  );
}

export function buildContext(deps: EngineDeps, limiter: TenantLimiter): EngineContext {
  return {
    store: deps.store,
    queue: deps.queue,
    clock: deps.clock,
    logger: deps.logger,
    random: deps.random ?? Math.random,
    backoff: deps.backoff ?? { baseMs: 30_000, capMs: 30 * 60_000, factor: 2 },
    leaseMs: deps.leaseMs ?? 5 * 60_000,
    maxAttempts: deps.maxAttempts ?? 8,
    batchSize: deps.batchSize ?? 10,
    limiter,
    catalogue: createCatalogueCache(deps.clock),
    async alerters(tenantId, settings) {
      return deps.alerters ? deps.alerters(tenantId, settings) : [];
    },
    ...(deps.handbookUrl ? { handbookUrl: deps.handbookUrl } : {}),
    async prima(tenantId, settings) {
      return limitGateway(
        guardPrima(await deps.prima(tenantId)),
        limiter,
        tenantId,
        settings.prima.maxConcurrency,
      );
    },
    async storefront(tenantId) {
      return guardStorefront(await deps.storefront(tenantId));
    },
  };
}

/** Removes keys whose value is undefined: stored records keep optional fields absent, never undefined. */
export function compact<T extends object>(value: T): T {
  const out = { ...value };
  for (const key of Object.keys(out) as (keyof T)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * Reads, changes and compare-and-swaps a link, re-reading when another worker won the race.
 * `change` returns null to leave the link as it is. Returns the stored link, or null when there is none.
 */
export async function updateLink(
  ctx: EngineContext,
  tenantId: string,
  storefrontOrderId: string,
  change: (link: OrderLink) => OrderLink | null,
): Promise<OrderLink | null> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await ctx.store.links.get(tenantId, storefrontOrderId);
    if (!current) return null;
    const next = change(current);
    if (next === null) return current;
    const stored = await ctx.store.links.update(
      compact({ ...next, updatedAt: nowIso(ctx), version: current.version }),
    );
    if (stored) return stored;
  }
  throw new ProblemError(
    transientProblem(`Order ${storefrontOrderId} is being changed by several workers at once.`),
  );
}

export async function raiseException(
  ctx: EngineContext,
  tenantId: string,
  subject: string,
  p: Problem,
  correlationId: string | undefined,
): Promise<ExceptionRecord> {
  const record = await ctx.store.exceptions.raise(
    compact({ tenantId, code: p.code, subject, problem: p, lastSeenAt: nowIso(ctx), correlationId }),
  );
  ctx.logger.warn(
    { tenantId, subject, code: p.code, exceptionId: record.id, attempts: record.attempts, correlationId },
    'exception raised',
  );
  return record;
}

/** Resolves the open exceptions of one subject with one of the given codes (all codes when omitted). */
export async function resolveOpen(
  ctx: EngineContext,
  tenantId: string,
  subject: string,
  note: string,
  codes?: Problem['code'][],
): Promise<number> {
  if (!codes) return ctx.store.exceptions.resolveSubject(tenantId, subject, 'system', note, nowIso(ctx));
  let n = 0;
  for (const ex of await ctx.store.exceptions.list(tenantId, { status: 'open', subject })) {
    if (!codes.includes(ex.code)) continue;
    if (await ctx.store.exceptions.resolve(tenantId, ex.id, 'system', note, nowIso(ctx))) n++;
  }
  return n;
}

/** Keeps only flat values an audit entry can hold. */
export function auditDetail(source: Record<string, unknown>): AuditEntry['detail'] {
  const detail: AuditEntry['detail'] = {};
  for (const [k, v] of Object.entries(source)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') detail[k] = v;
  }
  return detail;
}

export async function audit(
  ctx: EngineContext,
  entry: {
    tenantId: string;
    action: string;
    subject: string;
    detail: Record<string, unknown>;
    correlationId?: string;
    actor?: string;
  },
): Promise<void> {
  await ctx.store.audit.append(
    compact({
      tenantId: entry.tenantId,
      at: nowIso(ctx),
      actor: entry.actor ?? 'system',
      action: entry.action,
      subject: entry.subject,
      detail: auditDetail(entry.detail),
      correlationId: entry.correlationId,
    }),
  );
}

/**
 * A passing, connector-side condition (a race lost eight times, an unexpected error): retried with backoff.
 * The catalogue has no "internal" code yet, so it travels as prima_unreachable (owner IT, retryable); this is
 * the one place to change when such a code is added. It only reaches the queue, never the exception list,
 * unless the job runs out of attempts.
 */
export function transientProblem(why: string): Problem {
  return problem(
    'prima_unreachable',
    `The connector hit a passing problem: ${why}`,
    'Nothing to do: the connector retries. If it lasts, tell IT.',
  );
}
