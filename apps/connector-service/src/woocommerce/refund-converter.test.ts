import { describe, expect, it } from 'vitest';
import { convertWooRefund } from './refund-converter.js';

// GET /wc/v3/orders/4521/refunds item: negative line amounts, the refunded line in _refunded_item_id.
const refund = {
  id: 777,
  date_created: '2026-11-21T09:30:00',
  date_created_gmt: '2026-11-21T09:30:00',
  amount: '15.94',
  reason: 'Too small',
  refunded_by: 1,
  refunded_payment: true,
  meta_data: [],
  line_items: [
    {
      id: 900,
      name: 'Etos - G, 8',
      product_id: 40,
      variation_id: 41,
      quantity: -1,
      tax_class: '',
      subtotal: '-9.00',
      subtotal_tax: '-1.80',
      total: '-9.00',
      total_tax: '-1.80',
      taxes: [],
      meta_data: [{ id: 1, key: '_refunded_item_id', value: '301' }],
      sku: 'ETOS-G-080',
      price: -9,
      refund_total: 10.8,
    },
  ],
  shipping_lines: [{ id: 901, method_title: 'Royal Mail 48', total: '-4.28', total_tax: '-0.86' }],
  fee_lines: [],
};

describe('convertWooRefund', () => {
  it('turns negative WooCommerce refund lines into a canonical refund against the original line', () => {
    const r = convertWooRefund(
      { storefrontOrderId: '4521', currency: 'GBP', pricesIncludeTax: true },
      refund,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value).toEqual({
      platform: 'woocommerce',
      storefrontOrderId: '4521',
      storefrontRefundId: '777',
      createdAt: '2026-11-21T09:30:00.000Z',
      currency: 'GBP',
      amountMinor: 1594,
      reason: 'Too small',
      lines: [{ lineId: '301', sku: 'ETOS-G-080', quantity: 1, amountMinor: 1080, restock: true }],
      shippingMinor: 514,
    });
  });

  it('keeps line amounts net for a tax-exclusive order', () => {
    const r = convertWooRefund(
      { storefrontOrderId: '4521', currency: 'GBP', pricesIncludeTax: false },
      refund,
    );
    expect(r.ok && r.value.lines[0]?.amountMinor).toBe(900);
    expect(r.ok && r.value.shippingMinor).toBe(428);
  });

  it('refuses an unreadable refund with a clerk-readable problem', () => {
    const r = convertWooRefund(
      { storefrontOrderId: '4521', currency: 'GBP', pricesIncludeTax: true },
      { id: 1 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('4521');
  });
});
