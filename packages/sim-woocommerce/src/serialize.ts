/** Turns the emulator's records into the exact REST v3 JSON shapes (money as strings, ids as numbers). */
import { formatMinor } from './money.js';
import type { SimOrder, SimProduct, SimRefund, SimVariation } from './types.js';

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function orderTotals(o: SimOrder) {
  const lineTotal = sum(o.line_items.map((l) => l.totalMinor));
  const lineTax = sum(o.line_items.map((l) => l.totalTaxMinor));
  const shipping = sum(o.shipping_lines.map((s) => s.totalMinor));
  const shippingTax = sum(o.shipping_lines.map((s) => s.totalTaxMinor));
  const fees = sum(o.fee_lines.map((f) => f.totalMinor));
  const feeTax = sum(o.fee_lines.map((f) => f.totalTaxMinor));
  const discount = sum(o.line_items.map((l) => l.subtotalMinor - l.totalMinor));
  const discountTax = sum(o.line_items.map((l) => l.subtotalTaxMinor - l.totalTaxMinor));
  const totalTax = lineTax + shippingTax + feeTax;
  return {
    discount,
    discountTax,
    shipping,
    shippingTax,
    cartTax: lineTax + feeTax,
    totalTax,
    total: lineTotal + shipping + fees + totalTax,
  };
}

export function serializeOrder(o: SimOrder) {
  const t = orderTotals(o);
  const m = (v: number) => formatMinor(v);
  return {
    id: o.id,
    parent_id: 0,
    number: o.number,
    order_key: o.order_key,
    created_via: o.created_via,
    version: '9.4.0',
    status: o.status,
    currency: o.currency,
    date_created: o.date_created_gmt,
    date_created_gmt: o.date_created_gmt,
    date_modified: o.date_modified_gmt,
    date_modified_gmt: o.date_modified_gmt,
    discount_total: m(t.discount),
    discount_tax: m(t.discountTax),
    shipping_total: m(t.shipping),
    shipping_tax: m(t.shippingTax),
    cart_tax: m(t.cartTax),
    total: m(t.total),
    total_tax: m(t.totalTax),
    prices_include_tax: o.prices_include_tax,
    customer_id: o.customer_id,
    customer_ip_address: '127.0.0.1',
    customer_user_agent: 'sim-woocommerce',
    customer_note: o.customer_note,
    billing: o.billing,
    shipping: o.shipping,
    payment_method: o.payment_method,
    payment_method_title: o.payment_method_title,
    transaction_id: o.transaction_id,
    date_paid: o.date_paid_gmt,
    date_paid_gmt: o.date_paid_gmt,
    date_completed: o.date_completed_gmt,
    date_completed_gmt: o.date_completed_gmt,
    cart_hash: '',
    meta_data: o.meta_data,
    line_items: o.line_items.map((l) => ({
      id: l.id,
      name: l.name,
      product_id: l.product_id,
      variation_id: l.variation_id,
      quantity: l.quantity,
      tax_class: l.tax_class,
      subtotal: m(l.subtotalMinor),
      subtotal_tax: m(l.subtotalTaxMinor),
      total: m(l.totalMinor),
      total_tax: m(l.totalTaxMinor),
      taxes: [{ id: 1, total: m(l.totalTaxMinor), subtotal: m(l.subtotalTaxMinor) }],
      meta_data: l.meta_data,
      sku: l.sku,
      // WooCommerce reports the unit price as a float (total / quantity, excluding tax).
      price: l.totalMinor / 100 / l.quantity,
      parent_name: null,
    })),
    tax_lines: [
      {
        id: 1,
        rate_code: `TAX-${o.taxRateBp / 100}`,
        rate_id: 1,
        label: 'VAT',
        compound: false,
        tax_total: m(t.cartTax),
        shipping_tax_total: m(t.shippingTax),
        rate_percent: o.taxRateBp / 100,
        meta_data: [],
      },
    ],
    shipping_lines: o.shipping_lines.map((s) => ({
      id: s.id,
      method_title: s.method_title,
      method_id: s.method_id,
      instance_id: s.instance_id,
      total: m(s.totalMinor),
      total_tax: m(s.totalTaxMinor),
      taxes: [{ id: 1, total: m(s.totalTaxMinor), subtotal: '' }],
      meta_data: [],
    })),
    fee_lines: o.fee_lines.map((f) => ({
      id: f.id,
      name: f.name,
      tax_class: '',
      tax_status: 'taxable',
      total: m(f.totalMinor),
      total_tax: m(f.totalTaxMinor),
      taxes: [{ id: 1, total: m(f.totalTaxMinor), subtotal: '' }],
      meta_data: [],
    })),
    coupon_lines: o.coupon_lines.map((c) => ({
      id: c.id,
      code: c.code,
      discount: m(c.discountMinor),
      discount_tax: m(c.discountTaxMinor),
      meta_data: [],
    })),
    refunds: o.refunds.map((r) => ({ id: r.id, reason: r.reason, total: m(-r.totalMinor) })),
    needs_payment: o.status === 'pending' || o.status === 'failed',
    needs_processing: true,
  };
}

export type WooOrderJson = ReturnType<typeof serializeOrder>;

export function serializeProduct(p: SimProduct) {
  return {
    id: p.id,
    name: p.name,
    slug: p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    type: p.type,
    status: 'publish',
    sku: p.sku,
    price: formatMinor(p.priceMinor),
    regular_price: formatMinor(p.priceMinor),
    manage_stock: p.manage_stock,
    stock_quantity: p.stock_quantity,
    stock_status: p.stock_status,
    backorders: p.backorders,
    variations: p.variations,
    date_modified: p.date_modified_gmt,
    date_modified_gmt: p.date_modified_gmt,
    meta_data: [],
  };
}

export function serializeVariation(v: SimVariation) {
  return {
    id: v.id,
    parent_id: v.parent_id,
    sku: v.sku,
    price: formatMinor(v.priceMinor),
    regular_price: formatMinor(v.priceMinor),
    attributes: v.attributes,
    manage_stock: v.manage_stock,
    stock_quantity: v.stock_quantity,
    stock_status: v.stock_status,
    backorders: v.backorders,
    date_modified: v.date_modified_gmt,
    date_modified_gmt: v.date_modified_gmt,
    meta_data: [],
  };
}

/** GET /orders/{id}/refunds: amounts negative on lines, `amount` positive, as WooCommerce reports them. */
export function serializeRefund(o: SimOrder, r: SimRefund) {
  const m = (v: number) => formatMinor(v);
  return {
    id: r.id,
    date_created: r.date_created_gmt,
    date_created_gmt: r.date_created_gmt,
    amount: m(r.totalMinor),
    reason: r.reason,
    refunded_by: 1,
    refunded_payment: false,
    meta_data: [],
    line_items: r.lines.map((l) => {
      const li = o.line_items.find((x) => x.id === l.lineItemId);
      return {
        id: l.id,
        name: li?.name ?? '',
        product_id: li?.product_id ?? 0,
        variation_id: li?.variation_id ?? 0,
        quantity: -l.quantity,
        tax_class: '',
        subtotal: m(-l.totalMinor),
        subtotal_tax: m(-l.totalTaxMinor),
        total: m(-l.totalMinor),
        total_tax: m(-l.totalTaxMinor),
        taxes: [],
        meta_data: [{ id: l.id, key: '_refunded_item_id', value: String(l.lineItemId) }],
        sku: li?.sku ?? '',
        price: 0,
        refund_total: (l.totalMinor + l.totalTaxMinor) / 100,
      };
    }),
    shipping_lines: r.shippingMinor
      ? [
          {
            id: r.id + 1_000_000,
            method_title: 'Shipping',
            method_id: '',
            total: m(-r.shippingMinor),
            total_tax: m(-r.shippingTaxMinor),
          },
        ]
      : [],
    fee_lines: [],
  };
}
