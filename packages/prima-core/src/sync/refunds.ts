/** The refund job: a storefront refund becomes a Prima credit note, or a clear job for finance. */
import { type CreditHistory, creditNoteForRefund } from '../finance/credit-note.js';
import { type PostedOrderRecord, recordFromPosted } from '../finance/prima-lines.js';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import type { Order } from '../model/index.js';
import { ProblemError, problem } from '../monitor/problems.js';
import { buildPrimaOrder } from '../orders/build-order.js';
import type { AuditEntry, Job, OrderLink } from '../ports.js';
import type { Settings } from '../settings.js';
import { audit, type EngineContext, orderSubject, raiseException, transientProblem } from './context.js';
import { refundJobPayload } from './inputs.js';
import { latestPrimaLines } from './prima-lines-record.js';

export const refundKey = (tenantId: string, refundId: string) => `refund:${tenantId}:${refundId}`;

export async function runRefund(ctx: EngineContext, job: Job): Promise<void> {
  const { refund } = refundJobPayload.parse(job.payload);
  const { tenantId, correlationId } = job;
  const subject = orderSubject(refund.storefrontOrderId);
  const settings = await ctx.store.settings.get(tenantId);
  if (!settings) return;
  const link = await ctx.store.links.get(tenantId, refund.storefrontOrderId);
  if (link?.state === 'posting') {
    throw new ProblemError(
      link.lastProblem ??
        transientProblem(`order ${link.storefrontOrderNumber} is still being sent to Prima.`),
    );
  }
  if (link?.state !== 'posted') {
    const why = !link ? 'the order was never sent to Prima' : `the order is not in Prima (${link.state})`;
    await raiseException(
      ctx,
      tenantId,
      subject,
      problem(
        'credit_note_manual',
        `Refund ${refund.storefrontRefundId} (${refund.amountMinor} minor units of ${refund.currency}) was not credited in Prima: ${why}.`,
        'If the order reaches Prima later, raise the credit note there by hand; otherwise nothing is needed in Prima. Then resolve this exception.',
        { refundId: refund.storefrontRefundId, amountMinor: refund.amountMinor, currency: refund.currency },
      ),
      correlationId,
    );
    return;
  }

  // A redelivered refund event after the job finished must not make a second credit note.
  const done = await ctx.store.audit.list(tenantId, { subject, action: 'refund.credit_note' });
  if (done.some((e) => e.detail.refundId === refund.storefrontRefundId)) return;

  const order = await (await ctx.storefront(tenantId)).getOrder(refund.storefrontOrderId);
  const record =
    (await latestPrimaLines(ctx, tenantId, subject)) ??
    (await rebuiltRecord(ctx, tenantId, link, order, settings));
  const plan = creditNoteForRefund(
    refund,
    {
      primaOrderNumber: link.primaOrderNumber,
      storefrontOrderNumber: link.storefrontOrderNumber,
      paidMinor: link.totalMinor,
    },
    record,
    order,
    settings,
    creditHistory(done),
  );
  if (!plan.ok) {
    for (const p of plan.problems) await raiseException(ctx, tenantId, subject, p, correlationId);
    await audit(ctx, {
      tenantId,
      action: 'refund.manual',
      subject,
      detail: { refundId: refund.storefrontRefundId, amountMinor: refund.amountMinor },
      correlationId,
    });
    return;
  }
  const request = { value: plan.value.request };
  const prima = await ctx.prima(tenantId, settings);
  const result = await prima.createCreditNote(request.value);
  if (!result.ok) {
    const said = result.problems.map((p) => p.message).join(' ');
    await raiseException(
      ctx,
      tenantId,
      subject,
      problem(
        'credit_note_manual',
        `Prima did not accept the credit note for refund ${refund.storefrontRefundId} of order ${link.storefrontOrderNumber}: ${said}`,
        `Raise a credit note in Prima by hand against order ${link.primaOrderNumber} for ${refund.amountMinor} minor units of ${refund.currency}, then resolve this exception.`,
        {
          refundId: refund.storefrontRefundId,
          primaOrderNumber: link.primaOrderNumber,
          amountMinor: refund.amountMinor,
        },
      ),
      correlationId,
    );
    await audit(ctx, {
      tenantId,
      action: 'refund.manual',
      subject,
      detail: { refundId: refund.storefrontRefundId, amountMinor: refund.amountMinor },
      correlationId,
    });
    return;
  }
  await audit(ctx, {
    tenantId,
    action: 'refund.credit_note',
    subject,
    detail: {
      refundId: refund.storefrontRefundId,
      primaOrderNumber: link.primaOrderNumber,
      creditReference: request.value.creditReference,
      primaReference: result.reference ?? null,
      totalMinor: request.value.totalMinor,
      currency: request.value.currency,
      byLine: JSON.stringify(plan.value.creditedByLine),
    },
    correlationId,
  });
  ctx.logger.info(
    {
      tenantId,
      storefrontOrderId: refund.storefrontOrderId,
      correlationId,
      primaReference: result.reference,
    },
    'credit note created',
  );
}

/** What earlier credit notes of this order gave back, from their audit entries. */
export function creditHistory(entries: AuditEntry[]): CreditHistory {
  const history: CreditHistory = { totalMinor: 0, byLine: {} };
  for (const e of entries) {
    if (typeof e.detail.totalMinor === 'number') history.totalMinor += e.detail.totalMinor;
    if (typeof e.detail.byLine !== 'string') continue;
    try {
      const byLine: unknown = JSON.parse(e.detail.byLine);
      if (typeof byLine !== 'object' || byLine === null) continue;
      for (const [id, v] of Object.entries(byLine))
        if (typeof v === 'number') history.byLine[id] = (history.byLine[id] ?? 0) + v;
    } catch {
      // An unreadable entry only loses the per-line cap for it; the order-level cap still holds.
    }
  }
  return history;
}

/**
 * Orders posted before Prima's lines were recorded: rebuild the Prima order from the store's order as it
 * is now (the builder is deterministic, so unchanged orders give the same line numbers).
 */
async function rebuiltRecord(
  ctx: EngineContext,
  tenantId: string,
  link: OrderLink,
  order: Order | null,
  settings: Settings,
): Promise<PostedOrderRecord | null> {
  if (!order) return null;
  const resolver = createSkuResolver(await ctx.store.mappings.list(tenantId), settings.maps.pattern);
  const built = buildPrimaOrder(order, { settings, resolver });
  return built.ok
    ? recordFromPosted(order, { ...built.value.order, orderNumber: link.primaOrderNumber })
    : null;
}
