import { createHash } from 'node:crypto';
import type { Address, Order } from '../model/order.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted and undefined dropped: the same content always gives the same text. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const address = (a: Address | undefined): Json =>
  a === undefined
    ? null
    : {
        title: a.title ?? null,
        firstName: a.firstName,
        lastName: a.lastName,
        company: a.company ?? null,
        lines: a.lines,
        city: a.city,
        region: a.region ?? null,
        postcode: a.postcode,
        country: a.country,
        email: a.email ?? null,
        phone: a.phone ?? null,
      };

/**
 * A stable fingerprint of what Prima holds for an order: lines, quantities, prices, discounts, tax, charges,
 * addresses, payment references and whether it is cancelled. It deliberately leaves out tags, notes,
 * metafields and timestamps, which our own write-backs change: a storefront "order updated" echo of our
 * own write-back hashes the same and is recognised as nothing new. Lines and charges are sorted so a
 * platform returning them in another order does not look like an edit.
 */
export function orderContentHash(order: Order): string {
  const content: Json = {
    currency: order.currency.toUpperCase(),
    pricesIncludeTax: order.pricesIncludeTax,
    cancelled: order.cancelledAt !== undefined,
    lines: [...order.lines]
      .sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0))
      .map((l) => ({
        lineId: l.lineId,
        sku: l.sku,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        discountMinor: l.discountMinor,
        taxMinor: l.taxMinor,
        isGiftCard: l.isGiftCard,
        locationId: l.locationId ?? null,
      })),
    charges: order.charges
      .map((c) => ({
        kind: c.kind,
        code: c.code,
        amountMinor: c.amountMinor,
        discountMinor: c.discountMinor,
        taxMinor: c.taxMinor,
      }))
      .sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1)),
    orderDiscountMinor: order.orderDiscountMinor,
    taxMinor: order.taxMinor,
    totalMinor: order.totalMinor,
    shippingAddress: address(order.shippingAddress),
    billingAddress: address(order.billingAddress),
    payments: order.payments
      .map((p) => ({
        gateway: p.gateway,
        transactionId: p.transactionId ?? null,
        amountMinor: p.amountMinor,
      }))
      .sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1)),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
