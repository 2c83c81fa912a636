/**
 * The one place a WooCommerce order payload becomes prima-core's canonical Order.
 *
 * WooCommerce facts this relies on (REST.md): money arrives as decimal strings; line `subtotal`/`total`
 * and shipping/fee `total` are always EXCLUDING tax, whichever way the merchant entered prices, with the
 * tax beside them; `subtotal` is before coupons and `total` after, so coupons are already allocated to
 * lines (the order-level discount is therefore zero); the order `total` includes tax.
 */
import {
  type Address,
  type FinancialStatus,
  fail,
  type Order,
  type OrderCharge,
  type OrderLine,
  ok,
  type Problem,
  parseMinor,
  problem,
  type Result,
} from '@prima-connect/prima-core';
import { type WooOrder, wooOrderSchema } from './schemas.js';

/** WooCommerce GMT dates have no zone suffix; the canonical model wants UTC ISO strings. */
export function wooGmtToIso(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function financialStatusOf(
  order: Pick<WooOrder, 'status' | 'date_paid_gmt' | 'refunds'>,
): FinancialStatus {
  switch (order.status) {
    case 'processing':
    case 'completed':
      return order.refunds.length > 0 ? 'partially_refunded' : 'paid';
    case 'refunded':
      return 'refunded';
    case 'cancelled':
    case 'failed':
    case 'trash':
      return 'voided';
    default:
      // pending, on-hold (awaiting a bank transfer) and plugin statuses: paid only if WooCommerce says so.
      return order.date_paid_gmt ? 'paid' : 'pending';
  }
}

function address(a: WooOrder['billing'], email?: string | null): Address | undefined {
  if (!a || (!a.address_1 && !a.city && !a.postcode)) return undefined;
  const out: Address = {
    firstName: a.first_name,
    lastName: a.last_name,
    lines: [a.address_1, a.address_2].filter((l) => l.trim() !== ''),
    city: a.city,
    postcode: a.postcode,
    country: a.country.toUpperCase(),
  };
  if (a.company) out.company = a.company;
  if (a.state) out.region = a.state;
  const mail = a.email ?? email;
  if (mail) out.email = mail;
  if (a.phone) out.phone = a.phone;
  return out;
}

/**
 * Parses a WooCommerce order payload (webhook body or REST reply) into a canonical Order, or the
 * problems that stop it (unknown currency, unreadable amounts, empty quantities), named for a clerk.
 */
export function convertWooOrder(payload: unknown): Result<Order> {
  const parsed = wooOrderSchema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? 'order';
    return fail(
      problem(
        'invalid_order',
        `The WooCommerce order could not be read (field "${where}" is missing or malformed).`,
        'Open the order in WooCommerce and check it is complete; if it is, report it to support.',
        { field: where },
      ),
    );
  }
  const w = parsed.data;
  const currency = w.currency.toUpperCase();
  const problems: Problem[] = [];
  const amount = (value: string | number, label: string): number => {
    // PHP's round() is half-up: WooCommerce formats with it, so extra digits (if any) round the same way.
    const r = parseMinor(value, currency, { rounding: 'half_up', label: `Order ${w.number}: ${label}` });
    if (r.ok) return r.value;
    problems.push(...r.problems);
    return 0;
  };
  const inclusive = w.prices_include_tax;

  const lines: OrderLine[] = w.line_items.map((li, i) => {
    const label = `line ${i + 1} (${li.name || li.sku || li.id})`;
    if (li.quantity < 1) {
      problems.push(
        problem(
          'invalid_order',
          `Order ${w.number}: ${label} has quantity ${li.quantity}.`,
          'Edit the order in WooCommerce so every line has at least one unit.',
          { lineId: String(li.id) },
        ),
      );
    }
    const qty = Math.max(1, li.quantity);
    const subtotal = amount(li.subtotal, `${label} subtotal`);
    const subtotalTax = amount(li.subtotal_tax, `${label} subtotal tax`);
    const total = amount(li.total, `${label} total`);
    const totalTax = amount(li.total_tax, `${label} tax`);
    const before = inclusive ? subtotal + subtotalTax : subtotal;
    const after = inclusive ? total + totalTax : total;
    // The unit price is rounded UP so the line's discount (unit x qty - value) is never negative; the
    // line value stays exactly what WooCommerce charged, which is what the money check adds up.
    const unit = Math.ceil(before / qty);
    const line: OrderLine = {
      lineId: String(li.id),
      sku: (li.sku ?? '').trim(),
      title: li.name,
      quantity: qty,
      unitPriceMinor: unit,
      discountMinor: unit * qty - after,
      taxMinor: totalTax,
      requiresShipping: true,
      isGiftCard: false,
    };
    if (li.product_id) line.productId = String(li.product_id);
    if (li.variation_id || li.product_id) line.variantId = String(li.variation_id || li.product_id);
    return line;
  });

  const charges: OrderCharge[] = [
    ...w.shipping_lines.map((s, i) => {
      const total = amount(s.total, `shipping ${i + 1} total`);
      const tax = amount(s.total_tax, `shipping ${i + 1} tax`);
      return {
        kind: 'shipping' as const,
        code: s.method_id,
        title: s.method_title,
        amountMinor: inclusive ? total + tax : total,
        discountMinor: 0,
        taxMinor: tax,
      };
    }),
    ...w.fee_lines.map((f, i) => {
      const total = amount(f.total, `fee ${i + 1} total`);
      const tax = amount(f.total_tax, `fee ${i + 1} tax`);
      return {
        kind: 'fee' as const,
        code: f.name,
        title: f.name,
        amountMinor: inclusive ? total + tax : total,
        discountMinor: 0,
        taxMinor: tax,
      };
    }),
  ];

  const totalMinor = amount(w.total, 'order total');
  const taxMinor = amount(w.total_tax, 'order tax');
  if (problems.length > 0) return { ok: false, problems };

  const createdAt = wooGmtToIso(w.date_created_gmt) ?? new Date(0).toISOString();
  const updatedAt = wooGmtToIso(w.date_modified_gmt) ?? createdAt;
  const paid = !!w.date_paid_gmt;
  const order: Order = {
    platform: 'woocommerce',
    storefrontOrderId: String(w.id),
    orderNumber: w.number,
    createdAt,
    updatedAt,
    currency,
    pricesIncludeTax: inclusive,
    financialStatus: financialStatusOf(w),
    customer: {
      ...(w.customer_id ? { storefrontCustomerId: String(w.customer_id) } : {}),
      ...(w.billing?.email ? { email: w.billing.email } : {}),
      ...(w.billing?.phone ? { phone: w.billing.phone } : {}),
      ...(w.billing?.first_name ? { firstName: w.billing.first_name } : {}),
      ...(w.billing?.last_name ? { lastName: w.billing.last_name } : {}),
    },
    lines,
    charges,
    orderDiscountMinor: 0,
    taxMinor,
    totalMinor,
    payments: [
      {
        gateway: w.payment_method || 'none',
        ...(w.transaction_id ? { transactionId: w.transaction_id } : {}),
        amountMinor: totalMinor,
        status: paid ? 'captured' : w.status === 'failed' ? 'failed' : 'pending',
      },
    ],
    tags: [],
  };
  const shipping = address(w.shipping, w.billing?.email);
  const billing = address(w.billing);
  if (shipping) order.shippingAddress = shipping;
  if (billing) order.billingAddress = billing;
  if (w.status === 'cancelled') order.cancelledAt = updatedAt;
  if (w.customer_note) order.note = w.customer_note;
  return ok(order);
}

/** Reads one of our own meta keys from a payload's meta_data (write-back values, dispatch records). */
export function metaValue(meta: WooOrder['meta_data'], key: string): unknown {
  return meta.find((m) => m.key === key)?.value;
}
