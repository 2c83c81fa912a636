/**
 * The one place Shopify's order and refund shapes become prima-core's canonical Order and Refund.
 * Two inputs carry an order: webhook payloads (REST JSON, snake_case) and the Admin GraphQL `order` node
 * (ORDER_FIELDS in documents.ts). Both are validated with zod, then converted with the same rules:
 *
 * - amounts are the shop-currency figures (`shop_money` / `shopMoney`), parsed exactly into minor units;
 * - a line's discount is the sum of its discount allocations; whatever part of the order's total discount is
 *   not allocated to a line or shipping line becomes `orderDiscountMinor`, so
 *   lines - discounts + shipping (+ tax when prices exclude it) == Shopify's total, to the penny;
 * - ids come from `admin_graphql_api_id` / GraphQL gids (JSON numbers in payloads can lose precision).
 */
import {
  type Address,
  type FinancialStatus,
  fail,
  type Order,
  type OrderCharge,
  type OrderLine,
  type OrderPayment,
  ok,
  type Problem,
  parseMinor,
  problem,
  type Refund,
  type Result,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import { REFUNDS_READ } from './documents.js';

// ---------------------------------------------------------------- shared helpers

const idLike = z.union([z.string(), z.number()]);
const restMoney = z.object({
  shop_money: z.object({ amount: z.union([z.string(), z.number()]), currency_code: z.string() }),
});
const gqlMoney = z.object({
  shopMoney: z.object({ amount: z.union([z.string(), z.number()]), currencyCode: z.string() }),
});

/** The numeric tail of a Shopify gid ("gid://shopify/Order/123" -> "123"); other strings pass through. */
export function gidTail(value: string | number): string {
  const s = String(value);
  const m = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)/.exec(s);
  return m?.[1] ?? s;
}

export function orderGid(storefrontOrderId: string): string {
  return storefrontOrderId.startsWith('gid://')
    ? storefrontOrderId
    : `gid://shopify/Order/${storefrontOrderId}`;
}

/** Collects amount-parsing problems while converting, so one bad figure gives one clear Problem. */
class Money {
  readonly problems: Problem[] = [];
  constructor(private readonly currency: string) {}
  minor(amount: string | number | null | undefined, label: string): number {
    if (amount === null || amount === undefined || amount === '') return 0;
    const r = parseMinor(amount, this.currency, { label });
    if (r.ok) return r.value;
    this.problems.push(...r.problems);
    return 0;
  }
}

function iso(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function invalid(what: string, issues: z.core.$ZodIssue[]): Result<never> {
  const first = issues[0];
  return fail(
    problem(
      'invalid_order',
      `The Shopify ${what} could not be read (${first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unknown shape'}).`,
      'Open the order in Shopify to check it; if it looks normal, report it to support with the order number.',
      { issues: issues.length },
    ),
  );
}

const FINANCIAL: Record<string, FinancialStatus> = {
  pending: 'pending',
  authorized: 'authorized',
  paid: 'paid',
  partially_paid: 'partially_paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'voided',
  expired: 'voided',
};

function financialStatus(raw: string | null | undefined): FinancialStatus {
  return FINANCIAL[(raw ?? 'pending').toLowerCase()] ?? 'pending';
}

function paymentStatus(fs: FinancialStatus): OrderPayment['status'] {
  if (fs === 'authorized') return 'authorized';
  if (fs === 'pending') return 'pending';
  if (fs === 'voided') return 'voided';
  return 'captured';
}

function splitTags(tags: string | string[] | null | undefined): string[] {
  if (!tags) return [];
  const list = Array.isArray(tags) ? tags : tags.split(',');
  return list.map((t) => t.trim()).filter(Boolean);
}

/** What the order discount is once line and shipping allocations are accounted for (never below zero). */
function unallocatedDiscount(totalDiscounts: number, lines: OrderLine[], charges: OrderCharge[]): number {
  const allocated =
    lines.reduce((s, l) => s + l.discountMinor, 0) + charges.reduce((s, c) => s + c.discountMinor, 0);
  return Math.max(0, totalDiscounts - allocated);
}

// ---------------------------------------------------------------- webhook (REST) payloads

const restAddress = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province_code: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

const restTaxLines = z
  .array(z.object({ price_set: restMoney.nullish(), price: z.union([z.string(), z.number()]).nullish() }))
  .nullish();
const restAllocations = z
  .array(z.object({ amount_set: restMoney.nullish(), amount: z.union([z.string(), z.number()]).nullish() }))
  .nullish();

export const restOrderSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().nullish(),
  name: z.string(),
  order_number: z.number().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  currency: z.string(),
  taxes_included: z.boolean().nullish(),
  financial_status: z.string().nullish(),
  note: z.string().nullish(),
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  payment_gateway_names: z.array(z.string()).nullish(),
  total_price_set: restMoney.nullish(),
  total_price: z.union([z.string(), z.number()]),
  total_tax_set: restMoney.nullish(),
  total_tax: z.union([z.string(), z.number()]).nullish(),
  total_discounts_set: restMoney.nullish(),
  total_discounts: z.union([z.string(), z.number()]).nullish(),
  customer: z
    .object({
      id: idLike.nullish(),
      admin_graphql_api_id: z.string().nullish(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
    })
    .nullish(),
  shipping_address: restAddress,
  billing_address: restAddress,
  line_items: z.array(
    z.object({
      id: idLike,
      admin_graphql_api_id: z.string().nullish(),
      sku: z.string().nullish(),
      name: z.string().nullish(),
      title: z.string().nullish(),
      quantity: z.number().int().min(0),
      current_quantity: z.number().int().min(0).nullish(),
      price_set: restMoney.nullish(),
      price: z.union([z.string(), z.number()]),
      total_discount_set: restMoney.nullish(),
      total_discount: z.union([z.string(), z.number()]).nullish(),
      discount_allocations: restAllocations,
      tax_lines: restTaxLines,
      requires_shipping: z.boolean().nullish(),
      gift_card: z.boolean().nullish(),
      product_id: idLike.nullish(),
      variant_id: idLike.nullish(),
    }),
  ),
  shipping_lines: z
    .array(
      z.object({
        code: z.string().nullish(),
        title: z.string().nullish(),
        price_set: restMoney.nullish(),
        price: z.union([z.string(), z.number()]),
        discount_allocations: restAllocations,
        tax_lines: restTaxLines,
      }),
    )
    .nullish(),
  refunds: z
    .array(
      z.object({
        refund_line_items: z
          .array(z.object({ line_item_id: idLike, quantity: z.number().int().min(0) }))
          .nullish(),
      }),
    )
    .nullish(),
});
export type RestOrder = z.infer<typeof restOrderSchema>;

/**
 * How many of a line the order still holds as ordered. Shopify's `quantity` never goes down (it counts
 * refunded and edited-out units alike); `current_quantity` goes down for both. A refund is not an edit: it
 * reaches Prima as a credit note (refunds/create), so refunded units stay on the order, and only units an
 * order edit removed come off, which is what lets the engine see a removed line.
 */
export function orderedQuantity(
  quantity: number,
  current: number | null | undefined,
  refunded: number,
): number {
  if (current === null || current === undefined) return quantity;
  return Math.min(quantity, current + refunded);
}

function restAddressToCanonical(a: z.infer<typeof restAddress>, email?: string): Address | undefined {
  if (!a) return undefined;
  return {
    firstName: a.first_name ?? '',
    lastName: a.last_name ?? '',
    ...(a.company ? { company: a.company } : {}),
    lines: [a.address1, a.address2].filter((l): l is string => !!l && l.trim() !== ''),
    city: a.city ?? '',
    ...(a.province_code ? { region: a.province_code } : {}),
    postcode: a.zip ?? '',
    country: (a.country_code ?? '').toUpperCase(),
    ...(email ? { email } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
  };
}

const sumRest = (
  m: Money,
  list: z.infer<typeof restTaxLines> | z.infer<typeof restAllocations>,
  label: string,
) =>
  (list ?? []).reduce((s, x) => {
    const set = 'price_set' in x ? x.price_set : 'amount_set' in x ? x.amount_set : undefined;
    const raw = set?.shop_money.amount ?? ('price' in x ? x.price : 'amount' in x ? x.amount : undefined);
    return s + m.minor(raw ?? null, label);
  }, 0);

/** A webhook order payload (orders/create, paid, updated, cancelled) -> canonical Order. */
export function restOrderToCanonical(payload: unknown): Result<Order> {
  const parsed = restOrderSchema.safeParse(payload);
  if (!parsed.success) return invalid('order', parsed.error.issues);
  const o = parsed.data;
  const currency = (o.total_price_set?.shop_money.currency_code ?? o.currency).toUpperCase();
  const m = new Money(currency);
  const email = o.email ?? o.contact_email ?? o.customer?.email ?? undefined;
  const refunded = new Map<string, number>();
  for (const r of o.refunds ?? [])
    for (const rl of r.refund_line_items ?? [])
      refunded.set(String(rl.line_item_id), (refunded.get(String(rl.line_item_id)) ?? 0) + rl.quantity);
  const lines: OrderLine[] = o.line_items.map((l, i) => ({
    lineId: gidTail(l.admin_graphql_api_id ?? l.id),
    sku: (l.sku ?? '').trim(),
    ...(l.product_id != null ? { productId: String(l.product_id) } : {}),
    ...(l.variant_id != null ? { variantId: String(l.variant_id) } : {}),
    title: l.name ?? l.title ?? '',
    quantity: orderedQuantity(l.quantity, l.current_quantity, refunded.get(String(l.id)) ?? 0),
    unitPriceMinor: m.minor(l.price_set?.shop_money.amount ?? l.price, `line ${i + 1} price`),
    discountMinor: l.discount_allocations?.length
      ? sumRest(m, l.discount_allocations, `line ${i + 1} discount`)
      : m.minor(
          l.total_discount_set?.shop_money.amount ?? l.total_discount ?? null,
          `line ${i + 1} discount`,
        ),
    taxMinor: sumRest(m, l.tax_lines, `line ${i + 1} tax`),
    requiresShipping: l.requires_shipping ?? true,
    isGiftCard: l.gift_card ?? false,
  }));
  const charges: OrderCharge[] = (o.shipping_lines ?? []).map((s, i) => ({
    kind: 'shipping',
    code: s.code ?? s.title ?? 'shipping',
    title: s.title ?? s.code ?? 'Shipping',
    amountMinor: m.minor(s.price_set?.shop_money.amount ?? s.price, `shipping ${i + 1} price`),
    discountMinor: sumRest(m, s.discount_allocations, `shipping ${i + 1} discount`),
    taxMinor: sumRest(m, s.tax_lines, `shipping ${i + 1} tax`),
  }));
  const totalMinor = m.minor(o.total_price_set?.shop_money.amount ?? o.total_price, 'order total');
  const taxMinor = m.minor(o.total_tax_set?.shop_money.amount ?? o.total_tax ?? null, 'order tax');
  const totalDiscounts = m.minor(
    o.total_discounts_set?.shop_money.amount ?? o.total_discounts ?? null,
    'order discounts',
  );
  if (m.problems.length) return fail(...m.problems);
  const fs = financialStatus(o.financial_status);
  const gateway = o.payment_gateway_names?.[0] ?? 'manual';
  const createdAt = iso(o.created_at) ?? o.created_at;
  const order: Order = {
    platform: 'shopify',
    storefrontOrderId: gidTail(o.admin_graphql_api_id ?? o.id),
    orderNumber: o.name.replace(/^#/, ''),
    createdAt,
    updatedAt: iso(o.updated_at) ?? createdAt,
    currency,
    pricesIncludeTax: o.taxes_included ?? false,
    financialStatus: fs,
    ...(o.cancelled_at ? { cancelledAt: iso(o.cancelled_at) ?? o.cancelled_at } : {}),
    customer: {
      ...(o.customer?.admin_graphql_api_id || o.customer?.id != null
        ? {
            storefrontCustomerId: gidTail(
              o.customer.admin_graphql_api_id ?? (o.customer.id as string | number),
            ),
          }
        : {}),
      ...(email ? { email } : {}),
      ...(o.customer?.phone || o.phone ? { phone: (o.customer?.phone ?? o.phone) as string } : {}),
      ...(o.customer?.first_name ? { firstName: o.customer.first_name } : {}),
      ...(o.customer?.last_name ? { lastName: o.customer.last_name } : {}),
    },
    ...(o.shipping_address ? { shippingAddress: restAddressToCanonical(o.shipping_address, email) } : {}),
    ...(o.billing_address ? { billingAddress: restAddressToCanonical(o.billing_address, email) } : {}),
    lines,
    charges,
    orderDiscountMinor: unallocatedDiscount(totalDiscounts, lines, charges),
    taxMinor,
    totalMinor,
    payments: [{ gateway, amountMinor: totalMinor, status: paymentStatus(fs) }],
    ...(o.note ? { note: o.note } : {}),
    tags: splitTags(o.tags),
  };
  return ok(order);
}

// ---------------------------------------------------------------- Admin GraphQL order node

const gqlAddress = z
  .object({
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    provinceCode: z.string().nullish(),
    zip: z.string().nullish(),
    countryCodeV2: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

const gqlTaxLines = z.array(z.object({ priceSet: gqlMoney }));

export const gqlOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  currencyCode: z.string(),
  taxesIncluded: z.boolean(),
  displayFinancialStatus: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  note: z.string().nullish(),
  tags: z.array(z.string()),
  customer: z
    .object({
      id: z.string(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
      defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
      defaultPhoneNumber: z.object({ phoneNumber: z.string().nullish() }).nullish(),
    })
    .nullish(),
  shippingAddress: gqlAddress,
  billingAddress: gqlAddress,
  totalPriceSet: gqlMoney,
  totalTaxSet: gqlMoney.nullish(),
  totalDiscountsSet: gqlMoney.nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullish(),
        name: z.string(),
        quantity: z.number().int(),
        currentQuantity: z.number().int().nullish(),
        requiresShipping: z.boolean(),
        isGiftCard: z.boolean(),
        variant: z.object({ id: z.string() }).nullish(),
        product: z.object({ id: z.string() }).nullish(),
        originalUnitPriceSet: gqlMoney,
        totalDiscountSet: gqlMoney,
        taxLines: gqlTaxLines,
      }),
    ),
  }),
  shippingLines: z.object({
    nodes: z.array(
      z.object({
        code: z.string().nullish(),
        title: z.string(),
        originalPriceSet: gqlMoney,
        discountAllocations: z.array(z.object({ allocatedAmountSet: gqlMoney })),
        taxLines: gqlTaxLines,
      }),
    ),
  }),
  refunds: z
    .array(
      z.object({
        refundLineItems: z.object({
          pageInfo: z.object({ hasNextPage: z.boolean() }).nullish(),
          nodes: z.array(z.object({ quantity: z.number().int(), lineItem: z.object({ id: z.string() }) })),
        }),
      }),
    )
    .nullish(),
  transactions: z.array(
    z.object({
      id: z.string(),
      gateway: z.string().nullish(),
      kind: z.string(),
      status: z.string(),
      amountSet: gqlMoney,
    }),
  ),
});
export type GqlOrder = z.infer<typeof gqlOrderSchema>;

function gqlAddressToCanonical(a: z.infer<typeof gqlAddress>, email?: string): Address | undefined {
  if (!a) return undefined;
  return restAddressToCanonical(
    {
      first_name: a.firstName,
      last_name: a.lastName,
      company: a.company,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      province_code: a.provinceCode,
      zip: a.zip,
      country_code: a.countryCodeV2,
      phone: a.phone,
    },
    email,
  );
}

const GQL_TXN_PAID = new Set(['SALE', 'CAPTURE']);

/** An Admin GraphQL order node (ORDER_FIELDS) -> canonical Order. */
export function graphqlOrderToCanonical(node: unknown): Result<Order> {
  const parsed = gqlOrderSchema.safeParse(node);
  if (!parsed.success) return invalid('order', parsed.error.issues);
  const o = parsed.data;
  const currency = o.totalPriceSet.shopMoney.currencyCode.toUpperCase();
  const m = new Money(currency);
  const email = o.email ?? o.customer?.defaultEmailAddress?.emailAddress ?? undefined;
  const sumTax = (list: z.infer<typeof gqlTaxLines>, label: string) =>
    list.reduce((s, t) => s + m.minor(t.priceSet.shopMoney.amount, label), 0);
  const refunds = o.refunds ?? [];
  // Only when every refunded unit was read can current + refunded be trusted; otherwise keep `quantity`
  // (an edit may go unseen, but a refund is never taken for one).
  const allRefundsRead =
    refunds.length < REFUNDS_READ && refunds.every((r) => !r.refundLineItems.pageInfo?.hasNextPage);
  const refunded = new Map<string, number>();
  for (const r of refunds)
    for (const rl of r.refundLineItems.nodes)
      refunded.set(gidTail(rl.lineItem.id), (refunded.get(gidTail(rl.lineItem.id)) ?? 0) + rl.quantity);
  const lines: OrderLine[] = o.lineItems.nodes.map((l, i) => ({
    lineId: gidTail(l.id),
    sku: (l.sku ?? '').trim(),
    ...(l.product ? { productId: gidTail(l.product.id) } : {}),
    ...(l.variant ? { variantId: gidTail(l.variant.id) } : {}),
    title: l.name,
    quantity: allRefundsRead
      ? orderedQuantity(l.quantity, l.currentQuantity, refunded.get(gidTail(l.id)) ?? 0)
      : l.quantity,
    unitPriceMinor: m.minor(l.originalUnitPriceSet.shopMoney.amount, `line ${i + 1} price`),
    discountMinor: m.minor(l.totalDiscountSet.shopMoney.amount, `line ${i + 1} discount`),
    taxMinor: sumTax(l.taxLines, `line ${i + 1} tax`),
    requiresShipping: l.requiresShipping,
    isGiftCard: l.isGiftCard,
  }));
  const charges: OrderCharge[] = o.shippingLines.nodes.map((s, i) => ({
    kind: 'shipping',
    code: s.code ?? s.title,
    title: s.title,
    amountMinor: m.minor(s.originalPriceSet.shopMoney.amount, `shipping ${i + 1} price`),
    discountMinor: s.discountAllocations.reduce(
      (sum, d) => sum + m.minor(d.allocatedAmountSet.shopMoney.amount, `shipping ${i + 1} discount`),
      0,
    ),
    taxMinor: sumTax(s.taxLines, `shipping ${i + 1} tax`),
  }));
  const totalMinor = m.minor(o.totalPriceSet.shopMoney.amount, 'order total');
  const taxMinor = m.minor(o.totalTaxSet?.shopMoney.amount ?? null, 'order tax');
  const totalDiscounts = m.minor(o.totalDiscountsSet?.shopMoney.amount ?? null, 'order discounts');
  const payments: OrderPayment[] = o.transactions
    .filter((t) => t.status === 'SUCCESS' && (GQL_TXN_PAID.has(t.kind) || t.kind === 'AUTHORIZATION'))
    .map((t) => ({
      gateway: t.gateway ?? 'manual',
      transactionId: gidTail(t.id),
      amountMinor: m.minor(t.amountSet.shopMoney.amount, 'payment'),
      status: GQL_TXN_PAID.has(t.kind) ? 'captured' : 'authorized',
    }));
  if (m.problems.length) return fail(...m.problems);
  const fs = financialStatus(o.displayFinancialStatus);
  const phone = o.phone ?? o.customer?.defaultPhoneNumber?.phoneNumber ?? undefined;
  return ok({
    platform: 'shopify',
    storefrontOrderId: gidTail(o.id),
    orderNumber: o.name.replace(/^#/, ''),
    createdAt: iso(o.createdAt) ?? o.createdAt,
    updatedAt: iso(o.updatedAt) ?? o.updatedAt,
    currency,
    pricesIncludeTax: o.taxesIncluded,
    financialStatus: fs,
    ...(o.cancelledAt ? { cancelledAt: iso(o.cancelledAt) ?? o.cancelledAt } : {}),
    customer: {
      ...(o.customer ? { storefrontCustomerId: gidTail(o.customer.id) } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(o.customer?.firstName ? { firstName: o.customer.firstName } : {}),
      ...(o.customer?.lastName ? { lastName: o.customer.lastName } : {}),
    },
    ...(o.shippingAddress ? { shippingAddress: gqlAddressToCanonical(o.shippingAddress, email) } : {}),
    ...(o.billingAddress ? { billingAddress: gqlAddressToCanonical(o.billingAddress, email) } : {}),
    lines,
    charges,
    orderDiscountMinor: unallocatedDiscount(totalDiscounts, lines, charges),
    taxMinor,
    totalMinor,
    payments: payments.length
      ? payments
      : [{ gateway: 'manual', amountMinor: totalMinor, status: paymentStatus(fs) }],
    ...(o.note ? { note: o.note } : {}),
    tags: o.tags,
  });
}

// ---------------------------------------------------------------- refunds/create

export const restRefundSchema = z.object({
  id: idLike,
  admin_graphql_api_id: z.string().nullish(),
  order_id: idLike,
  created_at: z.string(),
  note: z.string().nullish(),
  refund_line_items: z.array(
    z.object({
      line_item_id: idLike,
      quantity: z.number().int().min(0),
      restock_type: z.string().nullish(),
      subtotal_set: restMoney.nullish(),
      subtotal: z.union([z.string(), z.number()]).nullish(),
      total_tax_set: restMoney.nullish(),
      line_item: z
        .object({ admin_graphql_api_id: z.string().nullish(), sku: z.string().nullish() })
        .nullish(),
    }),
  ),
  refund_shipping_lines: z.array(z.object({ subtotal_amount_set: restMoney.nullish() })).nullish(),
  order_adjustments: z
    .array(
      z.object({
        kind: z.string().nullish(),
        amount_set: restMoney.nullish(),
        amount: z.union([z.string(), z.number()]).nullish(),
      }),
    )
    .nullish(),
  transactions: z
    .array(
      z.object({
        kind: z.string(),
        status: z.string().nullish(),
        amount: z.union([z.string(), z.number()]),
        currency: z.string().nullish(),
      }),
    )
    .nullish(),
});

/**
 * A refunds/create payload -> canonical Refund. The amount returned to the customer is what the refund
 * transactions moved; when a refund carries none (a restock-only refund), it is lines + tax + shipping.
 * `currency` is the order's, when the caller knows it (the payload's money sets carry it too).
 */
export function restRefundToCanonical(payload: unknown, orderCurrency?: string): Result<Refund> {
  const parsed = restRefundSchema.safeParse(payload);
  if (!parsed.success) return invalid('refund', parsed.error.issues);
  const r = parsed.data;
  const currency = (
    orderCurrency ??
    r.refund_line_items[0]?.subtotal_set?.shop_money.currency_code ??
    r.transactions?.[0]?.currency ??
    ''
  ).toUpperCase();
  if (!currency) {
    return fail(
      problem(
        'invalid_order',
        'A Shopify refund did not say its currency.',
        'Post the credit note in Prima by hand.',
        {},
      ),
    );
  }
  const m = new Money(currency);
  const lines = r.refund_line_items.map((l, i) => ({
    lineId: gidTail(l.line_item?.admin_graphql_api_id ?? l.line_item_id),
    sku: (l.line_item?.sku ?? '').trim(),
    quantity: l.quantity,
    amountMinor: m.minor(l.subtotal_set?.shop_money.amount ?? l.subtotal ?? null, `refund line ${i + 1}`),
    taxMinor: m.minor(l.total_tax_set?.shop_money.amount ?? null, `refund line ${i + 1} tax`),
    restock: !!l.restock_type && l.restock_type !== 'no_restock',
  }));
  const shippingFromLines = (r.refund_shipping_lines ?? []).reduce(
    (s, x) => s + m.minor(x.subtotal_amount_set?.shop_money.amount ?? null, 'refunded shipping'),
    0,
  );
  // Older payloads record refunded shipping as a negative "shipping_refund" order adjustment.
  const shippingFromAdjustments = (r.order_adjustments ?? [])
    .filter((a) => a.kind === 'shipping_refund')
    .reduce(
      (s, a) =>
        s + Math.abs(m.minor(a.amount_set?.shop_money.amount ?? a.amount ?? null, 'refunded shipping')),
      0,
    );
  const shippingMinor = shippingFromLines || shippingFromAdjustments;
  const moved = (r.transactions ?? [])
    .filter((t) => t.kind === 'refund' && (t.status ?? 'success') === 'success')
    .reduce((s, t) => s + m.minor(t.amount, 'refund transaction'), 0);
  if (m.problems.length) return fail(...m.problems);
  const amountMinor = moved || lines.reduce((s, l) => s + l.amountMinor + l.taxMinor, 0) + shippingMinor;
  return ok({
    platform: 'shopify',
    storefrontOrderId: String(r.order_id),
    storefrontRefundId: gidTail(r.admin_graphql_api_id ?? r.id),
    createdAt: iso(r.created_at) ?? r.created_at,
    currency,
    amountMinor,
    ...(r.note ? { reason: r.note } : {}),
    lines: lines.map(({ taxMinor: _tax, ...rest }) => rest),
    shippingMinor,
  });
}
