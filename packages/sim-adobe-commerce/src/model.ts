/** The emulator's own records. Shapes that go on the wire are built from these in `payloads.ts`. */

export interface SimProduct {
  id: number;
  sku: string;
  name: string;
  typeId: 'simple' | 'configurable';
  priceMinor: number;
  /** For simple children of a configurable product. */
  parentSku?: string;
  updatedAt: string;
}

export interface SimSource {
  sourceCode: string;
  name: string;
  enabled: boolean;
}

export interface SimSourceItem {
  sku: string;
  sourceCode: string;
  quantity: number;
  status: 0 | 1;
}

export interface SimAddress {
  firstname: string;
  lastname: string;
  street: string[];
  city: string;
  postcode: string;
  countryId: string;
  region?: string;
  telephone: string;
  email?: string;
  company?: string;
}

export interface SimOrderItem {
  itemId: number;
  sku: string;
  name: string;
  productId: number;
  productType: 'simple' | 'configurable';
  parentItemId?: number;
  qtyOrdered: number;
  qtyShipped: number;
  qtyInvoiced: number;
  /** Unit price including tax. Zero on the simple child of a configurable row (Commerce prices the parent). */
  priceInclMinor: number;
  priceExclMinor: number;
  rowInclMinor: number;
  rowExclMinor: number;
  discountMinor: number;
  taxMinor: number;
  taxPercent: number;
}

export interface SimStatusHistory {
  entityId: number;
  comment: string;
  status: string;
  isCustomerNotified: 0 | 1;
  isVisibleOnFront: 0 | 1;
  createdAt: string;
}

export interface SimOrder {
  entityId: number;
  incrementId: string;
  state: 'new' | 'pending_payment' | 'processing' | 'complete' | 'canceled' | 'holded';
  status: string;
  storeId: number;
  createdAt: string;
  updatedAt: string;
  currency: string;
  customerEmail: string;
  customerFirstname: string;
  customerLastname: string;
  customerId?: number;
  items: SimOrderItem[];
  billing: SimAddress;
  shipping: SimAddress;
  shippingMethod: string;
  shippingDescription: string;
  shippingInclMinor: number;
  shippingTaxMinor: number;
  shippingDiscountMinor: number;
  subtotalInclMinor: number;
  subtotalExclMinor: number;
  discountMinor: number;
  taxMinor: number;
  grandTotalMinor: number;
  totalPaidMinor: number;
  /** What credit memos have refunded so far (Commerce's `total_refunded`). */
  totalRefundedMinor: number;
  paymentMethod: string;
  transactionId?: string;
  histories: SimStatusHistory[];
  invoiceIds: number[];
}

export interface SimShipment {
  entityId: number;
  incrementId: string;
  orderId: number;
  sourceCode: string;
  createdAt: string;
  items: { orderItemId: number; qty: number; sku: string; name: string }[];
  tracks: { entityId: number; trackNumber: string; title: string; carrierCode: string }[];
  comments: { entityId: number; comment: string; isVisibleOnFront: 0 | 1 }[];
}

/** Magento_AsynchronousOperations statuses. */
export const OPERATION_STATUS = {
  complete: 1,
  retriablyFailed: 2,
  notRetriablyFailed: 3,
  open: 4,
  rejected: 5,
} as const;

export interface SimBulk {
  uuid: string;
  description: string;
  startTime: string;
  operations: { id: number; status: number; resultMessage: string; errorCode: number; body: unknown }[];
}

export interface SimCall {
  method: string;
  /** Swagger template, with `async/bulk ` in front for bulk routes. */
  route: string;
  status: number;
  at: string;
}

export interface SimEventDelivery {
  eventId: string;
  type: string;
  url: string;
  status: number | 'error';
  attempt: number;
  body: string;
  headers: Record<string, string>;
}
