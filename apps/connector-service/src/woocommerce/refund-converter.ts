/**
 * A WooCommerce refund (GET /orders/{id}/refunds) as prima-core's canonical Refund. WooCommerce reports
 * refunded lines with negative quantities and amounts, and links each to the order line it refunds through
 * the `_refunded_item_id` meta; line amounts follow the order's tax basis, like the canonical order lines.
 * WooCommerce's read shape does not say whether items went back to stock ("restock" is a write-only
 * request flag), so lines are marked restock = true, the admin screen's default.
 */
import { fail, ok, type Problem, parseMinor, type Refund, type Result } from '@prima-connect/prima-core';
import { wooGmtToIso } from './order-converter.js';
import { wooRefundSchema } from './schemas.js';

export function convertWooRefund(
  order: { storefrontOrderId: string; currency: string; pricesIncludeTax: boolean },
  payload: unknown,
): Result<Refund> {
  const parsed = wooRefundSchema.safeParse(payload);
  if (!parsed.success) {
    return fail({
      code: 'invalid_order',
      message: `A refund on WooCommerce order ${order.storefrontOrderId} could not be read.`,
      action: 'Check the refund in WooCommerce; if it looks right, report it to support.',
      retryable: false,
    });
  }
  const r = parsed.data;
  const problems: Problem[] = [];
  const amount = (v: string | number, label: string) => {
    const res = parseMinor(v, order.currency, { rounding: 'half_up', label: `Refund ${r.id}: ${label}` });
    if (res.ok) return Math.abs(res.value);
    problems.push(...res.problems);
    return 0;
  };
  const lines = r.line_items
    .filter((l) => l.quantity !== 0)
    .map((l) => {
      const refundedItem = l.meta_data.find((m) => m.key === '_refunded_item_id')?.value;
      const net = amount(l.total, 'line total');
      const tax = amount(l.total_tax, 'line tax');
      return {
        lineId: refundedItem !== undefined && refundedItem !== null ? String(refundedItem) : String(l.id),
        sku: (l.sku ?? '').trim(),
        quantity: Math.abs(l.quantity),
        amountMinor: order.pricesIncludeTax ? net + tax : net,
        restock: true,
      };
    });
  const shippingMinor = r.shipping_lines.reduce((a, s) => {
    const net = amount(s.total, 'shipping');
    return a + (order.pricesIncludeTax ? net + amount(s.total_tax, 'shipping tax') : net);
  }, 0);
  const amountMinor = amount(r.amount, 'amount');
  if (problems.length > 0) return { ok: false, problems };
  return ok({
    platform: 'woocommerce',
    storefrontOrderId: order.storefrontOrderId,
    storefrontRefundId: String(r.id),
    createdAt: wooGmtToIso(r.date_created_gmt) ?? new Date(0).toISOString(),
    currency: order.currency,
    amountMinor,
    ...(r.reason ? { reason: r.reason } : {}),
    lines,
    shippingMinor,
  });
}
