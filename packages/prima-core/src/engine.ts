/**
 * The engine: the one object every host drives (see engine-api.ts). It wires the rooms together for any
 * number of tenants; the work itself lives in sync/ (one module per job) so each flow reads on its own.
 *
 *   event -> handleOrderEvent (dedupe, trigger, link, enqueue) -> work() -> post-order job -> Prima
 *   work() also runs apply-change, poll-status, write-back, sync-stock, refund and reconcile jobs.
 */
import { z } from 'zod';
import type { Engine, OnboardingEngine, OrderSyncView, WorkReport } from './engine-api.js';
import { reconciliationCsv } from './finance/csv.js';
import { computeMetrics } from './monitor/metrics.js';
import { type Problem, ProblemError } from './monitor/problems.js';
import { createOnboardingMethods } from './onboarding/engine-methods.js';
import type { ExceptionRecord, Job, LinkState, OrderLink } from './ports.js';
import { decideRetry } from './sync/backoff.js';
import {
  audit,
  buildContext,
  type EngineContext,
  type EngineDeps,
  nowIso,
  orderSubject,
  raiseException,
  transientProblem,
  updateLink,
} from './sync/context.js';
import {
  actorSchema,
  daySchema,
  idSchema,
  noteSchema,
  orderEventInputSchema,
  pollJobPayload,
  reconcileJobPayload,
  refundEventInputSchema,
  sinceSchema,
  stockJobPayload,
  tenantIdSchema,
} from './sync/inputs.js';
import { createTenantLimiter } from './sync/limiter.js';
import { runApplyChange } from './sync/order-changes.js';
import { handleOrderEvent, postOrderKey, triggerReached } from './sync/order-events.js';
import { storedPayoutJournals, syncPayouts } from './sync/payouts.js';
import { runPostOrder, runWriteBack, writeBackKey } from './sync/post-order.js';
import { checkExceptionAlerts, reconcileDay, storedReports } from './sync/reconcile-day.js';
import { refundKey, runRefund } from './sync/refunds.js';
import { pollStatuses } from './sync/status-poll.js';
import { syncStock } from './sync/stock-sync.js';

export type { EngineDeps } from './sync/context.js';

const ALL_STATES: LinkState[] = ['received', 'posting', 'posted', 'exception', 'cancelled'];
/** A link untouched this long after it was due has lost its job. */
const STRANDED_AFTER_MS = 15 * 60_000;

function asProblem(error: unknown, job: Job): Problem {
  if (error instanceof ProblemError) return error.problem;
  const why = error instanceof Error ? error.message : String(error);
  return transientProblem(`${job.type} job failed unexpectedly: ${why}`);
}

export function createEngine(deps: EngineDeps): Engine & OnboardingEngine {
  const limiter = createTenantLimiter();
  const ctx: EngineContext = buildContext(deps, limiter);

  async function runJob(job: Job): Promise<void> {
    switch (job.type) {
      case 'post-order':
        return runPostOrder(ctx, job);
      case 'apply-change':
        return runApplyChange(ctx, job);
      case 'write-back':
        return runWriteBack(ctx, job);
      case 'refund':
        return runRefund(ctx, job);
      case 'poll-status': {
        const { limit } = pollJobPayload.parse(job.payload);
        await pollStatuses(ctx, job.tenantId, limit);
        return;
      }
      case 'sync-stock': {
        const { skus } = stockJobPayload.parse(job.payload);
        await syncStock(ctx, job.tenantId, { ...(skus ? { skus } : {}), correlationId: job.correlationId });
        return;
      }
      case 'reconcile': {
        const { sinceIso } = reconcileJobPayload.parse(job.payload);
        await catchUp(job.tenantId, sinceIso);
        return;
      }
    }
  }

  /** A job out of attempts (or failing for a reason retrying cannot fix) must be visible to a person. */
  async function onDeadLetter(job: Job, p: Problem): Promise<void> {
    const id = typeof job.payload.storefrontOrderId === 'string' ? job.payload.storefrontOrderId : undefined;
    if (job.type === 'post-order' && id) {
      const message = `Order could not be sent to Prima after ${job.attempts} attempt(s): ${p.message}`;
      const final: Problem = { ...p, message };
      await raiseException(ctx, job.tenantId, orderSubject(id), final, job.correlationId);
      await updateLink(ctx, job.tenantId, id, (l) =>
        l.state === 'posting' || l.state === 'received'
          ? { ...l, state: 'exception', lastProblem: final }
          : null,
      );
      return;
    }
    await raiseException(
      ctx,
      job.tenantId,
      id ? orderSubject(id) : job.type === 'sync-stock' ? 'stock' : `job:${job.type}`,
      p,
      job.correlationId,
    );
  }

  async function work(
    workerId: string,
    opts: { limit?: number; types?: Job['type'][] } = {},
  ): Promise<WorkReport> {
    const jobs = await ctx.queue.claim(workerId, opts.limit ?? ctx.batchSize, ctx.leaseMs, opts.types);
    const report: WorkReport = { claimed: jobs.length, done: 0, retried: 0, dead: 0, jobs: [] };
    await Promise.all(
      jobs.map(async (job) => {
        const log = ctx.logger.child({
          tenantId: job.tenantId,
          correlationId: job.correlationId,
          jobId: job.id,
          jobType: job.type,
          attempt: job.attempts,
        });
        try {
          await runJob(job);
          await ctx.queue.complete(job.id);
          report.done++;
          report.jobs.push({ id: job.id, type: job.type, outcome: 'done' });
        } catch (error) {
          const p = asProblem(error, job);
          const decision = decideRetry(
            p,
            job.attempts,
            job.maxAttempts,
            ctx.clock.now(),
            ctx.backoff,
            ctx.random,
          );
          if (decision.kind === 'retry') {
            await ctx.queue.fail(job.id, p, decision.at);
            report.retried++;
            report.jobs.push({ id: job.id, type: job.type, outcome: 'retry' });
            log.warn(
              { code: p.code, problem: p.message, retryAt: decision.at.toISOString() },
              'job failed, will retry',
            );
          } else {
            await ctx.queue.fail(job.id, p, null);
            await onDeadLetter(job, p);
            report.dead++;
            report.jobs.push({ id: job.id, type: job.type, outcome: 'dead' });
            log.error({ code: p.code, problem: p.message, reason: decision.reason }, 'job dead-lettered');
          }
        }
      }),
    );
    return report;
  }

  async function catchUp(tenantId: string, sinceIso: string): Promise<{ found: number; enqueued: number }> {
    sinceSchema.parse(sinceIso);
    const settings = await ctx.store.settings.get(tenantId);
    if (!settings) return { found: 0, enqueued: 0 };
    const requeued = await requeueStranded(tenantId);
    const storefront = await ctx.storefront(tenantId);
    let found = 0;
    let enqueued = 0;
    let cursor: string | undefined;
    do {
      const page = await storefront.listOrdersUpdatedSince(sinceIso, cursor);
      for (const order of page.items) {
        if (
          order.cancelledAt !== undefined ||
          !triggerReached(settings.orders.trigger, order.financialStatus)
        )
          continue;
        if (await ctx.store.links.get(tenantId, order.storefrontOrderId)) continue;
        found++;
        const correlationId = `catchup:${order.storefrontOrderId}`;
        const r = await handleOrderEvent(ctx, {
          tenantId,
          // Derived: the same order found by two overlapping polls dedupes like a repeated webhook.
          eventKey: `catchup:${order.storefrontOrderId}:${order.updatedAt}`,
          topic: 'order.poll',
          storefrontOrderId: order.storefrontOrderId,
          order,
          correlationId,
        });
        if (r.accepted) enqueued++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    ctx.logger.info({ tenantId, sinceIso, found, enqueued, requeued }, 'catch-up done');
    return { found, enqueued };
  }

  /**
   * Links due a while ago but still waiting for Prima with no job moving them (a crash between creating
   * the link and enqueueing its job): enqueue again. Deduped, so an order with a live job is untouched,
   * and post-order verifies with Prima before sending, so this can never double-post.
   */
  async function requeueStranded(tenantId: string): Promise<number> {
    const staleIso = new Date(ctx.clock.now().getTime() - STRANDED_AFTER_MS).toISOString();
    let n = 0;
    for (const state of ['received', 'posting'] as const) {
      for (const link of await ctx.store.links.listByState(tenantId, state, 500)) {
        if (link.dueAt > staleIso || link.updatedAt > staleIso) continue;
        const r = await ctx.queue.enqueue({
          tenantId,
          type: 'post-order',
          payload: { storefrontOrderId: link.storefrontOrderId },
          dedupeKey: postOrderKey(tenantId, link.storefrontOrderId),
          correlationId: `requeue:${link.storefrontOrderId}`,
          maxAttempts: ctx.maxAttempts,
        });
        if (!r.deduped) n++;
      }
    }
    return n;
  }

  async function orderView(tenantId: string, storefrontOrderId: string): Promise<OrderSyncView> {
    const link = await ctx.store.links.get(tenantId, storefrontOrderId);
    const subject = orderSubject(storefrontOrderId);
    const open = await ctx.store.exceptions.list(tenantId, { status: 'open', subject, limit: 1 });
    const dispatched = await ctx.store.audit.list(tenantId, { subject, action: 'order.dispatched' });
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const dispatches = dispatched.reverse().map((e) => {
      const d: OrderSyncView['dispatches'][number] = {
        dispatchId: str(e.detail.dispatchId) ?? '',
        carrier: str(e.detail.carrier) ?? '',
        at: str(e.detail.dispatchedAt) ?? e.at,
      };
      const tracking = str(e.detail.trackingNumber);
      const url = str(e.detail.trackingUrl);
      if (tracking) d.trackingNumber = tracking;
      if (url) d.trackingUrl = url;
      return d;
    });
    if (!link) {
      return { storefrontOrderId, storefrontOrderNumber: '', state: 'unknown', dispatches, canRetry: false };
    }
    const view: OrderSyncView = {
      storefrontOrderId,
      storefrontOrderNumber: link.storefrontOrderNumber,
      state: link.state,
      dispatches,
      canRetry: link.state === 'exception' || open[0]?.problem.retryable === true,
      updatedAt: link.updatedAt,
    };
    if (link.primaOrderNumber) view.primaOrderNumber = link.primaOrderNumber;
    if (link.primaState) view.primaState = link.primaState;
    if (link.primaRawStatus) view.primaRawStatus = link.primaRawStatus;
    if (link.customerCode) view.customerCode = link.customerCode;
    const lastProblem = link.lastProblem ?? open[0]?.problem;
    if (lastProblem) view.lastProblem = lastProblem;
    if (open[0]) view.openExceptionId = open[0].id;
    return view;
  }

  /** Puts an order that is not in Prima back on its way; never touches one that is (no second Prima order). */
  async function requeuePost(tenantId: string, link: OrderLink, correlationId: string): Promise<void> {
    const stored = await updateLink(ctx, tenantId, link.storefrontOrderId, (l) =>
      l.state === 'exception' ? { ...l, state: 'received', dueAt: nowIso(ctx) } : null,
    );
    if (stored?.state !== 'received' && stored?.state !== 'posting') return;
    await ctx.queue.enqueue({
      tenantId,
      type: 'post-order',
      payload: { storefrontOrderId: link.storefrontOrderId },
      dedupeKey: postOrderKey(tenantId, link.storefrontOrderId),
      correlationId,
      maxAttempts: ctx.maxAttempts,
    });
  }

  async function retryException(
    tenantId: string,
    exceptionId: string,
    by: string,
  ): Promise<ExceptionRecord | null> {
    idSchema.parse(exceptionId);
    actorSchema.parse(by);
    const ex = await ctx.store.exceptions.get(tenantId, exceptionId);
    if (!ex || ex.status === 'resolved') return ex;
    const correlationId = ex.correlationId ?? `retry:${ex.id}`;
    if (ex.subject.startsWith('order:')) {
      const id = ex.subject.slice('order:'.length);
      const link = await ctx.store.links.get(tenantId, id);
      if (link && (link.state === 'exception' || link.state === 'received' || link.state === 'posting')) {
        await requeuePost(tenantId, link, correlationId);
      } else if (link?.state === 'posted' && ex.code === 'storefront_api_error') {
        await ctx.queue.enqueue({
          tenantId,
          type: 'write-back',
          payload: { storefrontOrderId: id },
          dedupeKey: writeBackKey(tenantId, id),
          correlationId,
        });
      } else if (
        link?.state === 'posted' &&
        (ex.code === 'fulfilment_failed' || ex.code === 'reconciliation_gap')
      ) {
        await updateLink(ctx, tenantId, id, (l) => ({ ...l, nextPollAt: nowIso(ctx) }));
        await ctx.queue.enqueue({
          tenantId,
          type: 'poll-status',
          payload: {},
          dedupeKey: `poll-status:${tenantId}`,
          correlationId,
        });
      }
    } else if (ex.subject === 'stock' || ex.subject.startsWith('sku:')) {
      await ctx.queue.enqueue({
        tenantId,
        type: 'sync-stock',
        payload: {},
        dedupeKey: `sync-stock:${tenantId}`,
        correlationId,
      });
    }
    await audit(ctx, {
      tenantId,
      action: 'exception.retried',
      subject: ex.subject,
      detail: { exceptionId: ex.id, code: ex.code },
      correlationId,
      actor: by,
    });
    return ctx.store.exceptions.get(tenantId, exceptionId);
  }

  return {
    ...createOnboardingMethods(ctx),

    async handleOrderEvent(input) {
      const parsed = orderEventInputSchema.parse(input);
      return handleOrderEvent(ctx, { ...input, ...parsed, ...(input.order ? { order: input.order } : {}) });
    },

    async handleRefundEvent(input) {
      const parsed = refundEventInputSchema.parse(input);
      const { tenantId, refund, correlationId } = parsed;
      const isNew = await ctx.store.events.recordIfNew({
        tenantId,
        eventKey: parsed.eventKey,
        topic: 'refund.created',
        storefrontOrderId: refund.storefrontOrderId,
        receivedAt: nowIso(ctx),
        correlationId,
      });
      if (!isNew) {
        await audit(ctx, {
          tenantId,
          action: 'event.duplicate',
          subject: orderSubject(refund.storefrontOrderId),
          detail: { topic: 'refund' },
          correlationId,
        });
        return { accepted: false, duplicate: true };
      }
      await ctx.queue.enqueue({
        tenantId,
        type: 'refund',
        payload: { refund: input.refund as unknown as Record<string, unknown> },
        dedupeKey: refundKey(tenantId, refund.storefrontRefundId),
        correlationId,
        maxAttempts: ctx.maxAttempts,
      });
      ctx.logger.info(
        {
          tenantId,
          correlationId,
          storefrontOrderId: refund.storefrontOrderId,
          refundId: refund.storefrontRefundId,
        },
        'refund queued',
      );
      return { accepted: true, duplicate: false };
    },

    work,

    async syncStock(tenantId, opts = {}) {
      const skus = opts.skus === undefined ? undefined : stockJobPayload.parse({ skus: opts.skus }).skus;
      return syncStock(ctx, tenantId, {
        ...(skus ? { skus } : {}),
        correlationId: opts.correlationId ?? `stock:${nowIso(ctx)}`,
      });
    },

    invalidateCatalogue(tenantId) {
      ctx.catalogue.invalidate(tenantId);
    },

    async pollStatuses(tenantId, opts = {}) {
      return pollStatuses(ctx, tenantId, opts.limit);
    },

    catchUp,
    retryException,

    async resolveException(tenantId, exceptionId, by, note) {
      idSchema.parse(exceptionId);
      actorSchema.parse(by);
      noteSchema.parse(note);
      const resolved = await ctx.store.exceptions.resolve(tenantId, exceptionId, by, note, nowIso(ctx));
      if (resolved) {
        await audit(ctx, {
          tenantId,
          action: 'exception.resolved',
          subject: resolved.subject,
          detail: { exceptionId, code: resolved.code, note },
          actor: by,
          ...(resolved.correlationId ? { correlationId: resolved.correlationId } : {}),
        });
      }
      return resolved;
    },

    async repost(tenantId, storefrontOrderId, by) {
      idSchema.parse(storefrontOrderId);
      actorSchema.parse(by);
      const correlationId = `repost:${storefrontOrderId}:${nowIso(ctx)}`;
      const link = await ctx.store.links.get(tenantId, storefrontOrderId);
      await audit(ctx, {
        tenantId,
        action: 'order.repost_requested',
        subject: orderSubject(storefrontOrderId),
        detail: { state: link?.state ?? 'none' },
        correlationId,
        actor: by,
      });
      if (!link) {
        await handleOrderEvent(ctx, {
          tenantId,
          eventKey: correlationId,
          topic: 'order.poll',
          storefrontOrderId,
          correlationId,
        });
      } else if (link.state === 'exception' || link.state === 'received') {
        await requeuePost(tenantId, link, correlationId);
      }
      // Posted, posting or cancelled: nothing is sent; Prima already has it (or it is on its way).
      return orderView(tenantId, storefrontOrderId);
    },

    orderView,

    async listOrders(tenantId, filter = {}) {
      const limit = filter.limit ?? 100;
      const states = filter.state ? [filter.state] : ALL_STATES;
      const rows: OrderLink[] = [];
      for (const state of states) rows.push(...(await ctx.store.links.listByState(tenantId, state, limit)));
      return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit);
    },

    async metrics(tenantId, opts = {}) {
      const days = Math.min(Math.max(Math.trunc(opts.days ?? 7), 1), 366);
      return computeMetrics(ctx.store, ctx.queue, tenantId, ctx.clock.now(), days);
    },

    async forgetTenant(tenantId) {
      await ctx.store.links.deleteTenant(tenantId);
      await ctx.store.tenants.delete(tenantId);
      limiter.forget(tenantId);
      // Jobs still queued for the tenant find no settings or link and complete without doing anything.
      ctx.logger.info({ tenantId }, 'tenant forgotten');
    },

    async reconcileDay(tenantId, dayIso) {
      return reconcileDay(ctx, tenantIdSchema.parse(tenantId), daySchema.parse(dayIso));
    },

    async reconciliationReport(tenantId, days) {
      const n = Math.min(Math.max(Math.trunc(days), 1), 366);
      const reports = await storedReports(ctx, tenantIdSchema.parse(tenantId), n);
      return { reports, csv: reconciliationCsv(reports) };
    },

    async syncPayouts(tenantId, sinceIso) {
      return syncPayouts(ctx, tenantIdSchema.parse(tenantId), sinceSchema.parse(sinceIso));
    },

    async payoutJournals(tenantId, opts) {
      const limit = Math.min(Math.max(Math.trunc(opts?.limit ?? 100), 1), 1000);
      const payoutId =
        opts?.payoutId === undefined ? undefined : z.string().min(1).max(100).parse(opts.payoutId);
      return storedPayoutJournals(ctx, tenantIdSchema.parse(tenantId), limit, payoutId);
    },

    async checkAlerts(tenantId) {
      return { alerted: (await checkExceptionAlerts(ctx, tenantIdSchema.parse(tenantId))) !== null };
    },
  };
}
