/**
 * Storefront order events: dedupe, trigger, link, enqueue. Answers fast (the host is inside a webhook
 * request); the work itself happens in the post-order and apply-change jobs.
 */
import type { OrderEventInput } from '../engine-api.js';
import type { FinancialStatus, Order } from '../model/index.js';
import { problem } from '../monitor/problems.js';
import { orderContentHash } from '../orders/content-hash.js';
import { primaOrderNumber } from '../orders/order-number.js';
import type { OrderSettings } from '../settings.js';
import {
  audit,
  type EngineContext,
  nowIso,
  orderSubject,
  raiseException,
  resolveOpen,
  updateLink,
} from './context.js';
import { heldLinesOf } from './held-stock.js';

export type OrderEventResult = { accepted: boolean; duplicate: boolean; ignoredReason?: string };

const TRIGGER_STATUSES: Record<OrderSettings['trigger'], ReadonlySet<FinancialStatus>> = {
  paid: new Set(['paid', 'partially_refunded']),
  authorized: new Set(['authorized', 'paid', 'partially_paid', 'partially_refunded']),
  created: new Set(['pending', 'authorized', 'paid', 'partially_paid', 'partially_refunded']),
};

/** Whether the order has reached the point at which the merchant wants it in Prima. */
export function triggerReached(trigger: OrderSettings['trigger'], status: FinancialStatus): boolean {
  return TRIGGER_STATUSES[trigger].has(status);
}

export const postOrderKey = (tenantId: string, storefrontOrderId: string) =>
  `post-order:${tenantId}:${storefrontOrderId}`;
export const changeKey = (tenantId: string, storefrontOrderId: string, change: string) =>
  `apply-change:${tenantId}:${storefrontOrderId}:${change}`;

const ignored = (reason: string): OrderEventResult => ({
  accepted: false,
  duplicate: false,
  ignoredReason: reason,
});

export async function handleOrderEvent(
  ctx: EngineContext,
  input: OrderEventInput,
): Promise<OrderEventResult> {
  const { tenantId, storefrontOrderId, correlationId } = input;
  const log = ctx.logger.child({
    tenantId,
    storefrontOrderId,
    correlationId,
    eventKey: input.eventKey,
    topic: input.topic,
  });
  // Read first, record second: if loading the order fails, the platform's redelivery of this event must
  // not be mistaken for a duplicate.
  const settings = await ctx.store.settings.get(tenantId);
  let order: Order | null = input.order ?? null;
  if (settings && !order) order = await (await ctx.storefront(tenantId)).getOrder(storefrontOrderId);

  const isNew = await ctx.store.events.recordIfNew({
    tenantId,
    eventKey: input.eventKey,
    topic: input.topic,
    storefrontOrderId,
    receivedAt: nowIso(ctx),
    correlationId,
  });
  if (!isNew) {
    // Counted for the duplicate-rate metric; the platform delivered this event before.
    await audit(ctx, {
      tenantId,
      action: 'event.duplicate',
      subject: orderSubject(storefrontOrderId),
      detail: { topic: input.topic },
      correlationId,
    });
    log.info({}, 'duplicate event ignored');
    return { accepted: false, duplicate: true };
  }
  if (!settings) return ignored('not_configured');
  if (!order) return ignored('order_not_found');

  const link = await ctx.store.links.get(tenantId, storefrontOrderId);
  const cancelled = input.topic === 'order.cancelled' || order.cancelledAt !== undefined;

  if (!link) {
    if (cancelled) return ignored('cancelled_before_prima');
    if (!settings.orders.postingEnabled) return ignored('posting_disabled');
    if (!triggerReached(settings.orders.trigger, order.financialStatus))
      return ignored('trigger_not_reached');
    const number = primaOrderNumber(
      settings.orders.orderNumberPrefix,
      order.orderNumber,
      settings.orders.orderNumberMaxLength,
    );
    const now = ctx.clock.now();
    const dueAt = new Date(now.getTime() + settings.orders.holdWindowMinutes * 60_000);
    const { link: created, created: isCreated } = await ctx.store.links.createIfAbsent({
      tenantId,
      platform: order.platform,
      storefrontOrderId,
      storefrontOrderNumber: order.orderNumber,
      // An order whose number cannot be made a Prima number still gets a link, so the problem is visible.
      primaOrderNumber: number.ok ? number.value : '',
      state: number.ok ? 'received' : 'exception',
      currency: order.currency,
      totalMinor: order.totalMinor,
      attempts: 0,
      appliedDispatches: [],
      contentHash: orderContentHash(order),
      heldLines: heldLinesOf(order),
      receivedAt: now.toISOString(),
      dueAt: dueAt.toISOString(),
      updatedAt: now.toISOString(),
      ...(number.ok ? {} : { lastProblem: number.problems[0] }),
    });
    if (!isCreated) return { accepted: true, duplicate: false, ignoredReason: 'already_linked' };
    if (!number.ok) {
      for (const p of number.problems)
        await raiseException(ctx, tenantId, orderSubject(storefrontOrderId), p, correlationId);
      return { accepted: true, duplicate: false, ignoredReason: 'needs_attention' };
    }
    await ctx.queue.enqueue({
      tenantId,
      type: 'post-order',
      payload: { storefrontOrderId },
      dedupeKey: postOrderKey(tenantId, storefrontOrderId),
      runAt: dueAt,
      correlationId,
      maxAttempts: ctx.maxAttempts,
    });
    await audit(ctx, {
      tenantId,
      action: 'order.received',
      subject: orderSubject(storefrontOrderId),
      detail: {
        primaOrderNumber: created.primaOrderNumber,
        dueAt: created.dueAt,
        totalMinor: order.totalMinor,
        currency: order.currency,
      },
      correlationId,
    });
    log.info({ primaOrderNumber: created.primaOrderNumber, dueAt: created.dueAt }, 'order linked and queued');
    return { accepted: true, duplicate: false };
  }

  if (cancelled) return handleCancellation(ctx, input, link.state);

  // Our own write-backs come back as "order updated" with the same content: nothing to do.
  const hash = orderContentHash(order);
  if (link.contentHash === hash) return ignored('no_change');

  switch (link.state) {
    case 'received':
    case 'exception':
      // Not in Prima yet: the post-order job reloads the order, so the edit is picked up there.
      await updateLink(ctx, tenantId, storefrontOrderId, (l) => ({
        ...l,
        contentHash: hash,
        totalMinor: order.totalMinor,
        heldLines: heldLinesOf(order),
      }));
      return { accepted: true, duplicate: false };
    case 'posting':
    case 'posted':
      await ctx.queue.enqueue({
        tenantId,
        type: 'apply-change',
        payload: { storefrontOrderId, change: 'delivery' },
        dedupeKey: changeKey(tenantId, storefrontOrderId, 'delivery'),
        correlationId,
        maxAttempts: ctx.maxAttempts,
      });
      return { accepted: true, duplicate: false };
    case 'cancelled':
      return ignored('cancelled');
  }
}

async function handleCancellation(
  ctx: EngineContext,
  input: OrderEventInput,
  state: string,
): Promise<OrderEventResult> {
  const { tenantId, storefrontOrderId, correlationId } = input;
  if (state === 'cancelled') return ignored('already_cancelled');
  if (state === 'received' || state === 'exception') {
    // Never reached Prima: cancel the link; the queued post-order job sees it and does nothing.
    const updated = await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
      l.state === 'received' || l.state === 'exception' ? { ...l, state: 'cancelled' } : null,
    );
    if (updated?.state === 'cancelled') {
      await resolveOpen(
        ctx,
        tenantId,
        orderSubject(storefrontOrderId),
        'Order cancelled in the store before it reached Prima.',
      );
      await audit(ctx, {
        tenantId,
        action: 'order.cancelled_before_prima',
        subject: orderSubject(storefrontOrderId),
        detail: {},
        correlationId,
      });
      return { accepted: true, duplicate: false };
    }
  }
  // In Prima (or on its way): pass the cancellation on, if the warehouse cut-off allows.
  await ctx.queue.enqueue({
    tenantId,
    type: 'apply-change',
    payload: { storefrontOrderId, change: 'cancel' },
    dedupeKey: changeKey(tenantId, storefrontOrderId, 'cancel'),
    correlationId,
    maxAttempts: ctx.maxAttempts,
  });
  return { accepted: true, duplicate: false };
}

/** The Problem shown when a storefront change reaches an order Prima has already released. */
export function cutoffProblem(
  orderNumber: string,
  primaNumber: string,
  rawStatus: string,
  change: 'cancel' | 'delivery' | 'cancel_lines',
) {
  // An edit is only known to have changed the order's content (address, items or amounts), not which part,
  // unless items were removed: then it says so.
  const what =
    change === 'cancel'
      ? 'cancellation'
      : change === 'cancel_lines'
        ? 'removal of items'
        : 'change (delivery address, items or amounts)';
  return problem(
    'cutoff_passed',
    `The ${what} of order ${orderNumber} arrived after the warehouse cut-off: Prima order ${primaNumber} is "${rawStatus}".`,
    change === 'cancel'
      ? 'Ask the warehouse whether the parcel can still be stopped; otherwise treat it as a return. Then resolve this exception.'
      : change === 'cancel_lines'
        ? 'Ask the warehouse whether the removed items can still be taken out of the parcel; otherwise treat them as a return when they come back. Then resolve this exception.'
        : 'Compare the store order with the Prima order; tell the warehouse or the carrier about a new address by hand, then resolve this exception.',
    { primaOrderNumber: primaNumber, primaStatus: rawStatus, change },
  );
}
