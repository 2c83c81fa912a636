import type {
  SimAddress,
  SimOrder,
  SimOrderItem,
  SimProduct,
  SimShipment,
  SimSource,
  SimSourceItem,
} from './model.js';
import { toDecimal } from './money.js';

/** Wire shapes of Commerce REST V1 (`sales-data-order-interface` and friends), built from emulator records. */

type Json = Record<string, unknown>;

function address(
  a: SimAddress,
  type: 'billing' | 'shipping',
  orderId: number,
  entityId: number,
  email: string,
): Json {
  return {
    address_type: type,
    entity_id: entityId,
    parent_id: orderId,
    firstname: a.firstname,
    lastname: a.lastname,
    ...(a.company ? { company: a.company } : {}),
    street: a.street,
    city: a.city,
    ...(a.region ? { region: a.region } : {}),
    postcode: a.postcode,
    country_id: a.countryId,
    telephone: a.telephone,
    email: a.email ?? email,
  };
}

function item(o: SimOrder, i: SimOrderItem): Json {
  return {
    item_id: i.itemId,
    order_id: o.entityId,
    sku: i.sku,
    name: i.name,
    product_id: i.productId,
    product_type: i.productType,
    ...(i.parentItemId !== undefined ? { parent_item_id: i.parentItemId } : {}),
    qty_ordered: i.qtyOrdered,
    qty_shipped: i.qtyShipped,
    qty_invoiced: i.qtyInvoiced,
    price: toDecimal(i.priceExclMinor),
    base_price: toDecimal(i.priceExclMinor),
    price_incl_tax: toDecimal(i.priceInclMinor),
    base_price_incl_tax: toDecimal(i.priceInclMinor),
    original_price: toDecimal(i.priceInclMinor),
    row_total: toDecimal(i.rowExclMinor),
    base_row_total: toDecimal(i.rowExclMinor),
    row_total_incl_tax: toDecimal(i.rowInclMinor),
    base_row_total_incl_tax: toDecimal(i.rowInclMinor),
    discount_amount: toDecimal(i.discountMinor),
    base_discount_amount: toDecimal(i.discountMinor),
    tax_amount: toDecimal(i.taxMinor),
    base_tax_amount: toDecimal(i.taxMinor),
    tax_percent: i.taxPercent,
    is_virtual: 0,
    store_id: o.storeId,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}

/** `GET /V1/orders/{id}`: what Commerce answers, including the shipping assignment that carries the method. */
export function orderPayload(o: SimOrder): Json {
  const billing = address(o.billing, 'billing', o.entityId, o.entityId * 10 + 1, o.customerEmail);
  const shipping = address(o.shipping, 'shipping', o.entityId, o.entityId * 10 + 2, o.customerEmail);
  const items = o.items.map((i) => item(o, i));
  const shippingExcl = o.shippingInclMinor - o.shippingTaxMinor;
  return {
    entity_id: o.entityId,
    increment_id: o.incrementId,
    state: o.state,
    status: o.status,
    store_id: o.storeId,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    order_currency_code: o.currency,
    base_currency_code: o.currency,
    store_currency_code: o.currency,
    global_currency_code: o.currency,
    customer_email: o.customerEmail,
    customer_firstname: o.customerFirstname,
    customer_lastname: o.customerLastname,
    customer_is_guest: o.customerId === undefined ? 1 : 0,
    ...(o.customerId !== undefined ? { customer_id: o.customerId } : {}),
    grand_total: toDecimal(o.grandTotalMinor),
    base_grand_total: toDecimal(o.grandTotalMinor),
    subtotal: toDecimal(o.subtotalExclMinor),
    base_subtotal: toDecimal(o.subtotalExclMinor),
    subtotal_incl_tax: toDecimal(o.subtotalInclMinor),
    tax_amount: toDecimal(o.taxMinor),
    base_tax_amount: toDecimal(o.taxMinor),
    discount_amount: toDecimal(-o.discountMinor),
    base_discount_amount: toDecimal(-o.discountMinor),
    shipping_amount: toDecimal(shippingExcl),
    base_shipping_amount: toDecimal(shippingExcl),
    shipping_incl_tax: toDecimal(o.shippingInclMinor),
    base_shipping_incl_tax: toDecimal(o.shippingInclMinor),
    shipping_tax_amount: toDecimal(o.shippingTaxMinor),
    shipping_discount_amount: toDecimal(o.shippingDiscountMinor),
    shipping_description: o.shippingDescription,
    total_paid: toDecimal(o.totalPaidMinor),
    total_due: toDecimal(o.grandTotalMinor - o.totalPaidMinor),
    // Commerce leaves the field out until a credit memo sets it.
    ...(o.totalRefundedMinor > 0 ? { total_refunded: toDecimal(o.totalRefundedMinor) } : {}),
    total_qty_ordered: o.items
      .filter((i) => i.parentItemId === undefined)
      .reduce((s, i) => s + i.qtyOrdered, 0),
    total_item_count: o.items.length,
    billing_address_id: o.entityId * 10 + 1,
    items,
    billing_address: billing,
    payment: {
      entity_id: o.entityId,
      parent_id: o.entityId,
      method: o.paymentMethod,
      account_status: null,
      additional_information: [],
      cc_last4: null,
      amount_ordered: toDecimal(o.grandTotalMinor),
      amount_paid: toDecimal(o.totalPaidMinor),
      ...(o.transactionId ? { last_trans_id: o.transactionId } : {}),
    },
    status_histories: o.histories.map((h) => ({
      entity_id: h.entityId,
      parent_id: o.entityId,
      comment: h.comment,
      status: h.status,
      is_customer_notified: h.isCustomerNotified,
      is_visible_on_front: h.isVisibleOnFront,
      created_at: h.createdAt,
      entity_name: 'order',
    })),
    extension_attributes: {
      shipping_assignments: [
        {
          shipping: {
            address: shipping,
            method: o.shippingMethod,
            total: {
              shipping_amount: toDecimal(shippingExcl),
              shipping_incl_tax: toDecimal(o.shippingInclMinor),
              shipping_tax_amount: toDecimal(o.shippingTaxMinor),
              shipping_discount_amount: toDecimal(o.shippingDiscountMinor),
            },
          },
          items,
        },
      ],
    },
  };
}

/** Commerce's events serialise numbers as strings more often than not ("qty": "65"): we always do. */
function stringifyNumbers(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(stringifyNumbers);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringifyNumbers(x)]));
  return v;
}

/** `data.value` of `observer.sales_order_save_commit_after`: the event's field names, not the REST ones. */
export function orderEventValue(o: SimOrder, isNew: boolean): Json {
  const rest = orderPayload(o);
  const {
    entity_id: _id,
    billing_address: _b,
    extension_attributes: _e,
    status_histories,
    total_due: _d,
    payment,
    ...top
  } = rest as Json & { payment: Json };
  const { entity_id: _pe, ...paymentFields } = payment;
  const billing = address(o.billing, 'billing', o.entityId, o.entityId * 10 + 1, o.customerEmail);
  const shipping = address(o.shipping, 'shipping', o.entityId, o.entityId * 10 + 2, o.customerEmail);
  return stringifyNumbers({
    ...top,
    real_order_id: o.incrementId,
    payment: { ...paymentFields, entity_id: o.entityId },
    addresses: [billing, shipping],
    status_histories,
    _isNew: isNew,
  }) as Json;
}

/** `data.value` of `observer.sales_order_invoice_save_after`. */
export function invoiceEventValue(o: SimOrder, invoiceId: number): Json {
  return stringifyNumbers({
    increment_id: String(invoiceId).padStart(9, '0'),
    order_id: o.entityId,
    state: 2, // Magento\Sales\Model\Order\Invoice::STATE_PAID
    grand_total: toDecimal(o.grandTotalMinor),
    base_grand_total: toDecimal(o.grandTotalMinor),
    tax_amount: toDecimal(o.taxMinor),
    order_currency_code: o.currency,
    base_currency_code: o.currency,
    store_id: o.storeId,
    total_qty: o.items.filter((i) => i.parentItemId === undefined).reduce((s, i) => s + i.qtyOrdered, 0),
    created_at: o.updatedAt,
    updated_at: o.updatedAt,
    _isNew: true,
  }) as Json;
}

export function shipmentPayload(s: SimShipment): Json {
  return {
    entity_id: s.entityId,
    increment_id: s.incrementId,
    order_id: s.orderId,
    created_at: s.createdAt,
    total_qty: s.items.reduce((n, i) => n + i.qty, 0),
    items: s.items.map((i) => ({
      order_item_id: i.orderItemId,
      qty: i.qty,
      sku: i.sku,
      name: i.name,
      parent_id: s.entityId,
    })),
    tracks: s.tracks.map((t) => ({
      entity_id: t.entityId,
      order_id: s.orderId,
      parent_id: s.entityId,
      weight: 0,
      qty: 0,
      description: '',
      track_number: t.trackNumber,
      title: t.title,
      carrier_code: t.carrierCode,
    })),
    comments: s.comments.map((c) => ({
      entity_id: c.entityId,
      parent_id: s.entityId,
      comment: c.comment,
      is_customer_notified: 0,
      is_visible_on_front: c.isVisibleOnFront,
    })),
    extension_attributes: { source_code: s.sourceCode },
  };
}

export function productPayload(p: SimProduct): Json {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    type_id: p.typeId,
    price: toDecimal(p.priceMinor),
    status: 1,
    visibility: p.parentSku ? 1 : 4,
    attribute_set_id: 4,
    updated_at: p.updatedAt,
  };
}

export const sourcePayload = (s: SimSource): Json => ({
  source_code: s.sourceCode,
  name: s.name,
  enabled: s.enabled,
});

export const sourceItemPayload = (i: SimSourceItem): Json => ({
  sku: i.sku,
  source_code: i.sourceCode,
  quantity: i.quantity,
  status: i.status,
});

/** What a credit memo gives back for some order rows, tax included and discount taken off (before shipping). */
export function creditmemoSubtotalMinor(rows: { item: SimOrderItem; qty: number }[]): number {
  return rows.reduce(
    (s, r) => s + Math.round((r.item.rowInclMinor - r.item.discountMinor) * (r.qty / r.item.qtyOrdered)),
    0,
  );
}

/** `data.value` of `observer.sales_order_creditmemo_save_after` for a refund of some order rows. */
export function creditmemoEventValue(
  o: SimOrder,
  creditmemo: {
    incrementId: string;
    rows: { item: SimOrderItem; qty: number }[];
    shippingMinor: number;
    createdAt: string;
  },
): Json {
  const subtotal = creditmemoSubtotalMinor(creditmemo.rows);
  return stringifyNumbers({
    increment_id: creditmemo.incrementId,
    order_id: o.entityId,
    state: 2, // Magento\Sales\Model\Order\Creditmemo::STATE_REFUNDED
    order_currency_code: o.currency,
    base_currency_code: o.currency,
    grand_total: toDecimal(subtotal + creditmemo.shippingMinor),
    base_grand_total: toDecimal(subtotal + creditmemo.shippingMinor),
    subtotal_incl_tax: toDecimal(subtotal),
    shipping_incl_tax: toDecimal(creditmemo.shippingMinor),
    created_at: creditmemo.createdAt,
    updated_at: creditmemo.createdAt,
    items: creditmemo.rows.map((r) => ({
      order_item_id: r.item.itemId,
      sku: r.item.sku,
      name: r.item.name,
      qty: r.qty,
      price_incl_tax: toDecimal(r.item.priceInclMinor),
      row_total_incl_tax: toDecimal(Math.round(r.item.rowInclMinor * (r.qty / r.item.qtyOrdered))),
      discount_amount: toDecimal(Math.round(r.item.discountMinor * (r.qty / r.item.qtyOrdered))),
    })),
    _isNew: true,
  }) as Json;
}
