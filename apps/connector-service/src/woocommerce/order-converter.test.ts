import type { Order } from '@prima-connect/prima-core';
import { serializeOrder, startWooEmulator } from '@prima-connect/sim-woocommerce';
import { describe, expect, it } from 'vitest';
import { convertWooOrder, financialStatusOf, wooGmtToIso } from './order-converter.js';

/** A VAT-inclusive GBP order, shaped as REST.md lists it, with a 10 % coupon, shipping, a fee and meta. */
function inclusiveOrder(over: Record<string, unknown> = {}) {
  return {
    id: 4521,
    parent_id: 0,
    number: '4521',
    order_key: 'wc_order_abc',
    created_via: 'checkout',
    status: 'processing',
    currency: 'GBP',
    date_created: '2026-11-20T10:15:00',
    date_created_gmt: '2026-11-20T10:15:00',
    date_modified: '2026-11-20T10:16:02',
    date_modified_gmt: '2026-11-20T10:16:02',
    discount_total: '3.83',
    discount_tax: '0.77',
    shipping_total: '4.95',
    shipping_tax: '0.99',
    cart_tax: '7.40',
    total: '50.33',
    total_tax: '8.39',
    prices_include_tax: true,
    customer_id: 17,
    customer_note: 'Leave with neighbour',
    billing: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      company: '',
      address_1: '12 Analytical Row',
      address_2: 'Flat 2',
      city: 'London',
      state: '',
      postcode: 'N1 9GU',
      country: 'gb',
      email: 'ada@example.test',
      phone: '020 7946 0000',
    },
    shipping: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      company: 'Engines Ltd',
      address_1: '1 Mill Lane',
      address_2: '',
      city: 'Leeds',
      state: 'West Yorkshire',
      postcode: 'LS1 1AA',
      country: 'GB',
      phone: '',
    },
    payment_method: 'stripe',
    payment_method_title: 'Credit card',
    transaction_id: 'ch_123',
    date_paid: '2026-11-20T10:15:30',
    date_paid_gmt: '2026-11-20T10:15:30',
    meta_data: [{ id: 9, key: '_prima_order_number', value: 'W4521' }],
    line_items: [
      {
        id: 301,
        name: 'Etos - G, 8',
        product_id: 40,
        variation_id: 41,
        quantity: 3,
        tax_class: '',
        subtotal: '30.00',
        subtotal_tax: '6.00',
        total: '27.00',
        total_tax: '5.40',
        taxes: [{ id: 1, total: '5.4', subtotal: '6' }],
        meta_data: [{ id: 1, key: 'pa_size', value: '8' }],
        sku: 'ETOS-G-080',
        price: 9,
      },
      {
        id: 302,
        name: 'Gift box',
        product_id: 50,
        variation_id: 0,
        quantity: 1,
        tax_class: '',
        subtotal: '8.32',
        subtotal_tax: '1.67',
        total: '7.49',
        total_tax: '1.50',
        taxes: [],
        meta_data: [],
        sku: 'GIFTBOX',
        price: 7.49,
      },
    ],
    tax_lines: [{ id: 1, rate_code: 'GB-VAT-1', tax_total: '7.40', shipping_tax_total: '0.99' }],
    shipping_lines: [
      {
        id: 401,
        method_title: 'Royal Mail 48',
        method_id: 'flat_rate',
        instance_id: '3',
        total: '4.95',
        total_tax: '0.99',
        taxes: [],
        meta_data: [],
      },
    ],
    fee_lines: [
      {
        id: 501,
        name: 'Gift wrap',
        tax_class: '',
        tax_status: 'taxable',
        total: '2.50',
        total_tax: '0.50',
        taxes: [],
        meta_data: [],
      },
    ],
    coupon_lines: [{ id: 601, code: 'ten', discount: '3.83', discount_tax: '0.77', meta_data: [] }],
    refunds: [],
    needs_payment: false,
    some_future_field: { added: 'by a newer core' },
    ...over,
  };
}

function canonicalSum(o: Order): number {
  const lines = o.lines.reduce((a, l) => a + l.unitPriceMinor * l.quantity - l.discountMinor, 0);
  const charges = o.charges.reduce((a, c) => a + c.amountMinor - c.discountMinor, 0);
  return lines + charges - o.orderDiscountMinor + (o.pricesIncludeTax ? 0 : o.taxMinor);
}

describe('convertWooOrder', () => {
  it('converts a VAT-inclusive order with coupon, shipping and fee into exact canonical amounts', () => {
    const r = convertWooOrder(inclusiveOrder());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const o = r.value;
    expect(o.storefrontOrderId).toBe('4521');
    expect(o.pricesIncludeTax).toBe(true);
    expect(o.financialStatus).toBe('paid');
    expect(o.totalMinor).toBe(5033);
    expect(o.taxMinor).toBe(839);
    expect(o.lines[0]).toMatchObject({
      sku: 'ETOS-G-080',
      quantity: 3,
      unitPriceMinor: 1200,
      discountMinor: 360,
      taxMinor: 540,
      variantId: '41',
      productId: '40',
    });
    expect(o.lines[1]).toMatchObject({
      sku: 'GIFTBOX',
      unitPriceMinor: 999,
      discountMinor: 100,
      variantId: '50',
    });
    expect(o.charges).toEqual([
      {
        kind: 'shipping',
        code: 'flat_rate',
        title: 'Royal Mail 48',
        amountMinor: 594,
        discountMinor: 0,
        taxMinor: 99,
      },
      {
        kind: 'fee',
        code: 'Gift wrap',
        title: 'Gift wrap',
        amountMinor: 300,
        discountMinor: 0,
        taxMinor: 50,
      },
    ]);
    expect(canonicalSum(o)).toBe(o.totalMinor);
    expect(o.orderDiscountMinor).toBe(0);
    expect(o.createdAt).toBe('2026-11-20T10:15:00.000Z');
    expect(o.shippingAddress).toMatchObject({
      lines: ['1 Mill Lane'],
      city: 'Leeds',
      region: 'West Yorkshire',
      company: 'Engines Ltd',
      email: 'ada@example.test',
    });
    expect(o.billingAddress).toMatchObject({ lines: ['12 Analytical Row', 'Flat 2'], country: 'GB' });
    expect(o.payments[0]).toEqual({
      gateway: 'stripe',
      transactionId: 'ch_123',
      amountMinor: 5033,
      status: 'captured',
    });
    expect(o.note).toBe('Leave with neighbour');
    expect(o.customer.storefrontCustomerId).toBe('17');
  });

  it('keeps tax-exclusive amounts net and the total exact when a unit price does not divide', () => {
    const r = convertWooOrder(
      inclusiveOrder({
        prices_include_tax: false,
        line_items: [
          {
            id: 1,
            name: 'Third',
            product_id: 2,
            variation_id: 0,
            quantity: 3,
            subtotal: '10.00',
            subtotal_tax: '2.00',
            total: '10.00',
            total_tax: '2.00',
            sku: 'X',
            meta_data: [],
          },
        ],
        shipping_lines: [],
        fee_lines: [],
        total: '12.00',
        total_tax: '2.00',
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.lines[0]).toMatchObject({ unitPriceMinor: 334, discountMinor: 2 });
    expect(canonicalSum(r.value)).toBe(1200);
  });

  it('rounds extra decimals half up, as PHP does', () => {
    const r = convertWooOrder(inclusiveOrder({ total: '50.335' }));
    expect(r.ok && r.value.totalMinor).toBe(5034);
  });

  it('uses the currency exponent (JPY has no minor unit)', () => {
    const r = convertWooOrder(
      inclusiveOrder({
        currency: 'JPY',
        line_items: [
          {
            id: 1,
            name: 'Tea',
            quantity: 2,
            subtotal: '1000',
            subtotal_tax: '100',
            total: '1000',
            total_tax: '100',
            sku: 'TEA',
            meta_data: [],
          },
        ],
        shipping_lines: [],
        fee_lines: [],
        total: '1100',
        total_tax: '100',
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.lines[0]?.unitPriceMinor).toBe(550);
    expect(r.value.totalMinor).toBe(1100);
  });

  it('names the field when the payload cannot be read', () => {
    const r = convertWooOrder({ id: 1, number: '1', status: 'processing' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('invalid_order');
      expect(r.problems[0]?.message).toContain('currency');
    }
  });

  it('refuses an amount that is not a decimal and says which one', () => {
    const r = convertWooOrder(inclusiveOrder({ total: '50,33' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('order total');
  });

  it('refuses an unknown currency', () => {
    const r = convertWooOrder(inclusiveOrder({ currency: 'XXQ' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.code).toBe('unknown_currency');
  });

  it('maps WooCommerce statuses to financial states', () => {
    const base = { date_paid_gmt: null, refunds: [] };
    expect(financialStatusOf({ ...base, status: 'on-hold' })).toBe('pending');
    expect(financialStatusOf({ ...base, status: 'pending' })).toBe('pending');
    expect(financialStatusOf({ ...base, status: 'cancelled' })).toBe('voided');
    expect(financialStatusOf({ ...base, status: 'refunded' })).toBe('refunded');
    expect(financialStatusOf({ ...base, status: 'completed', refunds: [{ id: 1, total: '-1.00' }] })).toBe(
      'partially_refunded',
    );
    expect(financialStatusOf({ ...base, status: 'wc-custom', date_paid_gmt: '2026-01-01T00:00:00' })).toBe(
      'paid',
    );
    const cancelled = convertWooOrder(inclusiveOrder({ status: 'cancelled' }));
    expect(cancelled.ok && cancelled.value.cancelledAt).toBe('2026-11-20T10:16:02.000Z');
  });

  it('reads GMT dates without a zone as UTC', () => {
    expect(wooGmtToIso('2026-11-20T10:15:00')).toBe('2026-11-20T10:15:00.000Z');
    expect(wooGmtToIso(null)).toBeUndefined();
  });

  it('adds up to the total for orders the emulator produces, in both tax modes', async () => {
    const woo = await startWooEmulator({ port: 0 });
    try {
      woo.seedSimpleProduct({ sku: 'A', priceMinor: 1199, stock: 100 });
      woo.seedSimpleProduct({ sku: 'B', priceMinor: 333, stock: 100 });
      for (const pricesIncludeTax of [true, false]) {
        for (const [qa, qb, pct] of [
          [1, 1, 0],
          [3, 7, 10],
          [2, 5, 15],
          [9, 1, 33],
        ] as const) {
          const sim = woo.placeOrder({
            lines: [
              { sku: 'A', quantity: qa },
              { sku: 'B', quantity: qb },
            ],
            pricesIncludeTax,
            coupon: pct ? { code: 'C', percent: pct } : undefined,
            fees: [{ name: 'Wrap', totalMinor: 125 }],
            deliverWebhooks: false,
          });
          const r = convertWooOrder(JSON.parse(JSON.stringify(serializeOrder(sim))));
          if (!r.ok) throw new Error(JSON.stringify(r.problems));
          expect(canonicalSum(r.value)).toBe(r.value.totalMinor);
          for (const l of r.value.lines) expect(l.discountMinor).toBeGreaterThanOrEqual(0);
        }
      }
    } finally {
      await woo.close();
    }
  });
});
