/**
 * Order lifecycle and finance against the Prima sandbox over HTTP: partial line cancellations on each
 * side of the warehouse cut-off, partial refunds as credit notes, payout journals, and a daily
 * reconciliation over a day with injected faults.
 */
import { sampleOrder } from '@prima-connect/prima-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FinanceWorld, financeWorld, T, twoLineOrder } from './harness.js';

let w: FinanceWorld;
afterEach(async () => {
  await w.close();
});

describe('cancellations and edits against the sandbox', () => {
  beforeEach(async () => {
    w = await financeWorld();
  });

  it('passes a partial line cancellation before the cut-off to Prima, and the new total follows', async () => {
    await w.post(twoLineOrder('4001'));
    expect(w.sandbox.state.orders.get('W4001')?.status).toBe('Allocated');
    // The customer drops one of the two ETOS-G-080 in the store (an order edit): 135.00 -> 85.00.
    await w.change(
      '4001',
      sampleOrder('4001', {
        updatedAt: '2026-03-01T11:00:00.000Z',
        items: [
          { sku: 'ETOS-G-080', quantity: 1, unitPriceMinor: 5000 },
          { sku: 'ETOS-H-090', quantity: 1, unitPriceMinor: 3000 },
        ],
      }),
    );
    const o = w.sandbox.state.orders.get('W4001');
    expect(o?.lines.map((l) => [l.lineNo, l.quantity, l.cancelled])).toEqual([
      [1, 2, 1],
      [2, 1, 0],
    ]);
    expect(o?.status).toBe('Allocated');
    expect((await w.store.links.get(T, '4001'))?.totalMinor).toBe(8500);
    expect(await w.store.exceptions.list(T, { status: 'open' })).toEqual([]);

    // A second edit removes the other line altogether.
    await w.change(
      '4001',
      sampleOrder('4001', {
        updatedAt: '2026-03-01T11:05:00.000Z',
        items: [{ sku: 'ETOS-G-080', quantity: 1, unitPriceMinor: 5000 }],
      }),
    );
    expect(w.sandbox.state.orders.get('W4001')?.lines.map((l) => l.cancelled)).toEqual([1, 1]);
  });

  it('after the cut-off, a removed line is an exception showing Prima status, and Prima is untouched', async () => {
    await w.post(twoLineOrder('4002'));
    w.sandbox.state.release('W4002');
    await w.change(
      '4002',
      sampleOrder('4002', {
        updatedAt: '2026-03-01T11:00:00.000Z',
        items: [{ sku: 'ETOS-G-080', quantity: 2, unitPriceMinor: 5000 }],
      }),
    );
    expect(w.sandbox.state.orders.get('W4002')?.lines.map((l) => l.cancelled)).toEqual([0, 0]);
    const [ex] = await w.store.exceptions.list(T, { status: 'open', code: 'cutoff_passed' });
    expect(ex?.problem.message).toContain('removal of items');
    expect(ex?.problem.message).toContain('"Released"');
    expect(ex?.problem.detail).toMatchObject({ primaOrderNumber: 'W4002', primaStatus: 'Released' });
  });

  it('passes a whole cancellation before the cut-off and refuses one after it', async () => {
    await w.post(twoLineOrder('4003'));
    await w.change(
      '4003',
      twoLineOrder('4003', { cancelledAt: '2026-03-01T11:00:00.000Z' }),
      'order.cancelled',
    );
    expect(w.sandbox.state.orders.get('W4003')?.status).toBe('Cancelled');

    await w.post(twoLineOrder('4004'));
    w.sandbox.state.release('W4004');
    await w.change(
      '4004',
      twoLineOrder('4004', { cancelledAt: '2026-03-01T11:00:00.000Z' }),
      'order.cancelled',
    );
    expect(w.sandbox.state.orders.get('W4004')?.status).toBe('Released');
    expect(
      (await w.store.exceptions.list(T, { status: 'open', code: 'cutoff_passed' })).map((e) => e.subject),
    ).toEqual(['order:4004']);
  });
});

describe('refunds as credit notes in the sandbox', () => {
  beforeEach(async () => {
    w = await financeWorld();
    await w.post(twoLineOrder('5001'));
  });

  it('credits partial refunds (items with restock, shipping only, amount only) on the right Prima lines', async () => {
    const stockBefore = w.sandbox.state.orders.get('W5001') ? onHand(w, 'ETOS', 'H', '090') : 0;
    await w.refund({
      storefrontOrderId: '5001',
      storefrontRefundId: 'rf-a',
      amountMinor: 3000,
      lines: [{ lineId: '5001-L2', sku: 'ETOS-H-090', quantity: 1, amountMinor: 3000, restock: true }],
    });
    await w.refund({
      storefrontOrderId: '5001',
      storefrontRefundId: 'rf-b',
      amountMinor: 500,
      shippingMinor: 500,
    });
    await w.refund({ storefrontOrderId: '5001', storefrontRefundId: 'rf-c', amountMinor: 999 });
    expect(w.sandbox.state.creditNotes.map((c) => [c.orderNumber, c.reference, c.totalMinor])).toEqual([
      ['W5001', 'Rrfa', 3000],
      ['W5001', 'Rrfb', 500],
      ['W5001', 'Rrfc', 999],
    ]);
    // Restocked on Prima line 2 (ETOS-H-090), not on line 1.
    expect(onHand(w, 'ETOS', 'H', '090')).toBe(stockBefore + 1);
    expect(await w.store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it('never credits more than was paid: the refund that would is left for a person', async () => {
    await w.refund({ storefrontOrderId: '5001', storefrontRefundId: 'rf-1', amountMinor: 13_000 });
    await w.refund({ storefrontOrderId: '5001', storefrontRefundId: 'rf-2', amountMinor: 1000 });
    expect(w.sandbox.state.creditNotes.map((c) => c.totalMinor)).toEqual([13_000]);
    const [ex] = await w.store.exceptions.list(T, { status: 'open', code: 'credit_note_manual' });
    expect(ex?.problem.message).toContain('rf-2');
    expect(ex?.problem.message).toContain('more than');
    expect(ex?.problem.action).toContain('W5001');
  });
});

function onHand(world: FinanceWorld, product: string, ...matrix: string[]): number {
  const item = world.sandbox.state.findItem({
    product,
    matrix: [matrix[0] ?? '', matrix[1] ?? '', matrix[2] ?? '', matrix[3] ?? ''],
  });
  return item?.stock.get('MAIN')?.onHand ?? 0;
}
