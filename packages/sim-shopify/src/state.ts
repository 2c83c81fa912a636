/**
 * The emulator's store: one shop's products, locations, inventory levels and orders, kept as plain data.
 * Amounts are integer minor units (cents) inside; the GraphQL and webhook layers format Shopify's decimal
 * strings at the edge, the same way Shopify does.
 */

export interface SimLocation {
  id: number;
  name: string;
  isActive: boolean;
}

export interface SimVariant {
  id: number;
  productId: number;
  sku: string;
  title: string;
  priceMinor: number;
  inventoryItemId: number;
  options: { name: string; value: string }[];
}

export interface SimProduct {
  id: number;
  title: string;
  variants: SimVariant[];
}

export interface SimAddress {
  firstName: string;
  lastName: string;
  company?: string;
  address1: string;
  address2?: string;
  city: string;
  province?: string;
  provinceCode?: string;
  zip: string;
  countryCode: string;
  phone?: string;
}

export interface SimOrderLine {
  id: number;
  variantId: number | null;
  productId: number | null;
  sku: string;
  title: string;
  quantity: number;
  priceMinor: number;
  /** Discount allocated to the whole line (all units). */
  discountMinor: number;
  taxMinor: number;
  requiresShipping: boolean;
  giftCard: boolean;
}

export interface SimShippingLine {
  id: number;
  code: string;
  title: string;
  priceMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface SimFulfillmentOrder {
  id: number;
  locationId: number;
  status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';
  lines: { id: number; lineItemId: number; remaining: number }[];
}

export interface SimFulfillment {
  id: number;
  orderId: number;
  status: 'SUCCESS';
  createdAt: string;
  tracking: { company: string | null; number: string | null; url: string | null }[];
  lines: { fulfillmentOrderLineId: number; quantity: number }[];
  notifyCustomer: boolean;
}

export interface SimTransaction {
  id: number;
  gateway: string;
  kind: 'AUTHORIZATION' | 'CAPTURE' | 'SALE' | 'REFUND' | 'VOID';
  status: 'SUCCESS' | 'PENDING' | 'FAILURE';
  amountMinor: number;
}

export type SimFinancialStatus =
  | 'PENDING'
  | 'AUTHORIZED'
  | 'PAID'
  | 'PARTIALLY_REFUNDED'
  | 'REFUNDED'
  | 'VOIDED';

export interface SimRefund {
  id: number;
  orderId: number;
  createdAt: string;
  note: string | null;
  lines: { lineItemId: number; quantity: number; restock: boolean }[];
  shippingMinor: number;
}

export interface SimOrder {
  id: number;
  number: number;
  name: string;
  email: string;
  phone: string | null;
  currency: string;
  taxesIncluded: boolean;
  financialStatus: SimFinancialStatus;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  customer: { id: number; firstName: string; lastName: string; email: string; phone: string | null } | null;
  shippingAddress: SimAddress | null;
  billingAddress: SimAddress | null;
  lines: SimOrderLine[];
  shippingLines: SimShippingLine[];
  /** Order-level discount not allocated to any line or shipping line. */
  orderDiscountMinor: number;
  transactions: SimTransaction[];
  note: string | null;
  tags: string[];
  metafields: Map<string, { id: number; namespace: string; key: string; type: string; value: string }>;
  fulfillmentOrders: SimFulfillmentOrder[];
  fulfillments: SimFulfillment[];
  refunds: SimRefund[];
}

/** Line totals after discount, plus shipping, plus tax when prices exclude it: Shopify's total_price. */
export function orderTotals(o: SimOrder): {
  lineItemsMinor: number;
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  discountsMinor: number;
  totalMinor: number;
} {
  const lineItemsMinor = o.lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
  const lineDiscounts = o.lines.reduce((s, l) => s + l.discountMinor, 0);
  const shippingMinor = o.shippingLines.reduce((s, l) => s + l.priceMinor, 0);
  const shippingDiscounts = o.shippingLines.reduce((s, l) => s + l.discountMinor, 0);
  const taxMinor =
    o.lines.reduce((s, l) => s + l.taxMinor, 0) + o.shippingLines.reduce((s, l) => s + l.taxMinor, 0);
  const discountsMinor = lineDiscounts + shippingDiscounts + o.orderDiscountMinor;
  const subtotalMinor = lineItemsMinor - lineDiscounts - o.orderDiscountMinor;
  const totalMinor = subtotalMinor + shippingMinor - shippingDiscounts + (o.taxesIncluded ? 0 : taxMinor);
  return { lineItemsMinor, subtotalMinor, shippingMinor, taxMinor, discountsMinor, totalMinor };
}

/**
 * One entry of the Shopify Payments ledger. `amountMinor` is signed (a refund is negative), `feeMinor` is
 * what Shopify kept (positive), and the net the balance moves by is amount - fee, as Shopify reports it.
 */
export interface SimBalanceTransaction {
  id: number;
  /** ShopifyPaymentsTransactionType: CHARGE, REFUND, ADJUSTMENT, DISPUTE_WITHDRAWAL, TRANSFER, ... */
  type: string;
  /** ShopifyPaymentsSourceType: CHARGE, REFUND, ADJUSTMENT, DISPUTE, TRANSFER, ... (null when none). */
  sourceType: string | null;
  amountMinor: number;
  feeMinor: number;
  currency: string;
  orderId: number | null;
  adjustmentReason: string | null;
  processedAt: string;
  /** The payout that swept it to the bank; null while it is still in the balance. */
  payoutId: number | null;
  /** Fault injection: still counted in its payout's net, but no longer listed (a ledger gap). */
  hidden: boolean;
}

export type SimPayoutStatus = 'SCHEDULED' | 'IN_TRANSIT' | 'PAID' | 'FAILED' | 'CANCELED';

export interface SimPayout {
  id: number;
  issuedAt: string;
  status: SimPayoutStatus;
  /** What reaches the bank: the sum of its transactions' nets. Negative for a withdrawal. */
  netMinor: number;
  currency: string;
}

/** Counts what clients did, for tests and benchmarks. */
export interface CallCounters {
  graphql: number;
  throttled: number;
  byOperation: Record<string, number>;
  inventoryQuantitiesSet: number;
  webhooksSent: number;
}

export class ShopState {
  readonly locations: SimLocation[] = [];
  readonly products: SimProduct[] = [];
  readonly orders = new Map<number, SimOrder>();
  /** `${inventoryItemId}:${locationId}` -> available. */
  readonly inventory = new Map<string, number>();
  readonly adjustmentGroups: {
    id: number;
    createdAt: string;
    reason: string;
    referenceDocumentUri: string | null;
    changes: number;
  }[] = [];
  /** Shopify Payments: the ledger and its payouts, oldest first. */
  readonly balanceTransactions: SimBalanceTransaction[] = [];
  readonly payouts: SimPayout[] = [];
  /** Whether the shop uses Shopify Payments (otherwise `shopifyPaymentsAccount` is null). */
  paymentsEnabled = true;
  readonly counters: CallCounters = {
    graphql: 0,
    throttled: 0,
    byOperation: {},
    inventoryQuantitiesSet: 0,
    webhooksSent: 0,
  };
  private nextIdValue = 1_000;
  private inventoryItems = new Set<number>();

  constructor(
    readonly shopDomain: string,
    readonly currency: string,
    readonly shopName: string,
  ) {}

  nextId(): number {
    this.nextIdValue += 1;
    return this.nextIdValue;
  }

  allVariants(): SimVariant[] {
    return this.products.flatMap((p) => p.variants);
  }

  /**
   * Whether a variant has this inventory item. Indexed, because a 250-quantity push checks every item:
   * a scan per quantity made large catalogues quadratic. The emulator only ever adds variants, so an
   * unknown id rebuilds the index once (a variant added since), and a known one stays known.
   */
  hasInventoryItem(inventoryItemId: number): boolean {
    if (this.inventoryItems.has(inventoryItemId)) return true;
    this.inventoryItems = new Set(this.allVariants().map((v) => v.inventoryItemId));
    return this.inventoryItems.has(inventoryItemId);
  }

  variantBySku(sku: string): SimVariant | undefined {
    return this.allVariants().find((v) => v.sku === sku);
  }

  available(inventoryItemId: number, locationId: number): number | undefined {
    return this.inventory.get(`${inventoryItemId}:${locationId}`);
  }

  setAvailable(inventoryItemId: number, locationId: number, quantity: number): void {
    this.inventory.set(`${inventoryItemId}:${locationId}`, quantity);
  }
}

/** Units of a line the order's refunds took back. */
export function refundedUnits(o: SimOrder, lineItemId: number): number {
  return o.refunds.reduce(
    (n, r) => n + r.lines.filter((rl) => rl.lineItemId === lineItemId).reduce((m, rl) => m + rl.quantity, 0),
    0,
  );
}
