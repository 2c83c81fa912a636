/**
 * WooCommerce REST v3 payload shapes, as far as we read them (REST.md). Every object is `loose`: newer
 * WooCommerce versions and plugins add fields, and those must not break intake. These shapes never leave
 * this folder: the converter turns them into prima-core's canonical types.
 */
import { z } from 'zod';

const money = z.union([z.string(), z.number()]);
const wooId = z.number().int().nonnegative();

export const wooMetaSchema = z.looseObject({
  id: z.number().int().optional(),
  key: z.string(),
  value: z.unknown(),
});

export const wooAddressSchema = z.looseObject({
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  company: z.string().default(''),
  address_1: z.string().default(''),
  address_2: z.string().default(''),
  city: z.string().default(''),
  state: z.string().default(''),
  postcode: z.string().default(''),
  country: z.string().default(''),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export const wooLineItemSchema = z.looseObject({
  id: wooId,
  name: z.string().default(''),
  product_id: wooId.default(0),
  variation_id: wooId.default(0),
  quantity: z.number().int(),
  subtotal: money,
  subtotal_tax: money.default('0'),
  total: money,
  total_tax: money.default('0'),
  sku: z.string().nullish(),
  meta_data: z.array(wooMetaSchema).default([]),
});

export const wooShippingLineSchema = z.looseObject({
  id: wooId,
  method_title: z.string().default(''),
  method_id: z.string().default(''),
  instance_id: z.string().nullish(),
  total: money,
  total_tax: money.default('0'),
});

export const wooFeeLineSchema = z.looseObject({
  id: wooId,
  name: z.string().default(''),
  total: money,
  total_tax: money.default('0'),
});

export const wooCouponLineSchema = z.looseObject({
  id: wooId,
  code: z.string(),
  discount: money.default('0'),
  discount_tax: money.default('0'),
});

export const wooOrderSchema = z.looseObject({
  id: wooId,
  parent_id: wooId.default(0),
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  currency: z.string().length(3),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  discount_total: money.default('0'),
  discount_tax: money.default('0'),
  shipping_total: money.default('0'),
  shipping_tax: money.default('0'),
  total: money,
  total_tax: money.default('0'),
  prices_include_tax: z.boolean(),
  customer_id: wooId.default(0),
  customer_note: z.string().nullish(),
  billing: wooAddressSchema.nullish(),
  shipping: wooAddressSchema.nullish(),
  payment_method: z.string().default(''),
  transaction_id: z.string().nullish(),
  meta_data: z.array(wooMetaSchema).default([]),
  line_items: z.array(wooLineItemSchema).default([]),
  shipping_lines: z.array(wooShippingLineSchema).default([]),
  fee_lines: z.array(wooFeeLineSchema).default([]),
  coupon_lines: z.array(wooCouponLineSchema).default([]),
  refunds: z.array(z.looseObject({ id: wooId, total: money })).default([]),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;

const stockStatus = z.string().nullish();

export const wooProductSchema = z.looseObject({
  id: wooId,
  name: z.string().default(''),
  type: z.string().default('simple'),
  sku: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).default(false),
  stock_quantity: z.number().int().nullish(),
  stock_status: stockStatus,
  variations: z.array(wooId).default([]),
});
export type WooProduct = z.infer<typeof wooProductSchema>;

export const wooVariationSchema = z.looseObject({
  id: wooId,
  parent_id: wooId.optional(),
  sku: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).default(false),
  stock_quantity: z.number().int().nullish(),
  attributes: z.array(z.looseObject({ name: z.string(), option: z.string() })).default([]),
});
export type WooVariation = z.infer<typeof wooVariationSchema>;

export const wooBatchReplySchema = z.looseObject({
  update: z
    .array(
      z.looseObject({
        id: z.number().int(),
        error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
      }),
    )
    .default([]),
});

export const wooErrorSchema = z.looseObject({ code: z.string(), message: z.string() });

export const wooRefundSchema = z.looseObject({
  id: wooId,
  date_created_gmt: z.string().nullish(),
  amount: money,
  reason: z.string().nullish(),
  line_items: z
    .array(
      z.looseObject({
        id: wooId,
        quantity: z.number().int(),
        total: money,
        total_tax: money.default('0'),
        sku: z.string().nullish(),
        meta_data: z.array(wooMetaSchema).default([]),
      }),
    )
    .default([]),
  shipping_lines: z.array(z.looseObject({ total: money, total_tax: money.default('0') })).default([]),
});
export type WooRefund = z.infer<typeof wooRefundSchema>;
