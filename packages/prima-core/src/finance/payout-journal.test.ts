import { describe, expect, it } from 'vitest';
import type { Payout } from '../model/index.js';
import { parseSettings } from '../settings.js';
import { sampleOrder } from '../testing/fake-storefront.js';
import { journalCsv } from './csv.js';
import { buildPayoutJournal, type OrderSplit, orderSplit } from './payout-journal.js';

const nominals = parseSettings({ prima: { url: 'http://prima.test/wsdl' } }).finance.nominals;

/** Two sales (one of an order we know), a partial refund, a chargeback, a billing fee and the transfer. */
function payout(over: Partial<Payout> = {}): Payout {
  return {
    payoutId: 'p-77',
    date: '2026-03-03T00:00:00Z',
    currency: 'GBP',
    netMinor: 10_500 - 320 + 4000 - 150 - 1000 - 2000 - 15 - 500,
    transactions: [
      { id: 't1', type: 'charge', orderId: '1', grossMinor: 10_500, feeMinor: 320, netMinor: 10_180 },
      { id: 't2', type: 'charge', grossMinor: 4000, feeMinor: 150, netMinor: 3850 },
      { id: 't3', type: 'refund', orderId: '1', grossMinor: -1000, feeMinor: 0, netMinor: -1000 },
      { id: 't4', type: 'chargeback', grossMinor: -2000, feeMinor: 15, netMinor: -2015 },
      { id: 't5', type: 'fee', grossMinor: -500, feeMinor: 0, netMinor: -500 },
      { id: 't6', type: 'payout', grossMinor: -9000, feeMinor: 0, netMinor: -9000 },
    ],
    ...over,
  };
}

// Order 1: 10500 paid = 2 x 50.00 goods (VAT incl.) + 5.00 shipping; tax 1750 (1667 on goods, 83 on shipping).
const splits = new Map<string, OrderSplit>([['1', orderSplit(sampleOrder('1'))]]);

describe('payout summary journal', () => {
  it('splits an order total into goods, shipping net of its tax, and tax, exactly', () => {
    expect(orderSplit(sampleOrder('1'))).toEqual({ goodsMinor: 8333, shippingMinor: 417, taxMinor: 1750 });
  });

  it('has one line per kind of money, balances, and its bank line is the deposit', () => {
    const j = buildPayoutJournal(payout(), splits, nominals);
    if (!j.ok) throw new Error(j.problems[0]?.message);
    expect(j.value.amounts).toEqual({
      grossSales: 8333 + 4000,
      shipping: 417,
      tax: 1750,
      fees: -320 - 150 - 15 - 500,
      refunds: -1000,
      chargebacks: -2000,
      adjustments: 0,
    });
    const lines = j.value.request.lines;
    expect(lines[0]).toMatchObject({ nominal: '1200', debitMinor: payout().netMinor, creditMinor: 0 });
    expect(lines.map((l) => l.nominal)).toEqual(['1200', '4000', '4100', '2200', '7900', '4010', '4020']);
    const debit = lines.reduce((s, l) => s + l.debitMinor, 0);
    const credit = lines.reduce((s, l) => s + l.creditMinor, 0);
    expect(debit).toBe(credit);
    expect(j.value.request).toMatchObject({ reference: 'POp77', date: '2026-03-03', currency: 'GBP' });
  });

  it('is a payout_mismatch when the transactions do not sum to the bank deposit', () => {
    const j = buildPayoutJournal(payout({ netMinor: payout().netMinor + 1 }), splits, nominals);
    expect(j.ok).toBe(false);
    if (j.ok) return;
    expect(j.problems[0]?.code).toBe('payout_mismatch');
    expect(j.problems[0]?.detail).toMatchObject({ differenceMinor: 1 });
    expect(j.problems[0]?.message).toContain('p-77');
  });

  it('is a payout_mismatch when a transaction is inconsistent in itself', () => {
    const p = payout();
    p.transactions[1] = { id: 't2', type: 'charge', grossMinor: 4000, feeMinor: 150, netMinor: 3800 };
    const j = buildPayoutJournal(p, splits, nominals);
    expect(!j.ok && j.problems[0]?.detail?.transactionId).toBe('t2');
  });

  it('exports the journal as CSV with decimal amounts and quoted descriptions', () => {
    const j = buildPayoutJournal(payout(), splits, { ...nominals, bank: 'BANK, MAIN' });
    if (!j.ok) throw new Error('expected a journal');
    const csv = journalCsv(j.value.request).trim().split('\n');
    expect(csv[0]).toBe('Reference,Date,Nominal,Description,Debit,Credit,Currency');
    expect(csv[1]).toBe(
      `POp77,2026-03-03,"BANK, MAIN",Shopify Payments payout p-77: bank deposit,${(payout().netMinor / 100).toFixed(2)},0.00,GBP`,
    );
    expect(csv).toHaveLength(1 + j.value.request.lines.length);
  });
});
