import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemRef } from '../model/item.js';
import type { Order, OrderCharge, OrderLine } from '../model/order.js';
import type { PrimaSalesOrder } from '../model/prima-order.js';
import type { Problem } from '../monitor/problems.js';
import { type BuiltOrder, buildPrimaOrder } from './build-order.js';
import { address, line, order, resolver, shopSettings } from './test-fixtures.js';

const settings = shopSettings();

function built(o: Order, s = settings, customerCode?: string): BuiltOrder {
  const r = buildPrimaOrder(o, {
    settings: s,
    resolver,
    ...(customerCode === undefined ? {} : { customerCode }),
  });
  if (!r.ok) throw new Error(`expected a built order, got ${JSON.stringify(r.problems, null, 2)}`);
  return r.value;
}

function problems(o: Order, s = settings): Problem[] {
  const r = buildPrimaOrder(o, { settings: s, resolver });
  if (r.ok) throw new Error('expected problems, got a built order');
  return r.problems;
}

const primaSum = (p: PrimaSalesOrder, orderTaxMinor: number) =>
  p.lines.reduce((t, l) => t + l.lineValueMinor, 0) +
  p.charges.reduce((t, c) => t + c.amountMinor, 0) +
  (p.vatInclusive ? 0 : orderTaxMinor);

describe('buildPrimaOrder: a VAT-inclusive UK order', () => {
  it('builds the Prima order with lines, charges, payment, addresses and a deterministic number', () => {
    const { order: p, adjustments } = built(order());
    expect(adjustments).toEqual([]);
    expect(p.orderNumber).toBe('W1001');
    expect(p.tpguid).toBe('gid://shopify/Order/5551234');
    expect(p.vatInclusive).toBe(true);
    expect(p.currency).toBe('GBP');
    expect(p.lines).toEqual([
      {
        lineNo: 1,
        item: itemRef('ETOS', 'G', '080'),
        quantity: 2,
        unitPriceMinor: 7499,
        lineValueMinor: 14998,
        discountMinor: 1000,
        warehouse: 'MAIN',
        narrative: 'Item ETOS-G-080',
        reference: expect.stringContaining('LineItem'),
      },
      expect.objectContaining({
        lineNo: 2,
        item: itemRef('BELT', 'NONE', '32IN'),
        quantity: 1,
        unitPriceMinor: 2500,
        lineValueMinor: 2500,
      }),
    ]);
    expect(p.charges).toEqual([{ code: 'RM48', amountMinor: 395 }]);
    expect(p.payment).toEqual({
      payMethod: 'CC',
      subPayMethod: '',
      provider: 'SHOPIFY',
      amountMinor: 17893,
      transactionId: 'tx-991',
      authRef: 'W1001',
    });
    expect(p.totalMinor).toBe(17893);
    expect(p.delivery.addressLines).toEqual(["12 St James's Square", 'London', 'Greater London']);
    expect(p.invoice.addressLines).toEqual(['1 Analytical Row', 'Flat 2', 'London', 'Greater London']);
    expect(p.delivery).toMatchObject({
      title: 'Mrs',
      forename: 'Ada',
      surname: 'Lovelace',
      postcode: 'SW1Y 4JH',
      country: 'GB',
      email: 'ada@example.co.uk',
    });
    expect(p.hold).toBe(false);
    expect(p.customerCode).toBe('');
  });

  it('uses a matched customer code, a mapped carrier and a mapped location warehouse', () => {
    const o = order({
      lines: [line('ETOS-G-080', 1, 7999, { locationId: 'gid://shopify/Location/2' })],
      charges: [
        {
          kind: 'shipping',
          code: 'royal mail 24',
          title: 'RM 24',
          amountMinor: 0,
          discountMinor: 0,
          taxMinor: 0,
        },
      ],
    });
    const { order: p } = built(o, settings, 'C0000367612');
    expect(p.customerCode).toBe('C0000367612');
    expect(p.lines[0]?.warehouse).toBe('SHOP1');
    expect(p.charges).toEqual([{ code: 'RM24', amountMinor: 0 }]);
    expect([p.carrier, p.carrierService]).toEqual(['ROYALMAIL', '24']);
  });

  it('splits a line whose discounted value does not divide by its quantity', () => {
    const { order: p } = built(order({ lines: [line('ETOS-G-080', 3, 4000, { discountMinor: 2000 })] }));
    expect(p.lines.map((l) => [l.quantity, l.unitPriceMinor, l.lineValueMinor, l.discountMinor])).toEqual([
      [1, 3334, 3334, 667],
      [2, 3333, 6666, 1333],
    ]);
    expect(p.lines.map((l) => l.lineNo)).toEqual([1, 2]);
  });

  it('allocates an order-level discount to the lines exactly and records it', () => {
    const { order: p, adjustments } = built(order({ orderDiscountMinor: 500 }));
    expect(p.lines.map((l) => l.lineValueMinor)).toEqual([7285, 7284, 2429]);
    expect(p.lines.map((l) => l.discountMinor)).toEqual([715, 714, 71]);
    expect(primaSum(p, 0)).toBe(17393);
    expect(adjustments).toEqual([
      expect.objectContaining({ kind: 'order_discount_allocated', amountMinor: 500 }),
    ]);
  });

  it('expands bundles into component lines with an exact price split', () => {
    const { order: p } = built(order({ lines: [line('CAREKIT', 1, 1200), line('GIFTSET-ETOS', 1, 9000)] }));
    expect(p.lines.map((l) => [l.item.product, l.quantity, l.unitPriceMinor, l.lineValueMinor])).toEqual([
      ['POLISH', 2, 400, 800],
      ['BRUSH', 1, 400, 400],
      ['ETOS', 1, 6857, 6857],
      ['BELT', 1, 2143, 2143],
    ]);
    expect(p.lines[0]?.narrative).toContain('bundle');
  });

  it('sends gift cards and fees as Prima non-stock products or charges', () => {
    const gift = { isGiftCard: true, requiresShipping: false, taxMinor: 0 };
    const o = order({
      lines: [line('ETOS-G-080', 1, 7999), line('GIFTCARD-25', 1, 2500, gift), line('GC-50', 1, 5000, gift)],
      charges: [
        {
          kind: 'shipping',
          code: 'Royal Mail 48',
          title: 'RM48',
          amountMinor: 395,
          discountMinor: 0,
          taxMinor: 66,
        },
        {
          kind: 'fee',
          code: 'Gift wrap',
          title: 'Gift wrap',
          amountMinor: 300,
          discountMinor: 0,
          taxMinor: 50,
        },
      ],
    });
    const { order: p } = built(o);
    expect(p.lines.map((l) => [l.item.product, l.lineValueMinor])).toEqual([
      ['ETOS', 7999],
      ['GIFT25', 2500],
      ['GIFTWRAP', 300],
    ]);
    expect(p.charges).toEqual([
      { code: 'GIFTCARD', amountMinor: 5000 },
      { code: 'RM48', amountMinor: 395 },
    ]);
    expect(primaSum(p, 0)).toBe(o.totalMinor);
  });

  it('puts an unpaid order on hold when the settings say so', () => {
    expect(built(order({ financialStatus: 'pending' })).order).toMatchObject({
      hold: true,
      holdNarrative: expect.stringContaining('pending'),
    });
    expect(
      built(order({ financialStatus: 'pending' }), shopSettings({ holdFlaggedOrders: false })).order.hold,
    ).toBe(false);
  });

  it('uses the "none" payment mapping for an order without payments, or says it is missing', () => {
    const free = order({ payments: [] });
    expect(problems(free).map((x) => x.code)).toEqual(['unknown_payment_method']);
    const s = shopSettings({}, { payment: { none: { payMethod: 'FOC' } } });
    expect(built(free, s).order.payment.payMethod).toBe('FOC');
  });
});

describe('buildPrimaOrder: VAT basis', () => {
  it('converts VAT-inclusive store prices to a VAT-exclusive Prima price book with each line tax', () => {
    const o = order();
    const { order: p, adjustments } = built(o, shopSettings({ vatInclusive: false }));
    expect(p.vatInclusive).toBe(false);
    expect(p.lines.map((l) => [l.quantity, l.unitPriceMinor, l.lineValueMinor, l.discountMinor])).toEqual([
      [2, 6249, 12498, 833],
      [1, 2083, 2083, 0],
    ]);
    expect(p.charges).toEqual([{ code: 'RM48', amountMinor: 329 }]);
    expect(primaSum(p, o.taxMinor)).toBe(o.totalMinor);
    expect(adjustments.map((a) => a.kind)).toEqual(['vat_basis_converted']);
  });

  it('converts VAT-exclusive store prices (WooCommerce) to a VAT-inclusive Prima price book', () => {
    const o = order({
      platform: 'woocommerce',
      pricesIncludeTax: false,
      lines: [line('ETOS-G-080', 1, 10000, { taxMinor: 2000 })],
      charges: [
        {
          kind: 'shipping',
          code: 'Royal Mail 48',
          title: 'RM48',
          amountMinor: 395,
          discountMinor: 0,
          taxMinor: 79,
        },
      ],
      totalMinor: 12474,
    });
    const { order: p } = built(o);
    expect(p.lines[0]?.lineValueMinor).toBe(12000);
    expect(p.charges).toEqual([{ code: 'RM48', amountMinor: 474 }]);
  });
});

describe('buildPrimaOrder: the money check', () => {
  it('folds a one-penny difference into the largest line and keeps unit x quantity exact', () => {
    const { order: p, adjustments } = built(order({ totalMinor: 17894 }));
    expect(p.lines.map((l) => [l.item.product, l.quantity, l.unitPriceMinor])).toEqual([
      ['ETOS', 1, 7500],
      ['ETOS', 1, 7499],
      ['BELT', 1, 2500],
    ]);
    expect(primaSum(p, 0)).toBe(17894);
    expect(adjustments).toEqual([
      expect.objectContaining({
        kind: 'rounding_line',
        amountMinor: 1,
        note: expect.stringContaining('GBP 0.01'),
      }),
    ]);
  });

  it('handles a shortfall within the limit too', () => {
    const { order: p, adjustments } = built(order({ totalMinor: 17891 }));
    expect(p.lines[0]).toMatchObject({ quantity: 2, unitPriceMinor: 7498 });
    expect(adjustments[0]?.amountMinor).toBe(-2);
  });

  it('in charge mode, sends the difference as the rounding charge', () => {
    const s = shopSettings({ rounding: { mode: 'charge', chargeCode: 'PENNY', maxMinor: 2 } });
    const { order: p, adjustments } = built(order({ totalMinor: 17894 }), s);
    expect(p.charges).toEqual([
      { code: 'RM48', amountMinor: 395 },
      { code: 'PENNY', amountMinor: 1 },
    ]);
    expect(adjustments).toEqual([expect.objectContaining({ kind: 'rounding_charge', amountMinor: 1 })]);
  });

  it('refuses a larger difference as money_mismatch, with both figures in words', () => {
    const [p] = problems(order({ totalMinor: 18393 }));
    expect(p?.code).toBe('money_mismatch');
    expect(p?.message).toContain('Order #1001');
    expect(p?.message).toContain('GBP 178.93');
    expect(p?.message).toContain('GBP 183.93');
    expect(p?.message).toContain('GBP 5.00');
    expect(p?.detail).toMatchObject({
      storefrontTotalMinor: 18393,
      computedTotalMinor: 17893,
      differenceMinor: 500,
    });
  });

  it('never rounds when the limit is zero', () => {
    expect(
      problems(
        order({ totalMinor: 17894 }),
        shopSettings({ rounding: { mode: 'adjust_line', chargeCode: 'R', maxMinor: 0 } }),
      )[0]?.code,
    ).toBe('money_mismatch');
  });
});

describe('buildPrimaOrder: validation Problems', () => {
  it('reports every unmapped SKU, the shipping and the payment method at once, naming each', () => {
    const o = order({
      lines: [
        line('ETOS-G-080', 1, 7999),
        line('MYSTERY1', 1, 100),
        line('MYSTERY2', 1, 100),
        line('MYSTERY1', 1, 100),
      ],
      charges: [
        {
          kind: 'shipping',
          code: 'DPD Next Day',
          title: 'DPD',
          amountMinor: 599,
          discountMinor: 0,
          taxMinor: 100,
        },
      ],
      payments: [{ gateway: 'klarna', amountMinor: 1, status: 'captured' }],
    });
    const ps = problems(o);
    expect(ps.map((p) => p.code)).toEqual([
      'unmapped_sku',
      'unmapped_sku',
      'unknown_shipping_method',
      'unknown_payment_method',
    ]);
    expect(ps[0]?.message).toMatch(/^Order #1001: The SKU "MYSTERY1"/);
    expect(ps[1]?.message).toContain('"MYSTERY2"');
    expect(ps[2]?.message).toContain('"DPD Next Day"');
    expect(ps[3]?.message).toContain('"klarna"');
    expect(ps.every((p) => p.detail?.orderNumber === '#1001')).toBe(true);
  });

  it('reports different kinds of Problem together: unmapped fee, unmapped location, incomplete address', () => {
    const o = order({
      lines: [line('ETOS-G-080', 1, 7999, { locationId: 'gid://shopify/Location/9' }), line('NOPE', 1, 100)],
      charges: [
        {
          kind: 'fee',
          code: 'Engraving',
          title: 'Engraving',
          amountMinor: 500,
          discountMinor: 0,
          taxMinor: 83,
        },
      ],
      shippingAddress: address({ firstName: '', lastName: '' }),
    });
    const ps = problems(o);
    expect(ps.map((p) => p.code).sort()).toEqual([
      'invalid_mapping',
      'invalid_warehouse',
      'missing_address',
      'unmapped_sku',
    ]);
    expect(ps.find((p) => p.code === 'missing_address')?.message).toContain('without name');
    expect(ps.find((p) => p.code === 'invalid_mapping')?.message).toContain('"Engraving"');
  });

  it('refuses a location without a warehouse', () => {
    const ps = problems(
      order({ lines: [line('ETOS-G-080', 1, 7999, { locationId: 'gid://shopify/Location/9' })] }),
    );
    expect(ps.map((p) => p.code)).toEqual(['invalid_warehouse']);
    // ...and still reports the SKU of that line when it is unmapped too
    const both = problems(
      order({ lines: [line('NOPE', 1, 7999, { locationId: 'gid://shopify/Location/9' })] }),
    );
    expect(both.map((p) => p.code)).toEqual(['invalid_warehouse', 'unmapped_sku']);
  });

  it('names the missing address field', () => {
    const ps = problems(order({ shippingAddress: address({ postcode: '' }) }));
    expect(ps[0]?.code).toBe('missing_address');
    expect(ps[0]?.message).toContain('delivery address without postcode');
    expect(problems(order({ shippingAddress: undefined }))[0]?.message).toContain('no delivery address');
    expect(problems(order({ billingAddress: address({ city: ' ', lines: [] }) }))[0]?.message).toContain(
      'invoice address without street, town or city',
    );
  });

  it('accepts a missing postcode where the country has none, and a digital-only order without a delivery address', () => {
    expect(
      built(order({ shippingAddress: address({ postcode: '', country: 'HK', city: 'Hong Kong' }) })).order
        .delivery.country,
    ).toBe('HK');
    const digital = order({
      shippingAddress: undefined,
      lines: [line('GIFTCARD-25', 1, 2500, { isGiftCard: true, requiresShipping: false })],
      charges: [],
    });
    expect(built(digital).order.delivery.addressLines[0]).toBe('1 Analytical Row');
  });

  it('refuses orders without lines, with zero quantities, or cancelled', () => {
    expect(problems(order({ lines: [] }))[0]?.message).toContain('has no lines');
    const zero = problems(order({ lines: [line('ETOS-G-080', 0, 7999)] }));
    expect(zero[0]?.code).toBe('invalid_order');
    expect(zero[0]?.message).toContain('quantity 0');
    expect(problems(order({ lines: [line('ETOS-G-080', -1, 7999)] }))[0]?.code).toBe('invalid_order');
    expect(problems(order({ cancelledAt: '2026-11-20T11:00:00Z' }))[0]?.message).toContain('cancelled');
  });

  it('refuses an unknown currency', () => {
    expect(problems(order({ currency: 'XYZ' })).map((p) => p.code)).toEqual(['unknown_currency']);
  });

  it('refuses two variants sharing one SKU', () => {
    const ps = problems(
      order({
        lines: [
          line('ETOS-G-080', 1, 7999, { variantId: 'v1' }),
          line('ETOS-G-080', 1, 7999, { variantId: 'v2' }),
        ],
      }),
    );
    expect(ps.map((p) => p.code)).toEqual(['shared_variant_sku']);
    expect(ps[0]?.message).toContain('"ETOS-G-080"');
  });

  it('refuses an order number that would be too long', () => {
    expect(problems(order({ orderNumber: '#12345678901234567890' }))[0]?.code).toBe('invalid_order');
  });
});

describe('buildPrimaOrder: money property', () => {
  const skus = ['ETOS-G-080', 'ETOS-H-075', 'BELT-NONE-32IN', 'CAREKIT', 'GIFTSET-ETOS'];
  const lineArb = fc.record({
    sku: fc.constantFrom(...skus),
    quantity: fc.integer({ min: 1, max: 12 }),
    unit: fc.integer({ min: 0, max: 50_000 }),
    discountShare: fc.integer({ min: 0, max: 100 }),
  });
  const chargeArb = fc.record({
    code: fc.constantFrom('Royal Mail 48', 'Royal Mail 24'),
    amount: fc.integer({ min: 0, max: 2_000 }),
  });

  it('a built order always adds up to the store total exactly, or the result is money_mismatch', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.array(chargeArb, { maxLength: 2 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('adjust_line' as const, 'charge' as const),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: -8, max: 8 }),
        (rawLines, rawCharges, storeInc, primaInc, mode, maxMinor, orderDiscountPct, noise) => {
          const lines: OrderLine[] = rawLines.map((l, i) => {
            const gross = l.unit * l.quantity;
            const discountMinor = Math.floor((gross * l.discountShare) / 200);
            const value = gross - discountMinor;
            return line(l.sku, l.quantity, l.unit, {
              lineId: `L${i}`,
              variantId: `v-${l.sku}`,
              discountMinor,
              taxMinor: storeInc ? Math.floor(value / 6) : Math.floor(value / 5),
            });
          });
          const charges: OrderCharge[] = rawCharges.map((c) => ({
            kind: 'shipping',
            code: c.code,
            title: c.code,
            amountMinor: c.amount,
            discountMinor: 0,
            taxMinor: storeInc ? Math.floor(c.amount / 6) : Math.floor(c.amount / 5),
          }));
          const lineSum = lines.reduce((t, l) => t + l.unitPriceMinor * l.quantity - l.discountMinor, 0);
          const orderDiscountMinor = Math.floor((lineSum * orderDiscountPct) / 100);
          const tax = lines.reduce((t, l) => t + l.taxMinor, 0) + charges.reduce((t, c) => t + c.taxMinor, 0);
          const natural =
            lineSum -
            orderDiscountMinor +
            charges.reduce((t, c) => t + c.amountMinor, 0) +
            (storeInc ? 0 : tax);
          const o = order({
            lines,
            charges,
            orderDiscountMinor,
            pricesIncludeTax: storeInc,
            taxMinor: tax,
            totalMinor: natural + noise,
          });
          const s = shopSettings({
            vatInclusive: primaInc,
            rounding: { mode, chargeCode: 'ROUND', maxMinor },
          });
          const r = buildPrimaOrder(o, { settings: s, resolver });
          if (r.ok) {
            expect(Math.abs(noise)).toBeLessThanOrEqual(maxMinor);
            expect(primaSum(r.value.order, o.taxMinor)).toBe(o.totalMinor);
            for (const l of r.value.order.lines) {
              expect(l.unitPriceMinor * l.quantity).toBe(l.lineValueMinor);
              expect(l.quantity).toBeGreaterThan(0);
              expect(l.unitPriceMinor).toBeGreaterThanOrEqual(0);
            }
            expect(
              r.value.adjustments
                .filter((a) => a.kind.startsWith('rounding'))
                .reduce((t, a) => t + a.amountMinor, 0),
            ).toBe(noise);
          } else {
            expect(r.problems.map((p) => p.code)).toEqual(['money_mismatch']);
            expect(Math.abs(noise)).toBeGreaterThan(maxMinor);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
