/**
 * The canonical order: what every storefront's order becomes at its edge (the platform gateway
 * converts its payload into this). Nothing past the edge sees a platform's own shapes.
 *
 * Money is always an integer count of the currency's minor units (pence, cents; yen have none),
 * in the order's `currency`. Field names ending in `Minor` carry such amounts.
 */

export type Platform = 'shopify' | 'woocommerce' | 'magento';

/** The storefront's own view of whether an order has been paid. */
export type FinancialStatus =
  | 'pending'
  | 'authorized'
  | 'paid'
  | 'partially_paid'
  | 'partially_refunded'
  | 'refunded'
  | 'voided';

export interface Address {
  title?: string;
  firstName: string;
  lastName: string;
  company?: string;
  /** Street lines in order, without town, region or postcode. */
  lines: string[];
  city: string;
  region?: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  email?: string;
  phone?: string;
}

export interface Customer {
  storefrontCustomerId?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
}

export interface OrderLine {
  /** The storefront's id for this line, stable across order edits. */
  lineId: string;
  /** The variant's SKU as the storefront holds it; empty when the storefront has none. */
  sku: string;
  productId?: string;
  variantId?: string;
  title: string;
  /** Whole units, at least 1. */
  quantity: number;
  /** Price of one unit before discounts, including tax when the order's prices include tax. */
  unitPriceMinor: number;
  /** Total discount the storefront allocated to this line (all units), same tax basis as the price. */
  discountMinor: number;
  /** Tax charged on this line after discounts. Informational when prices include tax. */
  taxMinor: number;
  requiresShipping: boolean;
  /** Gift cards and other non-stock lines: no stock is reserved for them. */
  isGiftCard: boolean;
  /** Storefront location the line ships from, when the storefront says. */
  locationId?: string;
}

export interface OrderCharge {
  kind: 'shipping' | 'fee';
  /** The storefront's code for the method (shipping method id, fee name): the key into charge mapping. */
  code: string;
  title: string;
  /** Amount before discounts, same tax basis as line prices. */
  amountMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface OrderPayment {
  /** The storefront's gateway name (e.g. "shopify_payments", "stripe", "paypal"): the key into payment mapping. */
  gateway: string;
  transactionId?: string;
  amountMinor: number;
  status: 'authorized' | 'captured' | 'pending' | 'failed' | 'voided';
}

export interface Order {
  platform: Platform;
  /** The storefront's internal id for the order (Shopify GID number, Woo id, Magento entity_id). */
  storefrontOrderId: string;
  /** The number a person sees (Shopify "1001", Woo "4521", Magento increment id "000000123"). */
  orderNumber: string;
  createdAt: string;
  updatedAt: string;
  /** ISO 4217, upper case. */
  currency: string;
  /** True when line and charge amounts include tax (VAT-inclusive storefronts). */
  pricesIncludeTax: boolean;
  financialStatus: FinancialStatus;
  cancelledAt?: string;
  customer: Customer;
  shippingAddress?: Address;
  billingAddress?: Address;
  lines: OrderLine[];
  charges: OrderCharge[];
  /** Order-level discount not already allocated to lines or charges by the storefront. */
  orderDiscountMinor: number;
  /** Total tax on the order as the storefront settled it. */
  taxMinor: number;
  /** The storefront's grand total: the figure the customer paid. The truth for money checks. */
  totalMinor: number;
  payments: OrderPayment[];
  note?: string;
  tags: string[];
}
