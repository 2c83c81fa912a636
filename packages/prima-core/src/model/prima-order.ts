import type { ItemRef } from './item.js';

/**
 * A sales order ready for Prima: the output of orders/ and the input of prima/'s XML builder.
 * Amounts are integer minor units of `currency`; prima/ formats them for the wire.
 */
export interface PrimaContact {
  title: string;
  forename: string;
  surname: string;
  /** Up to six lines; prima/ pads or refuses more. */
  addressLines: string[];
  postcode: string;
  country: string;
  email: string;
  phone: string;
  mobile: string;
  fao: string;
}

export interface PrimaOrderLine {
  lineNo: number;
  item: ItemRef;
  quantity: number;
  /** Net of the line's discount, per unit, in the order's VAT mode. Exact: unitPriceMinor * quantity === lineValueMinor. */
  unitPriceMinor: number;
  /** What the line is worth after discounts: the figure money checks add up. */
  lineValueMinor: number;
  /** Discount taken off this line (all units), for Prima's PromotionValue. */
  discountMinor: number;
  warehouse: string;
  narrative: string;
  reference: string;
}

export interface PrimaOrderCharge {
  code: string;
  amountMinor: number;
}

export interface PrimaOrderPayment {
  payMethod: string;
  subPayMethod: string;
  provider: string;
  amountMinor: number;
  transactionId: string;
  authRef: string;
}

export interface PrimaSalesOrder {
  /** Deterministic: prefix + storefront order number. Prima refuses a second order with it (E:21). */
  orderNumber: string;
  /** Third-party reference: the storefront's order id, echoed back by Prima. */
  tpguid: string;
  /** Existing Prima customer account, or '' to let Prima create or match one. */
  customerCode: string;
  channel: string;
  orderType: string;
  vatInclusive: boolean;
  hold: boolean;
  holdNarrative: string;
  currency: string;
  /** ISO date-time of the storefront order. */
  orderDate: string;
  specialInstructions: string;
  orderCategory: string;
  carrier: string;
  carrierService: string;
  delivery: PrimaContact;
  invoice: PrimaContact;
  lines: PrimaOrderLine[];
  charges: PrimaOrderCharge[];
  payment: PrimaOrderPayment;
  /** The storefront total this order must add up to (lines + charges, plus tax when prices exclude it). */
  totalMinor: number;
}
