import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Refund } from '../model/index.js';
import { sampleOrder } from '../testing/fake-storefront.js';
import { creditNoteForRefund, NO_CREDIT_HISTORY } from './credit-note.js';
import { financeSettings, SAMPLE_PAID_MINOR, sampleRecord } from './test-fixtures.js';

const target = { primaOrderNumber: 'W500', storefrontOrderNumber: '#500', paidMinor: SAMPLE_PAID_MINOR };
const order = sampleOrder('500');

function refund(over: Partial<Refund>): Refund {
  return {
    platform: 'shopify',
    storefrontOrderId: '500',
    storefrontRefundId: 'rf-1',
    createdAt: '2026-03-02T10:00:00.000Z',
    currency: 'GBP',
    amountMinor: 0,
    lines: [],
    shippingMinor: 0,
    ...over,
  };
}

function plan(r: Refund, settings = financeSettings(), history = NO_CREDIT_HISTORY) {
  const p = creditNoteForRefund(r, target, sampleRecord(), order, settings, history);
  if (!p.ok) throw new Error(p.problems[0]?.message);
  return p.value;
}

function refused(r: Refund, settings = financeSettings(), history = NO_CREDIT_HISTORY) {
  const p = creditNoteForRefund(r, target, sampleRecord(), order, settings, history);
  if (p.ok) throw new Error('expected a credit_note_manual problem');
  expect(p.problems[0]?.code).toBe('credit_note_manual');
  return p.problems[0]?.message ?? '';
}

describe('refund -> credit note', () => {
  it('credits a partial itemised refund with restock on the Prima line it came from', () => {
    const p = plan(
      refund({
        amountMinor: 5000,
        lines: [{ lineId: 'L1', sku: 'ETOS-G-080', quantity: 1, amountMinor: 5000, restock: true }],
      }),
    );
    expect(p.request.lines).toEqual([
      { lineNo: 1, item: sampleRecord().lines[0]?.item, quantity: 1, amountMinor: 5000, restock: true },
    ]);
    expect(p.request).toMatchObject({
      orderNumber: 'W500',
      totalMinor: 5000,
      charges: [],
      creditReference: 'Rrf1',
    });
    expect(p.creditedByLine).toEqual({ L1: 5000 });
  });

  it('credits a bundle through its components, split by their value', () => {
    const p = plan(
      refund({
        amountMinor: 3000,
        lines: [{ lineId: 'L3', sku: 'GIFTSET', quantity: 1, amountMinor: 3000, restock: false }],
      }),
    );
    expect(p.request.lines.map((l) => [l.lineNo, l.item.product, l.quantity, l.amountMinor])).toEqual([
      [4, 'MUG', 1, 1000],
      [5, 'TEA', 2, 2000],
    ]);
  });

  it('credits shipping only to the shipping method charge code', () => {
    const p = plan(refund({ amountMinor: 500, shippingMinor: 500 }));
    expect(p.request.lines).toEqual([]);
    expect(p.request.charges).toEqual([{ code: 'P&P', amountMinor: 500 }]);
  });

  it('spreads an amount-only refund over the lines exactly when no refund charge code is set', () => {
    const p = plan(refund({ amountMinor: 1001 }));
    expect(p.request.lines.every((l) => l.quantity === 0 && !l.restock)).toBe(true);
    expect(p.request.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(1001);
    // In proportion to the lines' values (10000, 6666, 3334, 1000, 2000 of 23000).
    expect(p.request.lines.map((l) => l.amountMinor)).toEqual([435, 290, 145, 44, 87]);
    expect(p.request.charges).toEqual([]);
  });

  it('puts an amount-only refund on the configured refund charge code', () => {
    const p = plan(
      refund({ amountMinor: 700 }),
      financeSettings({ finance: { refundChargeCode: 'GOODWILL' } }),
    );
    expect(p.request.lines).toEqual([]);
    expect(p.request.charges).toEqual([{ code: 'GOODWILL', amountMinor: 700 }]);
  });

  it('works with settings stored before the finance section existed (defaults apply)', () => {
    const { finance: _dropped, ...old } = financeSettings();
    const p = plan(refund({ amountMinor: 700 }), old as ReturnType<typeof financeSettings>);
    expect(p.request.charges).toEqual([]);
    expect(p.request.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(700);
  });

  it('scales the parts down exactly when less went back than the items are worth (a fee kept)', () => {
    const p = plan(
      refund({
        amountMinor: 9000,
        lines: [{ lineId: 'L1', sku: 'ETOS-G-080', quantity: 2, amountMinor: 10_000, restock: true }],
        shippingMinor: 0,
      }),
    );
    expect(p.request.lines[0]).toMatchObject({ lineNo: 1, quantity: 2, amountMinor: 9000 });
    expect(p.request.totalMinor).toBe(9000);
  });

  it('never credits more than was paid, over several partial refunds', () => {
    expect(refused(refund({ amountMinor: SAMPLE_PAID_MINOR + 1 }))).toContain('more than');
    const history = { totalMinor: 20_000, byLine: { L1: 10_000 } };
    expect(refused(refund({ amountMinor: 4000 }), financeSettings(), history)).toContain('already credited');
    expect(
      refused(
        refund({
          amountMinor: 100,
          lines: [{ lineId: 'L1', sku: 'ETOS-G-080', quantity: 1, amountMinor: 100, restock: false }],
        }),
        financeSettings(),
        { totalMinor: 10_000, byLine: { L1: 10_000 } },
      ),
    ).toContain('left to credit');
  });

  it('says what to do by hand when the line is unknown or the order lines are not known', () => {
    expect(
      refused(
        refund({
          amountMinor: 100,
          lines: [{ lineId: 'L7', sku: 'X', quantity: 1, amountMinor: 100, restock: false }],
        }),
      ),
    ).toContain('does not match a line');
    const cancelled = sampleRecord();
    (cancelled.storefrontLines[0] as { quantity: number }).quantity = 1;
    const p1 = creditNoteForRefund(
      refund({
        amountMinor: 10_000,
        lines: [{ lineId: 'L1', sku: 'ETOS-G-080', quantity: 2, amountMinor: 10_000, restock: true }],
      }),
      target,
      cancelled,
      order,
      financeSettings(),
    );
    expect(!p1.ok && p1.problems[0]?.message).toContain('only 1 of the 2');
    const p = creditNoteForRefund(refund({ amountMinor: 100 }), target, null, order, financeSettings());
    expect(p.ok).toBe(false);
  });

  it('always credits exactly the amount returned (property)', () => {
    fc.assert(
      // Up to the lines' value (23000): the 500 of shipping is only credited as shipping.
      fc.property(fc.integer({ min: 1, max: 23_000 }), fc.integer({ min: 0, max: 2 }), (amount, qty) => {
        const lineAmount = Math.min(amount, qty * 5000);
        const r = refund({
          amountMinor: amount,
          lines:
            qty > 0
              ? [{ lineId: 'L1', sku: 'ETOS-G-080', quantity: qty, amountMinor: lineAmount, restock: true }]
              : [],
        });
        const p = creditNoteForRefund(r, target, sampleRecord(), order, financeSettings());
        if (!p.ok) return false;
        const sum =
          p.value.request.lines.reduce((s, l) => s + l.amountMinor, 0) +
          p.value.request.charges.reduce((s, c) => s + c.amountMinor, 0);
        return sum === amount && p.value.request.lines.every((l) => l.amountMinor >= 0);
      }),
    );
  });
});
