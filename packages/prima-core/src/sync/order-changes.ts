/**
 * The apply-change job: a storefront cancellation or delivery address change for an order that is in
 * Prima (or on its way). Before the warehouse cut-off it is passed to Prima; after it, it becomes a
 * cutoff_passed exception showing Prima's status, for a person.
 */
import { addedLines, planLineCancellations, reducedLines } from '../finance/prima-lines.js';
import type { PrimaOrderState } from '../model/index.js';
import { ProblemError, problem } from '../monitor/problems.js';
import { missingAddress, missingAddressFields, toPrimaContact } from '../orders/contacts.js';
import { orderContentHash } from '../orders/content-hash.js';
import type { Job } from '../ports.js';
import type { OrderSettings } from '../settings.js';
import {
  audit,
  type EngineContext,
  orderSubject,
  raiseException,
  resolveOpen,
  transientProblem,
  updateLink,
} from './context.js';
import { applyChangePayload } from './inputs.js';
import { cutoffProblem } from './order-events.js';
import { writeBackOrEnqueue } from './post-order.js';
import { latestPrimaLines, recordPrimaLines } from './prima-lines-record.js';

const PROGRESS: Record<PrimaOrderState, number> = {
  entered: 0,
  allocated: 1,
  released: 2,
  part_despatched: 3,
  despatched: 4,
  cancelled: 5,
  unknown: 99,
};

/** True when Prima's order is at or past the configured cut-off. An unknown status counts as past: a person decides. */
export function cutoffPassed(state: PrimaOrderState, cutoff: OrderSettings['cutoffState']): boolean {
  return PROGRESS[state] >= PROGRESS[cutoff];
}

export async function runApplyChange(ctx: EngineContext, job: Job): Promise<void> {
  const { storefrontOrderId, change } = applyChangePayload.parse(job.payload);
  const { tenantId, correlationId } = job;
  const subject = orderSubject(storefrontOrderId);
  const link = await ctx.store.links.get(tenantId, storefrontOrderId);
  const settings = await ctx.store.settings.get(tenantId);
  if (!link || !settings) return;

  if (link.state === 'posting') {
    // Still on its way into Prima (usually an outage being retried): the change follows once it is there.
    throw new ProblemError(
      link.lastProblem ??
        transientProblem(`order ${link.storefrontOrderNumber} is still being sent to Prima.`),
    );
  }
  if (link.state === 'received' || link.state === 'exception') {
    if (change === 'cancel') {
      await updateLink(ctx, tenantId, storefrontOrderId, (l) =>
        l.state === 'received' || l.state === 'exception' ? { ...l, state: 'cancelled' } : null,
      );
      await resolveOpen(ctx, tenantId, subject, 'Order cancelled in the store before it reached Prima.');
    }
    // A delivery change before posting needs nothing: the post-order job reads the current order.
    return;
  }
  if (link.state === 'cancelled') return;

  const prima = await ctx.prima(tenantId, settings);
  const status = await prima.getOrderStatus(link.primaOrderNumber);
  if (!status) {
    throw new ProblemError(transientProblem(`Prima did not find order ${link.primaOrderNumber} to change.`));
  }
  if (change === 'cancel' && status.state === 'cancelled') return;
  if (cutoffPassed(status.state, settings.orders.cutoffState)) {
    const kind =
      change === 'delivery' && (await removesItems(ctx, tenantId, storefrontOrderId))
        ? 'cancel_lines'
        : change;
    await raiseException(
      ctx,
      tenantId,
      subject,
      cutoffProblem(link.storefrontOrderNumber, link.primaOrderNumber, status.rawStatus, kind),
      correlationId,
    );
    await audit(ctx, {
      tenantId,
      action: 'order.change_after_cutoff',
      subject,
      detail: { change, primaStatus: status.rawStatus },
      correlationId,
    });
    return;
  }

  const storefront = await ctx.storefront(tenantId);
  const order = await storefront.getOrder(storefrontOrderId);
  if (!order) return;

  if (change === 'cancel') {
    const result = await prima.cancelOrder(link.primaOrderNumber);
    if (!result.ok) {
      for (const p of result.problems) await raiseException(ctx, tenantId, subject, p, correlationId);
      return;
    }
    const now = ctx.clock.now().toISOString();
    const stored = await updateLink(ctx, tenantId, storefrontOrderId, (l) => {
      const next = {
        ...l,
        primaState: 'cancelled' as const,
        primaRawStatus: 'Cancelled',
        primaChangedAt: now,
        contentHash: orderContentHash(order),
      };
      delete next.nextPollAt;
      return next;
    });
    await audit(ctx, {
      tenantId,
      action: 'order.cancelled_in_prima',
      subject,
      detail: { primaOrderNumber: link.primaOrderNumber },
      correlationId,
    });
    if (stored) await writeBackOrEnqueue(ctx, stored, order, settings, correlationId);
    return;
  }

  // An edit: items removed or reduced are cancelled on Prima's lines; then the delivery address is sent.
  const record = await latestPrimaLines(ctx, tenantId, subject);
  const reduced = record ? reducedLines(record, order) : [];
  let linesCancelled = false;
  if (record && reduced.length > 0) {
    const plan = planLineCancellations(record, reduced);
    if (!plan) {
      await raiseException(
        ctx,
        tenantId,
        subject,
        problem(
          'reconciliation_gap',
          `Items were removed from order ${order.orderNumber} in the store, but the matching quantities on Prima order ${link.primaOrderNumber} could not be worked out exactly (a bundle whose parts do not divide evenly).`,
          'Cancel the removed items on the Prima order by hand, then resolve this exception.',
          { primaOrderNumber: link.primaOrderNumber },
        ),
        correlationId,
      );
      return;
    }
    const result = await prima.cancelOrder(link.primaOrderNumber, plan.cancel);
    if (!result.ok) {
      for (const p of result.problems) await raiseException(ctx, tenantId, subject, p, correlationId);
      return;
    }
    linesCancelled = true;
    await recordPrimaLines(ctx, tenantId, subject, plan.next, correlationId);
    await audit(ctx, {
      tenantId,
      action: 'order.lines_cancelled_in_prima',
      subject,
      detail: {
        primaOrderNumber: link.primaOrderNumber,
        lines: plan.cancel.map((c) => `${c.lineNo}x${c.quantity}`).join(','),
      },
      correlationId,
    });
  }

  // Send the store's current delivery address.
  const address = order.shippingAddress ?? order.billingAddress;
  const missing = address ? missingAddressFields(address) : [];
  if (!address || missing.length > 0) {
    await raiseException(
      ctx,
      tenantId,
      subject,
      missingAddress(order.orderNumber, 'delivery', missing),
      correlationId,
    );
    return;
  }
  const result = await prima.amendDelivery(link.primaOrderNumber, toPrimaContact(address, order.customer));
  if (!result.ok) {
    for (const p of result.problems) await raiseException(ctx, tenantId, subject, p, correlationId);
    return;
  }
  // Items removed (and nothing added) were passed on: the store's new total is the one Prima now owes.
  const totalFollows = linesCancelled && record !== null && addedLines(record, order).length === 0;
  await updateLink(ctx, tenantId, storefrontOrderId, (l) => ({
    ...l,
    contentHash: orderContentHash(order),
    ...(totalFollows ? { totalMinor: order.totalMinor } : {}),
  }));
  await audit(ctx, {
    tenantId,
    action: 'order.delivery_amended',
    subject,
    detail: { primaOrderNumber: link.primaOrderNumber },
    correlationId,
  });
  if (!totalFollows && order.totalMinor !== link.totalMinor) {
    // Line edits after posting are not passed on automatically (only the address is): say so.
    await raiseException(
      ctx,
      tenantId,
      subject,
      problem(
        'reconciliation_gap',
        `Order ${order.orderNumber} was edited in the store after it reached Prima: its total is now ${order.totalMinor}, Prima's order ${link.primaOrderNumber} has ${link.totalMinor} (minor units of ${order.currency}).`,
        'Change the Prima order by hand to match the store (or undo the edit in the store), then resolve this exception.',
        {
          primaOrderNumber: link.primaOrderNumber,
          storeTotalMinor: order.totalMinor,
          primaTotalMinor: link.totalMinor,
        },
      ),
      correlationId,
    );
  }
}

/** Whether the store's current order has fewer items than Prima holds (for a clearer cut-off message). */
async function removesItems(
  ctx: EngineContext,
  tenantId: string,
  storefrontOrderId: string,
): Promise<boolean> {
  const record = await latestPrimaLines(ctx, tenantId, orderSubject(storefrontOrderId));
  if (!record) return false;
  const order = await (await ctx.storefront(tenantId)).getOrder(storefrontOrderId);
  return order !== null && reducedLines(record, order).length > 0;
}
