/**
 * Webhooks as Shopify sends them: JSON bodies shaped like Shopify's example payloads, signed with
 * X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(raw body, app secret)), with the other X-Shopify-* headers.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { examplePayload, type WebhookTopic } from './fixtures.js';
import { decimal, gid, restMoneySet } from './ids.js';
import {
  orderTotals,
  refundedUnits,
  type ShopState,
  type SimAddress,
  type SimOrder,
  type SimRefund,
} from './state.js';

export function signWebhookBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export interface WebhookDelivery {
  topic: WebhookTopic;
  url: string;
  webhookId: string;
  eventId: string;
  body: string;
  headers: Record<string, string>;
  status: number | null;
  error?: string;
}

export function webhookHeaders(opts: {
  topic: WebhookTopic;
  body: string;
  secret: string;
  shopDomain: string;
  apiVersion: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': opts.topic,
    'X-Shopify-Hmac-Sha256': signWebhookBody(opts.body, opts.secret),
    'X-Shopify-Shop-Domain': opts.shopDomain,
    'X-Shopify-API-Version': opts.apiVersion,
    'X-Shopify-Webhook-Id': opts.webhookId ?? randomUUID(),
    'X-Shopify-Event-Id': opts.eventId ?? randomUUID(),
    'X-Shopify-Triggered-At': opts.triggeredAt ?? new Date().toISOString(),
  };
}

function restAddress(a: SimAddress | null) {
  if (!a) return null;
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: `${a.firstName} ${a.lastName}`.trim(),
    company: a.company ?? null,
    address1: a.address1,
    address2: a.address2 ?? null,
    city: a.city,
    province: a.province ?? null,
    province_code: a.provinceCode ?? null,
    zip: a.zip,
    country: a.countryCode,
    country_code: a.countryCode,
    phone: a.phone ?? null,
    latitude: null,
    longitude: null,
  };
}

const REST_FINANCIAL: Record<SimOrder['financialStatus'], string> = {
  PENDING: 'pending',
  AUTHORIZED: 'authorized',
  PAID: 'paid',
  PARTIALLY_REFUNDED: 'partially_refunded',
  REFUNDED: 'refunded',
  VOIDED: 'voided',
};

/** An order payload (orders/create, paid, updated, cancelled): Shopify's example with this order's data. */
export function orderPayload(
  _state: ShopState,
  o: SimOrder,
  topic: WebhookTopic = 'orders/create',
): Record<string, unknown> {
  const base = examplePayload(topic);
  const exampleLine = (base.line_items as Record<string, unknown>[])[0] ?? {};
  const exampleShipping = (base.shipping_lines as Record<string, unknown>[])[0] ?? {};
  const t = orderTotals(o);
  const cur = o.currency;
  const money = (m: number) => restMoneySet(m, cur);
  return {
    ...base,
    id: o.id,
    admin_graphql_api_id: gid('Order', o.id),
    name: o.name,
    number: o.number - 1000,
    order_number: o.number,
    email: o.email,
    contact_email: o.email,
    phone: o.phone,
    currency: cur,
    presentment_currency: cur,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.createdAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelReason,
    financial_status: REST_FINANCIAL[o.financialStatus],
    fulfillment_status: o.fulfillments.length ? 'partial' : null,
    taxes_included: o.taxesIncluded,
    test: true,
    note: o.note,
    tags: o.tags.join(', '),
    payment_gateway_names: [...new Set(o.transactions.map((tr) => tr.gateway))],
    total_line_items_price: decimal(t.lineItemsMinor),
    total_line_items_price_set: money(t.lineItemsMinor),
    subtotal_price: decimal(t.subtotalMinor),
    subtotal_price_set: money(t.subtotalMinor),
    current_subtotal_price: decimal(t.subtotalMinor),
    current_subtotal_price_set: money(t.subtotalMinor),
    total_discounts: decimal(t.discountsMinor),
    total_discounts_set: money(t.discountsMinor),
    current_total_discounts: decimal(t.discountsMinor),
    current_total_discounts_set: money(t.discountsMinor),
    total_tax: decimal(t.taxMinor),
    total_tax_set: money(t.taxMinor),
    current_total_tax: decimal(t.taxMinor),
    current_total_tax_set: money(t.taxMinor),
    total_price: decimal(t.totalMinor),
    total_price_set: money(t.totalMinor),
    current_total_price: decimal(t.totalMinor),
    current_total_price_set: money(t.totalMinor),
    total_outstanding: o.financialStatus === 'PAID' ? '0.00' : decimal(t.totalMinor),
    total_shipping_price_set: money(t.shippingMinor),
    current_shipping_price_set: money(t.shippingMinor),
    tax_lines: t.taxMinor
      ? [
          {
            price: decimal(t.taxMinor),
            rate: 0.2,
            title: 'VAT',
            price_set: money(t.taxMinor),
            channel_liable: false,
          },
        ]
      : [],
    discount_codes: [],
    discount_applications: [],
    customer: o.customer
      ? {
          ...(base.customer as Record<string, unknown>),
          id: o.customer.id,
          admin_graphql_api_id: gid('Customer', o.customer.id),
          first_name: o.customer.firstName,
          last_name: o.customer.lastName,
          email: o.customer.email,
          phone: o.customer.phone,
          currency: cur,
          default_address: null,
        }
      : null,
    billing_address: restAddress(o.billingAddress),
    shipping_address: restAddress(o.shippingAddress),
    line_items: o.lines.map((l) => ({
      ...exampleLine,
      id: l.id,
      admin_graphql_api_id: gid('LineItem', l.id),
      attributed_staffs: [],
      // As on Shopify: `quantity` never goes down, `current_quantity` leaves out refunded units.
      current_quantity: l.quantity - refundedUnits(o, l.id),
      fulfillable_quantity: l.quantity,
      gift_card: l.giftCard,
      name: l.title,
      title: l.title,
      price: decimal(l.priceMinor),
      price_set: money(l.priceMinor),
      product_id: l.productId,
      product_exists: l.productId !== null,
      variant_id: l.variantId,
      quantity: l.quantity,
      requires_shipping: l.requiresShipping,
      sku: l.sku || null,
      total_discount: decimal(l.discountMinor),
      total_discount_set: money(l.discountMinor),
      tax_lines: l.taxMinor
        ? [
            {
              price: decimal(l.taxMinor),
              rate: 0.2,
              title: 'VAT',
              price_set: money(l.taxMinor),
              channel_liable: false,
            },
          ]
        : [],
      discount_allocations: l.discountMinor
        ? [
            {
              amount: decimal(l.discountMinor),
              amount_set: money(l.discountMinor),
              discount_application_index: 0,
            },
          ]
        : [],
    })),
    shipping_lines: o.shippingLines.map((s) => ({
      ...exampleShipping,
      id: s.id,
      code: s.code,
      title: s.title,
      source: 'shopify',
      price: decimal(s.priceMinor),
      price_set: money(s.priceMinor),
      discounted_price: decimal(s.priceMinor - s.discountMinor),
      discounted_price_set: money(s.priceMinor - s.discountMinor),
      current_discounted_price_set: money(s.priceMinor - s.discountMinor),
      tax_lines: s.taxMinor
        ? [
            {
              price: decimal(s.taxMinor),
              rate: 0.2,
              title: 'VAT',
              price_set: money(s.taxMinor),
              channel_liable: false,
            },
          ]
        : [],
      discount_allocations: s.discountMinor
        ? [
            {
              amount: decimal(s.discountMinor),
              amount_set: money(s.discountMinor),
              discount_application_index: 0,
            },
          ]
        : [],
    })),
    fulfillments: [],
    refunds: o.refunds.map((r) => ({
      id: r.id,
      admin_graphql_api_id: gid('Refund', r.id),
      created_at: r.createdAt,
      note: r.note,
      order_id: o.id,
      refund_line_items: r.lines.map((rl) => ({
        line_item_id: rl.lineItemId,
        quantity: rl.quantity,
        restock_type: rl.restock ? 'return' : 'no_restock',
      })),
    })),
    returns: [],
    line_item_groups: [],
  };
}

export function refundPayload(state: ShopState, o: SimOrder, r: SimRefund): Record<string, unknown> {
  const base = examplePayload('refunds/create');
  const exampleRefundLine = (base.refund_line_items as Record<string, unknown>[])[0] ?? {};
  const cur = o.currency;
  const money = (m: number) => restMoneySet(m, cur);
  const orderLines = orderPayload(state, o).line_items as Record<string, unknown>[];
  return {
    ...base,
    id: r.id,
    admin_graphql_api_id: gid('Refund', r.id),
    order_id: o.id,
    created_at: r.createdAt,
    processed_at: r.createdAt,
    note: r.note,
    restock: r.lines.some((l) => l.restock),
    refund_line_items: r.lines.map((rl, i) => {
      const line = o.lines.find((l) => l.id === rl.lineItemId);
      const unit = line ? line.priceMinor - Math.floor(line.discountMinor / line.quantity) : 0;
      const subtotal = unit * rl.quantity;
      const tax = line?.quantity ? Math.round((line.taxMinor * rl.quantity) / line.quantity) : 0;
      return {
        ...exampleRefundLine,
        id: r.id * 100 + i,
        line_item_id: rl.lineItemId,
        quantity: rl.quantity,
        location_id: null,
        restock_type: rl.restock ? 'return' : 'no_restock',
        subtotal: subtotal / 100,
        total_tax: tax / 100,
        subtotal_set: money(subtotal),
        total_tax_set: money(tax),
        line_item: orderLines.find((l) => l.id === rl.lineItemId) ?? null,
      };
    }),
    refund_shipping_lines: r.shippingMinor
      ? [
          {
            id: r.id * 100 + 99,
            shipping_line_id: o.shippingLines[0]?.id ?? null,
            subtotal_amount_set: money(r.shippingMinor),
          },
        ]
      : [],
    order_adjustments: [],
    transactions: [
      {
        id: r.id + 1,
        admin_graphql_api_id: gid('OrderTransaction', r.id + 1),
        amount: decimal(refundAmount(o, r)),
        currency: cur,
        gateway: o.transactions[0]?.gateway ?? 'manual',
        kind: 'refund',
        status: 'success',
        order_id: o.id,
        created_at: r.createdAt,
        processed_at: r.createdAt,
      },
    ],
  };
}

/** What the customer got back: refunded lines (net of discount, plus tax when prices exclude it) and shipping. */
export function refundAmount(o: SimOrder, r: SimRefund): number {
  let total = r.shippingMinor;
  for (const rl of r.lines) {
    const line = o.lines.find((l) => l.id === rl.lineItemId);
    if (!line) continue;
    const unit = line.priceMinor - Math.floor(line.discountMinor / line.quantity);
    const tax = line.quantity ? Math.round((line.taxMinor * rl.quantity) / line.quantity) : 0;
    total += unit * rl.quantity + (o.taxesIncluded ? 0 : tax);
  }
  return total;
}

export function compliancePayload(
  state: ShopState,
  topic: 'customers/data_request' | 'customers/redact' | 'shop/redact',
  customer?: { id: number; email: string; phone: string | null },
  orderIds: number[] = [],
): Record<string, unknown> {
  const base = examplePayload(topic);
  const out: Record<string, unknown> = { ...base, shop_id: 1, shop_domain: state.shopDomain };
  if (topic !== 'shop/redact' && customer)
    out.customer = { id: customer.id, email: customer.email, phone: customer.phone };
  if (topic === 'customers/data_request') out.orders_requested = orderIds;
  if (topic === 'customers/redact') out.orders_to_redact = orderIds;
  return out;
}

export function uninstalledPayload(state: ShopState): Record<string, unknown> {
  return {
    ...examplePayload('app/uninstalled'),
    name: state.shopName,
    domain: state.shopDomain,
    myshopify_domain: state.shopDomain,
    currency: state.currency,
  };
}
