/**
 * The emulator's own records, shaped as WooCommerce REST v3 returns them (see
 * ../shared/contracts/woocommerce/REST.md). Money is kept in integer minor units internally and only
 * becomes WooCommerce's decimal strings when serialised (see serialize.ts).
 */

export type WooOrderStatus =
  | 'pending'
  | 'processing'
  | 'on-hold'
  | 'completed'
  | 'cancelled'
  | 'refunded'
  | 'failed'
  | 'trash';

export const ORDER_STATUSES: readonly WooOrderStatus[] = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
];

export interface WooMeta {
  id: number;
  key: string;
  value: unknown;
}

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface SimProduct {
  id: number;
  name: string;
  type: 'simple' | 'variable';
  sku: string;
  /** Regular price in minor units, as the merchant entered it (tax-inclusive when the shop says so). */
  priceMinor: number;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  variations: number[];
  date_modified_gmt: string;
}

export interface SimVariation {
  id: number;
  parent_id: number;
  sku: string;
  priceMinor: number;
  attributes: { id: number; name: string; option: string }[];
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  date_modified_gmt: string;
}

export interface SimLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotalMinor: number;
  subtotalTaxMinor: number;
  totalMinor: number;
  totalTaxMinor: number;
  sku: string;
  meta_data: WooMeta[];
}

export interface SimShippingLine {
  id: number;
  method_title: string;
  method_id: string;
  instance_id: string;
  totalMinor: number;
  totalTaxMinor: number;
}

export interface SimFeeLine {
  id: number;
  name: string;
  totalMinor: number;
  totalTaxMinor: number;
}

export interface SimCouponLine {
  id: number;
  code: string;
  discountMinor: number;
  discountTaxMinor: number;
}

export interface SimOrderNote {
  id: number;
  author: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

export interface SimOrder {
  id: number;
  number: string;
  order_key: string;
  created_via: string;
  status: WooOrderStatus;
  currency: string;
  prices_include_tax: boolean;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_paid_gmt: string | null;
  date_completed_gmt: string | null;
  customer_id: number;
  customer_note: string;
  billing: WooAddress;
  shipping: WooAddress;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  meta_data: WooMeta[];
  line_items: SimLineItem[];
  shipping_lines: SimShippingLine[];
  fee_lines: SimFeeLine[];
  coupon_lines: SimCouponLine[];
  /** Tax rate applied to everything, in basis points (2000 = 20 %): one rate keeps the emulator honest and small. */
  taxRateBp: number;
  notes: SimOrderNote[];
  refunds: SimRefund[];
}

export interface SimWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  delivery_url: string;
  secret: string;
  failure_count: number;
}

export interface WebhookDelivery {
  webhookId: number;
  deliveryId: number;
  topic: string;
  resourceId: number | null;
  status: number | null;
  error?: string;
}

export interface SimRefund {
  id: number;
  reason: string;
  date_created_gmt: string;
  /** Amount returned to the customer (positive), tax included. */
  totalMinor: number;
  lines: { id: number; lineItemId: number; quantity: number; totalMinor: number; totalTaxMinor: number }[];
  shippingMinor: number;
  shippingTaxMinor: number;
}
