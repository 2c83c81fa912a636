/**
 * zod schemas for everything that enters the engine from a host (events, refunds, control calls) and for
 * job payloads read back from the queue (they crossed a database, so they are input too). Hosts convert
 * platform payloads to canonical types at their edge; these schemas check the canonical shapes.
 */
import { z } from 'zod';

const minor = z.number().int();
const iso = z.string().min(1);

const addressSchema = z.object({
  title: z.string().optional(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().optional(),
  lines: z.array(z.string()),
  city: z.string(),
  region: z.string().optional(),
  postcode: z.string(),
  country: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export const orderSchema = z.object({
  platform: z.enum(['shopify', 'woocommerce', 'magento']),
  storefrontOrderId: z.string().min(1),
  orderNumber: z.string().min(1),
  createdAt: iso,
  updatedAt: iso,
  currency: z.string().length(3),
  pricesIncludeTax: z.boolean(),
  financialStatus: z.enum([
    'pending',
    'authorized',
    'paid',
    'partially_paid',
    'partially_refunded',
    'refunded',
    'voided',
  ]),
  cancelledAt: z.string().optional(),
  customer: z.object({
    storefrontCustomerId: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
  }),
  shippingAddress: addressSchema.optional(),
  billingAddress: addressSchema.optional(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      sku: z.string(),
      productId: z.string().optional(),
      variantId: z.string().optional(),
      title: z.string(),
      quantity: z.number().int().min(1),
      unitPriceMinor: minor,
      discountMinor: minor,
      taxMinor: minor,
      requiresShipping: z.boolean(),
      isGiftCard: z.boolean(),
      locationId: z.string().optional(),
    }),
  ),
  charges: z.array(
    z.object({
      kind: z.enum(['shipping', 'fee']),
      code: z.string(),
      title: z.string(),
      amountMinor: minor,
      discountMinor: minor,
      taxMinor: minor,
    }),
  ),
  orderDiscountMinor: minor,
  taxMinor: minor,
  totalMinor: minor,
  payments: z.array(
    z.object({
      gateway: z.string(),
      transactionId: z.string().optional(),
      amountMinor: minor,
      status: z.enum(['authorized', 'captured', 'pending', 'failed', 'voided']),
    }),
  ),
  note: z.string().optional(),
  tags: z.array(z.string()),
});

const tenantId = z.string().min(1).max(200);
const correlationId = z.string().min(1).max(200);

export const orderEventInputSchema = z.object({
  tenantId,
  eventKey: z.string().min(1).max(500),
  topic: z.enum(['order.created', 'order.paid', 'order.updated', 'order.cancelled', 'order.poll']),
  storefrontOrderId: z.string().min(1).max(200),
  order: orderSchema.optional(),
  correlationId,
});

export const refundSchema = z.object({
  platform: z.string(),
  storefrontOrderId: z.string().min(1),
  storefrontRefundId: z.string().min(1),
  createdAt: iso,
  currency: z.string().length(3),
  amountMinor: minor.min(0),
  reason: z.string().optional(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      sku: z.string(),
      quantity: z.number().int().min(1),
      amountMinor: minor.min(0),
      restock: z.boolean(),
    }),
  ),
  shippingMinor: minor.min(0),
});

export const refundEventInputSchema = z.object({
  tenantId,
  eventKey: z.string().min(1).max(500),
  refund: refundSchema,
  correlationId,
});

// Job payloads.
export const orderJobPayload = z.object({ storefrontOrderId: z.string().min(1) });
export const applyChangePayload = z.object({
  storefrontOrderId: z.string().min(1),
  change: z.enum(['cancel', 'delivery']),
});
export const refundJobPayload = z.object({ refund: refundSchema });
export const stockJobPayload = z.object({ skus: z.array(z.string()).optional() });
export const pollJobPayload = z.object({ limit: z.number().int().min(1).max(1000).optional() });
export const reconcileJobPayload = z.object({ sinceIso: iso });

// Control calls.
export const idSchema = z.string().min(1).max(200);
export const actorSchema = z.string().min(1).max(200);
export const noteSchema = z.string().min(1).max(2000);
export const sinceSchema = z.string().datetime({ offset: true });
export const tenantIdSchema = tenantId;
/** A UTC day, yyyy-mm-dd, that is a real date. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00.000Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a calendar day');
