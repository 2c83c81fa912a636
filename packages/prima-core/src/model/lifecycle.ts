/** What Prima tells us about an order, and what flows back to the storefront. */

/** Prima's own status text, normalised. Prima's full list is not public: unknown texts are kept verbatim. */
export type PrimaOrderState =
  | 'entered'
  | 'allocated'
  | 'released'
  | 'part_despatched'
  | 'despatched'
  | 'cancelled'
  | 'unknown';

export interface PrimaOrderStatus {
  orderNumber: string;
  state: PrimaOrderState;
  /** Exactly what Prima said. */
  rawStatus: string;
  dispatches: Dispatch[];
}

export interface Dispatch {
  /** Prima's despatch (consignment) reference: dedupes fulfilments on the storefront. */
  dispatchId: string;
  dispatchedAt: string;
  carrier: string;
  service?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  lines: { lineNo: number; sku?: string; quantity: number }[];
}

export interface Refund {
  platform: string;
  storefrontOrderId: string;
  storefrontRefundId: string;
  createdAt: string;
  currency: string;
  /** The amount returned to the customer. */
  amountMinor: number;
  reason?: string;
  lines: { lineId: string; sku: string; quantity: number; amountMinor: number; restock: boolean }[];
  /** Shipping refunded, if any. */
  shippingMinor: number;
}

export interface PayoutTransaction {
  id: string;
  type: 'charge' | 'refund' | 'adjustment' | 'chargeback' | 'payout' | 'fee' | 'other';
  orderId?: string;
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
}

export interface Payout {
  payoutId: string;
  date: string;
  currency: string;
  /** What reached the bank. */
  netMinor: number;
  transactions: PayoutTransaction[];
}
