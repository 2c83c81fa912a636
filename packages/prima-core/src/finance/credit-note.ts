/**
 * A storefront refund as a Prima credit note against the original Prima order. Minimal on purpose: only
 * refunds that are fully itemised (refunded lines + shipping == the amount returned) are built; anything
 * else (goodwill amounts, bundles, unmapped SKUs, an unmapped shipping method) is a credit_note_manual
 * Problem that tells finance what to enter in Prima by hand.
 */

import { mapShippingMethod } from '../mapping/maps.js';
import type { SkuResolver } from '../mapping/sku-resolver.js';
import type { Order, Refund } from '../model/index.js';
import { fail, ok, type Problem, problem, type Result } from '../monitor/problems.js';
import type { PrimaCreditNoteRequest } from '../ports.js';
import type { Settings } from '../settings.js';

/** Deterministic per refund: a retried refund job names the same credit note. */
export const creditReference = (refund: Refund) =>
  `R${refund.storefrontRefundId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 20);

function manual(refund: Refund, orderNumber: string, primaNumber: string, why: string): Problem {
  return problem(
    'credit_note_manual',
    `Refund ${refund.storefrontRefundId} of order ${orderNumber} (${refund.amountMinor} minor units of ${refund.currency}) was not turned into a Prima credit note: ${why}.`,
    `Raise a credit note in Prima by hand against order ${primaNumber} for the refunded amount, then resolve this exception.`,
    {
      refundId: refund.storefrontRefundId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      primaOrderNumber: primaNumber,
    },
  );
}

export function creditNoteForRefund(
  refund: Refund,
  target: { primaOrderNumber: string; storefrontOrderNumber: string },
  order: Order | null,
  settings: Settings,
  resolver: SkuResolver,
): Result<PrimaCreditNoteRequest> {
  const no = (why: string) =>
    fail<PrimaCreditNoteRequest>(manual(refund, target.storefrontOrderNumber, target.primaOrderNumber, why));
  if (refund.lines.length === 0 && refund.shippingMinor === 0)
    return no('it names no refunded items or shipping (an amount-only refund)');

  const lines: PrimaCreditNoteRequest['lines'] = [];
  for (const [i, line] of refund.lines.entries()) {
    const resolved = resolver.resolve(line.sku);
    if (!resolved.ok) return no(`SKU "${line.sku}" is not mapped to a Prima item`);
    if (resolved.value.kind === 'bundle')
      return no(`SKU "${line.sku}" is a bundle, and a bundle's refund cannot be split automatically`);
    lines.push({
      lineNo: i + 1,
      item: resolved.value.item,
      quantity: line.quantity,
      amountMinor: line.amountMinor,
      restock: line.restock,
    });
  }

  const charges: PrimaCreditNoteRequest['charges'] = [];
  if (refund.shippingMinor > 0) {
    const method = order?.charges.find((c) => c.kind === 'shipping');
    const mapped = method ? mapShippingMethod(method.code, settings.maps.shipping) : null;
    const code = mapped?.ok ? mapped.value.charge : null;
    if (!code) return no('the refunded shipping has no Prima charge code');
    charges.push({ code, amountMinor: refund.shippingMinor });
  }

  const itemised =
    lines.reduce((s, l) => s + l.amountMinor, 0) + charges.reduce((s, c) => s + c.amountMinor, 0);
  if (itemised !== refund.amountMinor) {
    return no(
      `the refunded items and shipping add up to ${itemised}, not the ${refund.amountMinor} returned to the customer`,
    );
  }
  return ok({
    orderNumber: target.primaOrderNumber,
    creditReference: creditReference(refund),
    currency: refund.currency,
    lines,
    charges,
    totalMinor: refund.amountMinor,
    reason: (refund.reason ?? 'Storefront refund').slice(0, 200),
  });
}
