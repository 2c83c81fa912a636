/**
 * The post-order job: one storefront order becomes exactly one Prima sales order.
 *
 * Exactly-once rests on three things: the Prima order number is deterministic (set on the link before
 * anything is sent); a retry that may follow an attempt which reached Prima asks Prima first
 * (OrderStatus) instead of sending again; and Prima's own E:21 ("already exists") is verified and
 * treated as posted, never as a failure.
 */

import { recordFromPosted } from '../finance/prima-lines.js';
import { storefrontStatusFor } from '../mapping/maps.js';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import type { Order, PrimaOrderStatus, PrimaSalesOrder } from '../model/index.js';
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import { buildPrimaOrder } from '../orders/build-order.js';
import { orderContentHash } from '../orders/content-hash.js';
import type { Job, OrderLink, WriteBack } from '../ports.js';
import type { Settings } from '../settings.js';
import {
  audit,
  type EngineContext,
  orderSubject,
  raiseException,
  resolveOpen,
  transientProblem,
  updateLink,
} from './context.js';
import { orderJobPayload } from './inputs.js';
import { changeKey } from './order-events.js';
import { nextPollAt, pollStepsOf } from './poll-schedule.js';
import { recordPrimaLines } from './prima-lines-record.js';

export const writeBackKey = (tenantId: string, storefrontOrderId: string) =>
  `write-back:${tenantId}:${storefrontOrderId}`;

export async function runPostOrder(ctx: EngineContext, job: Job): Promise<void> {
  const { storefrontOrderId } = orderJobPayload.parse(job.payload);
  const { tenantId, correlationId } = job;
  const log = ctx.logger.child({ tenantId, storefrontOrderId, correlationId, jobId: job.id });
  const subject = orderSubject(storefrontOrderId);

  let link = await ctx.store.links.get(tenantId, storefrontOrderId);
  if (!link || (link.state !== 'received' && link.state !== 'posting')) {
    log.info({ state: link?.state ?? 'none' }, 'post-order: nothing to do');
    return;
  }
  const settings = await ctx.store.settings.get(tenantId);
  if (!settings) return;
  if (!settings.orders.postingEnabled && link.state === 'received') {
    // Posting paused by the merchant: the order waits; catch-up picks it up once posting is on again.
    log.info({}, 'posting is switched off: order left waiting');
    return;
  }
  const storefront = await ctx.storefront(tenantId);

  // Always the store's current version: edits made during the hold window must reach Prima.
  const order = await storefront.getOrder(storefrontOrderId);
  if (!order) {
    await quarantine(
      ctx,
      link,
      [
        problem(
          'invalid_order',
          `Order ${link.storefrontOrderNumber} could not be found in the store any more.`,
          'Check whether the order was deleted. If it should be in Prima, enter it by hand, then resolve this exception.',
        ),
      ],
      correlationId,
    );
    return;
  }
  if (order.cancelledAt !== undefined) {
    if (link.state === 'posting' || link.attempts > 0) {
      // An earlier attempt may have reached Prima: if it did, the order is Prima's to cancel.
      const status = await (await ctx.prima(tenantId, settings)).getOrderStatus(link.primaOrderNumber);
      if (status) {
        await markPosted(ctx, {
          link,
          order,
          settings,
          status,
          customerCode: undefined,
          how: 'verified',
          correlationId,
          adjustments: [],
        });
        await ctx.queue.enqueue({
          tenantId,
          type: 'apply-change',
          payload: { storefrontOrderId, change: 'cancel' },
          dedupeKey: changeKey(tenantId, storefrontOrderId, 'cancel'),
          correlationId,
          maxAttempts: ctx.maxAttempts,
        });
        return;
      }
    }
    await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
      l.state === 'received' || l.state === 'posting' ? { ...l, state: 'cancelled' } : null,
    );
    await audit(ctx, {
      tenantId,
      action: 'order.cancelled_before_prima',
      subject,
      detail: {},
      correlationId,
    });
    return;
  }

  const resolver = createSkuResolver(await ctx.store.mappings.list(tenantId), settings.maps.pattern);
  const built = buildPrimaOrder(order, { settings, resolver });
  if (!built.ok) {
    await quarantine(ctx, link, built.problems, correlationId, order, settings);
    return;
  }
  // The number fixed on the link wins over one recomputed from settings changed since.
  const primaOrder = { ...built.value.order, orderNumber: link.primaOrderNumber };

  const mayHaveReachedPrima = link.state === 'posting' || link.attempts > 0;
  link = await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
    l.state === 'received' || l.state === 'posting'
      ? { ...l, state: 'posting', attempts: l.attempts + 1 }
      : null,
  );
  if (link?.state !== 'posting') return;

  const prima = await ctx.prima(tenantId, settings);
  const posted = (status: PrimaOrderStatus | null, customerCode: string | undefined, how: string) =>
    markPosted(ctx, {
      link: link as OrderLink,
      order,
      settings,
      status,
      customerCode,
      how,
      correlationId,
      adjustments: built.value.adjustments,
      posted: primaOrder,
    });
  try {
    if (mayHaveReachedPrima) {
      const status = await prima.getOrderStatus(link.primaOrderNumber);
      if (status) {
        log.info(
          { primaOrderNumber: link.primaOrderNumber },
          'already in Prima (earlier attempt): not sent again',
        );
        await posted(status, undefined, 'verified');
        return;
      }
    }
    log.info(
      { primaOrderNumber: primaOrder.orderNumber, lines: primaOrder.lines.length, attempt: link.attempts },
      'sending order to Prima',
    );
    const sentAt = Date.now(); // wall time on purpose: how long Prima took, for the log only
    const results = await prima.postOrders([primaOrder]);
    const result =
      results.find((r) => r.orderNumber === primaOrder.orderNumber) ??
      (results.length === 1 ? results[0] : undefined);
    if (!result)
      throw new ProblemError(
        transientProblem(`Prima's reply did not mention order ${primaOrder.orderNumber}.`),
      );
    log.info(
      { primaOrderNumber: primaOrder.orderNumber, outcome: result.outcome, primaMs: Date.now() - sentAt },
      'Prima replied',
    );
    switch (result.outcome) {
      case 'accepted':
        await posted(null, result.customerCode, 'accepted');
        return;
      case 'duplicate': {
        // E:21: Prima already holds this number. Verify it is there, then it is ours and posted.
        const status = await prima.getOrderStatus(primaOrder.orderNumber);
        if (status) {
          await posted(status, undefined, 'duplicate_verified');
          return;
        }
        throw new ProblemError({ ...result.problem, retryable: true });
      }
      case 'rejected':
        await quarantine(ctx, link, result.problems, correlationId, order, settings);
        return;
    }
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code === 'prima_unreachable') {
      await raiseException(ctx, tenantId, subject, error.problem, correlationId);
      await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
        l.state === 'posting' ? { ...l, lastProblem: error.problem } : null,
      );
    }
    throw error;
  }
}

interface MarkPosted {
  link: OrderLink;
  order: Order;
  settings: Settings;
  status: PrimaOrderStatus | null;
  customerCode: string | undefined;
  how: string;
  correlationId: string;
  adjustments: { kind: string; amountMinor: number; note: string }[];
  /** The Prima order as built for this attempt: its lines are recorded for cancellations and credit notes. */
  posted?: PrimaSalesOrder;
}

async function markPosted(ctx: EngineContext, m: MarkPosted): Promise<void> {
  const { tenantId, storefrontOrderId } = m.link;
  const subject = orderSubject(storefrontOrderId);
  const now = ctx.clock.now();
  const state = m.status?.state ?? 'entered';
  const stored = await updateLink(ctx, tenantId, storefrontOrderId, (l) => {
    const next: OrderLink = {
      ...l,
      state: 'posted',
      postedAt: l.postedAt ?? now.toISOString(),
      primaState: state,
      primaRawStatus: m.status?.rawStatus ?? l.primaRawStatus ?? 'Entered',
      primaChangedAt: now.toISOString(),
      contentHash: orderContentHash(m.order),
      totalMinor: m.order.totalMinor,
    };
    const poll = nextPollAt(state, now, now, pollStepsOf(m.settings));
    if (poll) next.nextPollAt = poll;
    else delete next.nextPollAt;
    const customerCode = m.customerCode ?? l.customerCode;
    if (customerCode) next.customerCode = customerCode;
    delete next.lastProblem;
    return next;
  });
  if (!stored) return;
  await resolveOpen(ctx, tenantId, subject, `Order is in Prima as ${stored.primaOrderNumber}.`);
  await audit(ctx, {
    tenantId,
    action: 'order.posted',
    subject,
    detail: {
      primaOrderNumber: stored.primaOrderNumber,
      how: m.how,
      attempts: stored.attempts,
      totalMinor: m.order.totalMinor,
      currency: m.order.currency,
      customerCode: stored.customerCode ?? null,
    },
    correlationId: m.correlationId,
  });
  if (m.posted)
    await recordPrimaLines(ctx, tenantId, subject, recordFromPosted(m.order, m.posted), m.correlationId);
  for (const adj of m.adjustments) {
    await audit(ctx, {
      tenantId,
      action: 'order.money_adjusted',
      subject,
      detail: { ...adj, primaOrderNumber: stored.primaOrderNumber },
      correlationId: m.correlationId,
    });
  }
  ctx.logger.info(
    {
      tenantId,
      storefrontOrderId,
      correlationId: m.correlationId,
      primaOrderNumber: stored.primaOrderNumber,
      how: m.how,
    },
    'order posted',
  );
  await writeBackOrEnqueue(ctx, stored, m.order, m.settings, m.correlationId);
}

/** What staff see on the storefront order for a link. */
export function writeBackInfo(link: OrderLink, settings: Settings): WriteBack {
  if (link.state === 'exception') {
    return { status: 'Needs attention', ...(link.lastProblem ? { message: link.lastProblem.message } : {}) };
  }
  if (link.state !== 'posted')
    return { status: link.state === 'cancelled' ? 'Cancelled' : 'Waiting for Prima' };
  const raw = link.primaRawStatus ?? '';
  const fallback =
    link.primaState === 'despatched'
      ? 'Despatched'
      : link.primaState === 'part_despatched'
        ? 'Part despatched'
        : link.primaState === 'cancelled'
          ? 'Cancelled in Prima'
          : 'In Prima';
  // The merchant's status map wins; unmapped Prima texts show as our plain words, the raw text rides along.
  const mapped = raw ? storefrontStatusFor(raw, settings.maps.status, fallback) : fallback;
  const status = mapped === raw.trim() ? fallback : mapped;
  return { primaOrderNumber: link.primaOrderNumber, status, ...(raw ? { primaStatus: raw } : {}) };
}

/**
 * Writes the link's status onto the storefront order. A store that refuses does not undo the posting:
 * the order stays posted, a storefront_api_error exception says so, and a write-back job retries.
 */
export async function writeBackOrEnqueue(
  ctx: EngineContext,
  link: OrderLink,
  order: Order,
  settings: Settings,
  correlationId: string,
): Promise<boolean> {
  const storefront = await ctx.storefront(link.tenantId);
  try {
    await storefront.writeBack(order, writeBackInfo(link, settings));
    return true;
  } catch (error) {
    const why = error instanceof ProblemError ? error.problem.message : String(error);
    await raiseException(
      ctx,
      link.tenantId,
      orderSubject(link.storefrontOrderId),
      problem(
        'storefront_api_error',
        `Order ${link.storefrontOrderNumber} is in Prima as ${link.primaOrderNumber}, but the store did not accept the status note: ${why}`,
        'Nothing to do if it passes: the connector retries the note. If it lasts, check the store connection.',
        { primaOrderNumber: link.primaOrderNumber },
      ),
      correlationId,
    );
    await ctx.queue.enqueue({
      tenantId: link.tenantId,
      type: 'write-back',
      payload: { storefrontOrderId: link.storefrontOrderId },
      dedupeKey: writeBackKey(link.tenantId, link.storefrontOrderId),
      runAt: new Date(ctx.clock.now().getTime() + ctx.backoff.baseMs),
      correlationId,
      maxAttempts: ctx.maxAttempts,
    });
    return false;
  }
}

/** The write-back job: retries a status note the store refused. */
export async function runWriteBack(ctx: EngineContext, job: Job): Promise<void> {
  const { storefrontOrderId } = orderJobPayload.parse(job.payload);
  const link = await ctx.store.links.get(job.tenantId, storefrontOrderId);
  const settings = await ctx.store.settings.get(job.tenantId);
  if (!link || !settings) return;
  const storefront = await ctx.storefront(job.tenantId);
  const order = await storefront.getOrder(storefrontOrderId);
  if (!order) return;
  await storefront.writeBack(order, writeBackInfo(link, settings));
  await resolveOpen(
    ctx,
    job.tenantId,
    orderSubject(storefrontOrderId),
    'The store accepted the status note.',
    ['storefront_api_error'],
  );
}

/**
 * The order needs a person: one exception per problem code (several unmapped SKUs make one exception
 * naming them all), the link in 'exception', and "Needs attention" on the storefront order.
 */
export async function quarantine(
  ctx: EngineContext,
  link: OrderLink,
  problems: Problem[],
  correlationId: string,
  order?: Order,
  settings?: Settings,
): Promise<void> {
  const { tenantId, storefrontOrderId } = link;
  const subject = orderSubject(storefrontOrderId);
  const byCode = new Map<Problem['code'], Problem[]>();
  for (const p of problems) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  const merged: Problem[] = [];
  for (const group of byCode.values()) {
    const first = group[0] as Problem;
    merged.push(group.length === 1 ? first : { ...first, message: group.map((p) => p.message).join(' ') });
  }
  for (const p of merged) await raiseException(ctx, tenantId, subject, p, correlationId);
  const stored = await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
    l.state === 'posted' || l.state === 'cancelled'
      ? null
      : { ...l, state: 'exception', lastProblem: merged[0] as Problem },
  );
  await audit(ctx, {
    tenantId,
    action: 'order.quarantined',
    subject,
    detail: { codes: merged.map((p) => p.code).join(',') },
    correlationId,
  });
  ctx.logger.warn(
    { tenantId, storefrontOrderId, correlationId, codes: merged.map((p) => p.code) },
    'order needs attention',
  );
  if (stored?.state === 'exception' && order && settings) {
    try {
      await (await ctx.storefront(tenantId)).writeBack(order, writeBackInfo(stored, settings));
    } catch (error) {
      // The exception list already shows the order; a missing note on the store is secondary.
      ctx.logger.warn(
        { tenantId, storefrontOrderId, err: String(error) },
        'could not mark the store order as needing attention',
      );
    }
  }
}
