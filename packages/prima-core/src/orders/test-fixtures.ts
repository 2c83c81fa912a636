// A UK footwear shop on Shopify, VAT-inclusive prices in GBP: the order and settings the orders tests vary.
import { createSkuResolver } from '../mapping/sku-resolver.js';
import { EXPLICIT_MAPPINGS, SHOE_PATTERN } from '../mapping/test-fixtures.js';
import type { Address, Order, OrderLine } from '../model/order.js';
import { parseSettings, type SettingsInput } from '../settings.js';

export const resolver = createSkuResolver(EXPLICIT_MAPPINGS, SHOE_PATTERN);

export function shopSettings(orders: SettingsInput['orders'] = {}, maps: SettingsInput['maps'] = {}) {
  return parseSettings({
    prima: { url: 'http://prima.example:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink' },
    orders: { orderNumberPrefix: 'W', defaultWarehouse: 'MAIN', vatInclusive: true, ...orders },
    maps: {
      shipping: {
        'Royal Mail 48': { charge: 'RM48' },
        'Royal Mail 24': { charge: 'RM24', carrier: 'ROYALMAIL', service: '24' },
      },
      payment: {
        shopify_payments: { payMethod: 'CC', provider: 'SHOPIFY' },
        paypal: { payMethod: 'CSH', subPayMethod: 'PAYPAL' },
      },
      locations: { 'gid://shopify/Location/1': 'MAIN', 'gid://shopify/Location/2': 'SHOP1' },
      fees: {
        'Gift wrap': { kind: 'product', code: 'GIFTWRAP' },
        gift_card: { kind: 'charge', code: 'GIFTCARD' },
      },
      ...maps,
    },
  });
}

export const address = (over: Partial<Address> = {}): Address => ({
  title: 'Mrs',
  firstName: 'Ada',
  lastName: 'Lovelace',
  lines: ["12 St James's Square"],
  city: 'London',
  region: 'Greater London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  email: 'ada@example.co.uk',
  phone: '020 7946 0000',
  ...over,
});

let nextLine = 1;
export function line(
  sku: string,
  quantity: number,
  unitPriceMinor: number,
  over: Partial<OrderLine> = {},
): OrderLine {
  const value = unitPriceMinor * quantity - (over.discountMinor ?? 0);
  return {
    lineId: `gid://shopify/LineItem/${nextLine++}`,
    sku,
    variantId: `v-${sku}`,
    title: `Item ${sku}`,
    quantity,
    unitPriceMinor,
    discountMinor: 0,
    // UK VAT at 20% inside a VAT-inclusive price: value / 6, rounded.
    taxMinor: Math.round(value / 6),
    requiresShipping: true,
    isGiftCard: false,
    ...over,
  };
}

/** Builds an order whose total is exactly lines - discounts + charges (VAT-inclusive). */
export function order(over: Partial<Order> = {}): Order {
  const lines = over.lines ?? [
    line('ETOS-G-080', 2, 7999, { discountMinor: 1000 }),
    line('BELT-NONE-32IN', 1, 2500),
  ];
  const charges = over.charges ?? [
    {
      kind: 'shipping' as const,
      code: 'Royal Mail 48',
      title: 'Royal Mail 48',
      amountMinor: 395,
      discountMinor: 0,
      taxMinor: 66,
    },
  ];
  const orderDiscountMinor = over.orderDiscountMinor ?? 0;
  const sum =
    lines.reduce((t, l) => t + l.unitPriceMinor * l.quantity - l.discountMinor, 0) +
    charges.reduce((t, c) => t + c.amountMinor - c.discountMinor, 0) -
    orderDiscountMinor;
  const tax = lines.reduce((t, l) => t + l.taxMinor, 0) + charges.reduce((t, c) => t + c.taxMinor, 0);
  return {
    platform: 'shopify',
    storefrontOrderId: 'gid://shopify/Order/5551234',
    orderNumber: '#1001',
    createdAt: '2026-11-20T10:15:00Z',
    updatedAt: '2026-11-20T10:16:00Z',
    currency: 'GBP',
    pricesIncludeTax: true,
    financialStatus: 'paid',
    customer: { email: 'ada@example.co.uk', firstName: 'Ada', lastName: 'Lovelace' },
    shippingAddress: address(),
    billingAddress: address({ lines: ['1 Analytical Row', 'Flat 2'] }),
    payments: [
      { gateway: 'shopify_payments', transactionId: 'tx-991', amountMinor: sum, status: 'captured' },
    ],
    tags: [],
    taxMinor: tax,
    totalMinor: sum,
    ...over,
    lines,
    charges,
    orderDiscountMinor,
  };
}
