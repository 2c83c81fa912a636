/**
 * The one place Adobe Commerce order payloads become prima-core's canonical Order (and Commerce events
 * become canonical order events). Everything Commerce-shaped stops here.
 *
 * Decisions:
 * - Money arrives as JSON decimals or decimal strings ("12.5", "65"); it is parsed as text into minor
 *   units by prima-core's money room (no floating point), half-up like Commerce's own rounding.
 * - A configurable sale is two rows: the priced parent (carrying the chosen child's SKU) and a zero-priced
 *   simple child (`parent_item_id` set). Only rows without a parent become lines.
 * - Discounts: Commerce allocates the order discount to items and shipping; whatever is left over is kept
 *   as `orderDiscountMinor`, so the money check in prima-core still adds up to `grand_total`.
 */
import {
  type Address,
  type FinancialStatus,
  type Order,
  type OrderLine,
  type Problem,
  parseMinor,
  problem,
  type Refund,
  type Result,
} from '@prima-connect/prima-core';
import { z } from 'zod';

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const optNum = num.nullish();
const optStr = z.string().nullish();

const addressSchema = z.object({
  address_type: optStr,
  firstname: optStr,
  lastname: optStr,
  company: optStr,
  street: z.array(z.string()).nullish(),
  city: optStr,
  region: optStr,
  postcode: optStr,
  country_id: optStr,
  telephone: optStr,
  email: optStr,
});

const itemSchema = z.object({
  item_id: num,
  sku: z.string(),
  name: optStr,
  product_id: optNum,
  product_type: optStr,
  parent_item_id: optNum,
  qty_ordered: num,
  price: optNum,
  price_incl_tax: optNum,
  discount_amount: optNum,
  tax_amount: optNum,
  is_virtual: optNum,
});

export const commerceOrderSchema = z.object({
  entity_id: num,
  increment_id: z.string(),
  state: optStr,
  status: optStr,
  created_at: z.string(),
  updated_at: optStr,
  order_currency_code: z.string().length(3),
  customer_email: optStr,
  customer_firstname: optStr,
  customer_lastname: optStr,
  customer_id: optNum,
  customer_note: optStr,
  grand_total: num,
  tax_amount: optNum,
  discount_amount: optNum,
  shipping_amount: optNum,
  shipping_incl_tax: optNum,
  shipping_tax_amount: optNum,
  shipping_discount_amount: optNum,
  shipping_description: optStr,
  total_paid: optNum,
  total_refunded: optNum,
  items: z.array(itemSchema),
  billing_address: addressSchema.nullish(),
  payment: z
    .object({
      method: z.string(),
      amount_authorized: optNum,
      amount_paid: optNum,
      amount_ordered: optNum,
      last_trans_id: optStr,
    })
    .nullish(),
  extension_attributes: z
    .object({
      shipping_assignments: z
        .array(
          z.object({ shipping: z.object({ address: addressSchema.nullish(), method: optStr }).nullish() }),
        )
        .nullish(),
    })
    .nullish(),
});
export type CommerceOrder = z.infer<typeof commerceOrderSchema>;

export interface ConvertOptions {
  /** Commerce's "Catalog prices include tax" setting: which price fields are the line prices. */
  pricesIncludeTax: boolean;
}

/** Commerce writes UTC times as "2026-11-22 06:45:00" (no zone); ISO strings pass through. */
export function commerceTimeToIso(text: string): string {
  const iso = text.includes('T') ? text : `${text.replace(' ', 'T')}Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

function toAddress(
  a: z.infer<typeof addressSchema> | null | undefined,
  email: string | undefined,
): Address | undefined {
  if (!a) return undefined;
  return {
    firstName: a.firstname ?? '',
    lastName: a.lastname ?? '',
    ...(a.company ? { company: a.company } : {}),
    lines: a.street ?? [],
    city: a.city ?? '',
    ...(a.region ? { region: a.region } : {}),
    postcode: a.postcode ?? '',
    country: (a.country_id ?? '').toUpperCase(),
    ...((a.email ?? email) ? { email: a.email ?? email } : {}),
    ...(a.telephone ? { phone: a.telephone } : {}),
  };
}

function financialStatus(
  o: CommerceOrder,
  total: number,
  paid: number,
  refunded: number,
  authorized: number,
): FinancialStatus {
  if (o.state === 'canceled') return 'voided';
  if (refunded > 0) return refunded >= total ? 'refunded' : 'partially_refunded';
  if (paid > 0) return paid >= total ? 'paid' : 'partially_paid';
  if (authorized > 0) return 'authorized';
  return 'pending';
}

/** Commerce REST `sales-data-order-interface` -> canonical Order. */
export function toCanonicalOrder(raw: unknown, options: ConvertOptions): Result<Order> {
  const parsed = commerceOrderSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return {
      ok: false,
      problems: [
        problem(
          'invalid_order',
          `The Adobe Commerce order could not be read (field "${where}").`,
          'Open the order in Commerce and check it is complete; then retry.',
          { field: where },
        ),
      ],
    };
  }
  const o = parsed.data;
  const currency = o.order_currency_code.toUpperCase();
  const problems: Problem[] = [];
  const money = (v: string | number | null | undefined, what: string): number => {
    if (v === null || v === undefined) return 0;
    const r = parseMinor(v, currency, { rounding: 'half_up', label: `order ${o.increment_id} ${what}` });
    if (r.ok) return r.value;
    problems.push(...r.problems);
    return 0;
  };
  const abs = (n: number) => Math.abs(n);

  const lines: OrderLine[] = [];
  for (const item of o.items) {
    if (item.parent_item_id !== null && item.parent_item_id !== undefined) continue;
    const qty = Number(item.qty_ordered);
    if (!Number.isInteger(qty) || qty < 1) {
      problems.push(
        problem(
          'invalid_order',
          `Order ${o.increment_id}: "${item.sku}" has a quantity of ${item.qty_ordered}, not a whole number.`,
          'Correct the order in Commerce, then retry.',
          { sku: item.sku },
        ),
      );
      continue;
    }
    const unit = options.pricesIncludeTax ? (item.price_incl_tax ?? item.price) : item.price;
    lines.push({
      lineId: String(item.item_id),
      sku: item.sku.trim(),
      ...(item.product_id !== null && item.product_id !== undefined
        ? { productId: String(item.product_id) }
        : {}),
      title: item.name ?? item.sku,
      quantity: qty,
      unitPriceMinor: money(unit, `${item.sku} price`),
      discountMinor: abs(money(item.discount_amount, `${item.sku} discount`)),
      taxMinor: money(item.tax_amount, `${item.sku} tax`),
      requiresShipping: Number(item.is_virtual ?? 0) !== 1,
      isGiftCard: item.product_type === 'giftcard',
    });
  }

  const shipping = o.extension_attributes?.shipping_assignments?.[0]?.shipping;
  const shippingGross = money(
    options.pricesIncludeTax ? (o.shipping_incl_tax ?? o.shipping_amount) : o.shipping_amount,
    'shipping',
  );
  const shippingDiscount = abs(money(o.shipping_discount_amount, 'shipping discount'));
  const charges: Order['charges'] =
    shippingGross > 0 || shipping?.method
      ? [
          {
            kind: 'shipping',
            code: shipping?.method ?? o.shipping_description ?? 'shipping',
            title: o.shipping_description ?? shipping?.method ?? 'Shipping',
            amountMinor: shippingGross,
            discountMinor: shippingDiscount,
            taxMinor: money(o.shipping_tax_amount, 'shipping tax'),
          },
        ]
      : [];

  const total = money(o.grand_total, 'grand total');
  const allocated = lines.reduce((s, l) => s + l.discountMinor, 0) + shippingDiscount;
  const orderDiscount = Math.max(0, abs(money(o.discount_amount, 'discount')) - allocated);
  const paid = money(o.total_paid, 'total paid');
  const authorized = money(o.payment?.amount_authorized, 'amount authorised');
  const status = financialStatus(o, total, paid, money(o.total_refunded, 'total refunded'), authorized);
  if (problems.length > 0) return { ok: false, problems };

  const email = o.customer_email ?? undefined;
  const billingAddress = toAddress(o.billing_address, email);
  const shippingAddress = toAddress(shipping?.address, email) ?? billingAddress;
  const order: Order = {
    platform: 'magento',
    storefrontOrderId: String(o.entity_id),
    orderNumber: o.increment_id,
    createdAt: commerceTimeToIso(o.created_at),
    updatedAt: commerceTimeToIso(o.updated_at ?? o.created_at),
    currency,
    pricesIncludeTax: options.pricesIncludeTax,
    financialStatus: status,
    ...(o.state === 'canceled' ? { cancelledAt: commerceTimeToIso(o.updated_at ?? o.created_at) } : {}),
    customer: {
      ...(o.customer_id !== null && o.customer_id !== undefined
        ? { storefrontCustomerId: String(o.customer_id) }
        : {}),
      ...(email ? { email } : {}),
      ...(o.customer_firstname ? { firstName: o.customer_firstname } : {}),
      ...(o.customer_lastname ? { lastName: o.customer_lastname } : {}),
    },
    ...(shippingAddress ? { shippingAddress } : {}),
    ...(billingAddress ? { billingAddress } : {}),
    lines,
    charges,
    orderDiscountMinor: orderDiscount,
    taxMinor: money(o.tax_amount, 'tax'),
    totalMinor: total,
    payments: o.payment
      ? [
          {
            gateway: o.payment.method,
            ...(o.payment.last_trans_id ? { transactionId: o.payment.last_trans_id } : {}),
            amountMinor: paid > 0 ? paid : money(o.payment.amount_ordered, 'amount ordered'),
            status: paid > 0 ? 'captured' : authorized > 0 ? 'authorized' : 'pending',
          },
        ]
      : [],
    ...(o.customer_note ? { note: o.customer_note } : {}),
    tags: [],
  };
  return { ok: true, value: order };
}

// ---------------------------------------------------------------- I/O Events

/** The CloudEvents envelope Commerce sends through Adobe I/O Events (only what we rely on). */
export const ioEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  event_id: z.string().nullish(),
  recipient_client_id: z.string().nullish(),
  data: z.object({ value: z.record(z.string(), z.unknown()) }),
});
export type IoEvent = z.infer<typeof ioEventSchema>;

export interface CanonicalOrderEvent {
  eventKey: string;
  topic: 'order.created' | 'order.paid' | 'order.updated' | 'order.cancelled';
  storefrontOrderId: string;
  /** Commerce's event code, for logs and the audit trail. */
  commerceEvent: string;
}

const firstString = (...values: unknown[]): string | undefined => {
  for (const v of values) if ((typeof v === 'string' && v !== '') || typeof v === 'number') return String(v);
  return undefined;
};

/**
 * A Commerce order event -> the platform-neutral event the engine takes. The engine then loads the order
 * through the REST gateway: events arrive at least once and out of order, and a subscription may select
 * only a few fields, so the event says "look at order X", the REST read says what X is now.
 * The order save event carries no `entity_id` of its own: the order id is read from its items
 * (`order_id`), its payment or its addresses (`parent_id`).
 */
export function toOrderEvent(
  envelope: IoEvent,
): Result<CanonicalOrderEvent> | { ok: 'ignored'; reason: string } {
  const code = envelope.type.replace(/^com\.adobe\.commerce\./, '');
  const v = envelope.data.value;
  const eventKey = envelope.event_id ?? envelope.id;
  const bad = (what: string): Result<CanonicalOrderEvent> => ({
    ok: false,
    problems: [
      problem(
        'invalid_order',
        `An Adobe Commerce ${code} event did not say which order it is about (${what}).`,
        'Check the event subscription includes the order id fields; the order is found again by the catch-up poll.',
        { event: code },
      ),
    ],
  });
  if (code === 'observer.sales_order_invoice_save_after') {
    const orderId = firstString(v.order_id);
    return orderId
      ? {
          ok: true,
          value: { eventKey, topic: 'order.paid', storefrontOrderId: orderId, commerceEvent: code },
        }
      : bad('order_id');
  }
  if (code === 'observer.sales_order_save_commit_after') {
    const items = Array.isArray(v.items) ? (v.items as Record<string, unknown>[]) : [];
    const addresses = Array.isArray(v.addresses) ? (v.addresses as Record<string, unknown>[]) : [];
    const payment = (v.payment ?? {}) as Record<string, unknown>;
    const orderId = firstString(v.entity_id, items[0]?.order_id, payment.parent_id, addresses[0]?.parent_id);
    if (!orderId) return bad('items.order_id / payment.parent_id');
    const isNew = v._isNew === true || v._isNew === 'true' || v._isNew === '1' || v._isNew === 1;
    const topic = v.state === 'canceled' ? 'order.cancelled' : isNew ? 'order.created' : 'order.updated';
    return { ok: true, value: { eventKey, topic, storefrontOrderId: orderId, commerceEvent: code } };
  }
  return { ok: 'ignored', reason: `event ${code} is not an order event this app handles` };
}

// ---------------------------------------------------------------- credit memos

const creditmemoSchema = z.object({
  increment_id: z.string().min(1),
  order_id: num,
  order_currency_code: z.string().length(3),
  grand_total: num,
  shipping_incl_tax: optNum,
  shipping_amount: optNum,
  created_at: optStr,
  items: z
    .array(
      z.object({
        order_item_id: num,
        sku: z.string(),
        qty: num,
        row_total_incl_tax: optNum,
        row_total: optNum,
        discount_amount: optNum,
      }),
    )
    .default([]),
});

/**
 * `observer.sales_order_creditmemo_save_after` -> canonical Refund. The event carries everything a credit
 * note needs, so no REST read. Commerce's "Return to Stock" choice is not in the event: lines are marked
 * `restock: false` and Prima's own returns process decides. Zero-value rows (the simple child of a
 * configurable row) are left out, as in the order converter.
 */
export function toCanonicalRefund(value: Record<string, unknown>, options: ConvertOptions): Result<Refund> {
  const parsed = creditmemoSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return {
      ok: false,
      problems: [
        problem(
          'invalid_order',
          `An Adobe Commerce credit memo could not be read (field "${where}").`,
          'Open the credit memo in Commerce and raise the credit note in Prima by hand.',
          { field: where },
        ),
      ],
    };
  }
  const c = parsed.data;
  const currency = c.order_currency_code.toUpperCase();
  const problems: Problem[] = [];
  const money = (v: string | number | null | undefined, what: string): number => {
    if (v === null || v === undefined) return 0;
    const r = parseMinor(v, currency, {
      rounding: 'half_up',
      label: `credit memo ${c.increment_id} ${what}`,
    });
    if (r.ok) return r.value;
    problems.push(...r.problems);
    return 0;
  };
  const lines: Refund['lines'] = [];
  for (const item of c.items) {
    const qty = Number(item.qty);
    const gross = money(
      options.pricesIncludeTax ? (item.row_total_incl_tax ?? item.row_total) : item.row_total,
      `${item.sku} row`,
    );
    const amount = gross - Math.abs(money(item.discount_amount, `${item.sku} discount`));
    if (qty <= 0 || amount === 0) continue;
    lines.push({
      lineId: String(item.order_item_id),
      sku: item.sku.trim(),
      quantity: qty,
      amountMinor: amount,
      restock: false,
    });
  }
  const refund: Refund = {
    platform: 'magento',
    storefrontOrderId: String(c.order_id),
    storefrontRefundId: c.increment_id,
    createdAt: commerceTimeToIso(c.created_at ?? new Date().toISOString()),
    currency,
    amountMinor: money(c.grand_total, 'grand total'),
    lines,
    shippingMinor: money(
      options.pricesIncludeTax ? (c.shipping_incl_tax ?? c.shipping_amount) : c.shipping_amount,
      'shipping',
    ),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: refund };
}

export const CREDITMEMO_EVENT = 'observer.sales_order_creditmemo_save_after';
