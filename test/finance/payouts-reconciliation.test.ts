/**
 * Payout journals and the daily reconciliation, through the engine, against the Prima sandbox over HTTP.
 */
import type { Payout } from '@prima-connect/prima-core';
import { sampleOrder } from '@prima-connect/prima-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FinanceWorld, financeWorld, T } from './harness.js';

let w: FinanceWorld;
afterEach(async () => {
  await w.close();
});

/** Order 6001 (105.00: goods 83.33, shipping 4.17, tax 17.50) and an order the ledger has no details for. */
function payout(id: string, netAdjust = 0): Payout {
  return {
    payoutId: id,
    date: '2026-03-03T00:00:00.000Z',
    currency: 'GBP',
    netMinor: 10_500 - 320 + 2000 - 80 - 1500 + netAdjust,
    transactions: [
      { id: `${id}-1`, type: 'charge', orderId: '6001', grossMinor: 10_500, feeMinor: 320, netMinor: 10_180 },
      { id: `${id}-2`, type: 'charge', orderId: '9999', grossMinor: 2000, feeMinor: 80, netMinor: 1920 },
      { id: `${id}-3`, type: 'refund', orderId: '6001', grossMinor: -1500, feeMinor: 0, netMinor: -1500 },
    ],
  };
}

describe('payouts', () => {
  it('posts one balanced summary journal per payout to Prima, once; a payout off by a penny is an exception', async () => {
    w = await financeWorld({ finance: { payoutJournal: 'post' } });
    w.storefront.putOrder(sampleOrder('6001'));
    w.payouts.push(payout('P1'), payout('P2', 1));

    const run = await w.engine.syncPayouts(T, '2026-03-01T00:00:00.000Z');
    expect(run.payouts.map((p) => [p.payoutId, p.outcome])).toEqual([
      ['P1', 'posted'],
      ['P2', 'mismatch'],
    ]);
    expect(w.sandbox.state.journals).toEqual([{ number: 'J000001', reference: 'POP1', lines: 6 }]);
    const p1 = run.payouts[0];
    expect(p1?.primaReference).toBe('J000001');
    expect(p1?.journal?.amounts).toEqual({
      grossSales: 8333 + 2000,
      shipping: 417,
      tax: 1750,
      fees: -400,
      refunds: -1500,
      chargebacks: 0,
      adjustments: 0,
    });
    expect(p1?.csv?.split('\n')[0]).toBe('Reference,Date,Nominal,Description,Debit,Credit,Currency');

    const [ex] = await w.store.exceptions.list(T, { status: 'open', code: 'payout_mismatch' });
    expect(ex?.subject).toBe('payout:P2');
    expect(ex?.problem.message).toContain('difference of GBP 0.01');

    const again = await w.engine.syncPayouts(T, '2026-03-01T00:00:00.000Z');
    expect(again.payouts.map((p) => p.outcome)).toEqual(['already_done', 'mismatch']);
    expect(w.sandbox.state.journals).toHaveLength(1);
  });

  it('exports the journal as CSV only when the tenant imports journals by hand', async () => {
    w = await financeWorld();
    w.payouts.push(payout('P3'));
    const run = await w.engine.syncPayouts(T, '2026-03-01T00:00:00.000Z');
    expect(run.payouts[0]?.outcome).toBe('exported');
    expect(run.payouts[0]?.csv).toContain(
      'POP3,2026-03-03,1200,Shopify Payments payout P3: bank deposit,106.00,0.00,GBP',
    );
    expect(w.sandbox.state.journals).toEqual([]);
    // Kept: finance downloads the very same file later from the app's Payouts page.
    const [kept, ...more] = await w.engine.payoutJournals(T);
    expect(more).toEqual([]);
    expect(kept).toMatchObject({
      payoutId: 'P3',
      how: 'exported',
      reference: 'POP3',
      currency: 'GBP',
      netMinor: 10_600,
      primaReference: null,
    });
    expect(kept?.csv).toBe(run.payouts[0]?.csv);
    expect(Object.values(kept?.amounts ?? {}).reduce((a, b) => a + b, 0)).toBe(10_600);
  });

  it("keeps each posted journal with Prima's reference; a mismatched payout has none until it adds up", async () => {
    w = await financeWorld({ finance: { payoutJournal: 'post' } });
    w.storefront.putOrder(sampleOrder('6001'));
    w.payouts.push(payout('P4'), payout('P5', 1));
    await w.engine.syncPayouts(T, '2026-03-01T00:00:00.000Z');
    const kept = await w.engine.payoutJournals(T);
    expect(kept.map((j) => [j.payoutId, j.how, j.primaReference])).toEqual([['P4', 'posted', 'J000001']]);
    // One payout's journal by id (the CSV download), and none for a payout that never added up.
    expect((await w.engine.payoutJournals(T, { payoutId: 'P4' })).map((j) => j.reference)).toEqual(['POP4']);
    expect(await w.engine.payoutJournals(T, { payoutId: 'P5' })).toEqual([]);
  });
});

describe('daily reconciliation', () => {
  it('lists exactly the injected problems, keeps the report, and alerts once', async () => {
    w = await financeWorld();
    // Clean orders.
    await w.post(sampleOrder('7001'));
    await w.post(sampleOrder('7002'));
    // Fault 1: a lost webhook. The order exists in the store; nothing told the engine.
    w.storefront.putOrder(sampleOrder('7003'));
    // Fault 2: Prima's total differs: the store's order was repriced after posting and that edit was lost.
    await w.post(sampleOrder('7004'));
    w.storefront.putOrder(
      sampleOrder('7004', { items: [{ sku: 'ETOS-G-080', quantity: 2, unitPriceMinor: 5250 }] }),
    );
    // Fault 3: a stuck order: Prima rejects its unknown product, so it waits in the exception queue.
    await w.post(sampleOrder('7005', { items: [{ sku: 'NOSUCH-X-1', quantity: 1, unitPriceMinor: 1000 }] }));
    // Fault 4: a refund in the store whose event never arrived: no credit note.
    await w.post(sampleOrder('7006'));
    w.storefront.putOrder(sampleOrder('7006', { financialStatus: 'partially_refunded' }));
    // A refunded order that did get its credit note is fine.
    await w.post(sampleOrder('7007'));
    w.storefront.putOrder(sampleOrder('7007', { financialStatus: 'partially_refunded' }));
    await w.refund({
      storefrontOrderId: '7007',
      storefrontRefundId: 'rf-7007',
      amountMinor: 500,
      shippingMinor: 500,
    });

    w.clock.set('2026-03-02T06:00:00.000Z');
    const report = await w.engine.reconcileDay(T, '2026-03-01');
    expect(report.findings.map((f) => [f.kind, f.storefrontOrderId])).toEqual([
      ['missing_in_prima', '7003'],
      ['refund_without_credit_note', '7006'],
      ['stuck', '7005'],
      ['total_differs', '7004'],
    ]);
    expect(report.findings.find((f) => f.kind === 'total_differs')).toMatchObject({
      storeMinor: 11_000,
      primaMinor: 10_500,
      primaOrderNumber: 'W7004',
    });
    expect(report).toMatchObject({ reconciled: false, storeOrders: 7, inPrima: 5 });

    expect(w.alerts).toHaveLength(1);
    expect(w.alerts[0]?.title).toBe('finance.myshopify.com: the store and Prima do not agree for 2026-03-01');
    expect(w.alerts[0]?.links.map((l) => l.url)).toContain(
      'https://help.example.test/exceptions#exception-reconciliation-gap',
    );
    await w.engine.reconcileDay(T, '2026-03-01');
    expect(w.alerts).toHaveLength(1);

    const kept = await w.engine.reconciliationReport(T, 2);
    expect(kept.reports.map((r) => [r.day, r.findings.length])).toEqual([['2026-03-01', 4]]);
    expect(kept.csv.trim().split('\n')).toHaveLength(5);
    expect(kept.csv).toContain('total_differs,#7004,W7004,110.00,105.00,GBP');
  });

  it('a day where everything is in Prima reconciles and sends no alert', async () => {
    w = await financeWorld();
    await w.post(sampleOrder('7101'));
    w.clock.set('2026-03-02T06:00:00.000Z');
    const report = await w.engine.reconcileDay(T, '2026-03-01');
    expect(report).toMatchObject({ reconciled: true, findings: [], storeOrders: 1, inPrima: 1 });
    expect(w.alerts).toEqual([]);
    await expect(w.engine.reconcileDay(T, '2026-02-30')).rejects.toThrow();
  });

  it('alerts when open exceptions cross the threshold, once a day', async () => {
    w = await financeWorld({ alerts: { enabled: true, openExceptionsThreshold: 2 } });
    await w.post(sampleOrder('7201', { items: [{ sku: 'NOSUCH-X-1', quantity: 1, unitPriceMinor: 1000 }] }));
    expect(await w.engine.checkAlerts(T)).toEqual({ alerted: false });
    await w.post(sampleOrder('7202', { items: [{ sku: 'NOSUCH-X-2', quantity: 1, unitPriceMinor: 1000 }] }));
    expect(await w.engine.checkAlerts(T)).toEqual({ alerted: true });
    expect(await w.engine.checkAlerts(T)).toEqual({ alerted: false });
    expect(w.alerts[0]?.lines[0]).toContain('2 orders or updates could not go through');
  });
});
