import { describe, expect, it } from 'vitest';
import { reconciliationCsv } from './csv.js';
import { buildReconciliation, type LinkFact, type StoreOrderFact } from './reconciliation.js';

const store = (id: string, over: Partial<StoreOrderFact> = {}): StoreOrderFact => ({
  storefrontOrderId: id,
  orderNumber: `#${id}`,
  currency: 'GBP',
  totalMinor: 1000,
  refunded: false,
  ...over,
});
const link = (id: string, over: Partial<LinkFact> = {}): LinkFact => ({
  storefrontOrderId: id,
  storefrontOrderNumber: `#${id}`,
  primaOrderNumber: `W${id}`,
  state: 'posted',
  receivedAt: '2026-03-01T10:00:00.000Z',
  primaValueMinor: 1000,
  primaKnows: true,
  creditedMinor: 0,
  creditNotes: 0,
  manualRefunds: 0,
  ...over,
});

const base = { tenantId: 't', day: '2026-03-01', now: '2026-03-02T06:00:00.000Z', stuckAfterHours: 4 };

describe('daily reconciliation report', () => {
  it('reconciles a day where every paid order is in Prima with the same total', () => {
    const r = buildReconciliation({
      ...base,
      storeOrders: [store('1'), store('2')],
      links: [link('1'), link('2')],
      orphanLinkIds: [],
    });
    expect(r).toMatchObject({
      reconciled: true,
      storeOrders: 2,
      inPrima: 2,
      storeTotalMinor: 2000,
      primaTotalMinor: 2000,
      currency: 'GBP',
    });
    expect(reconciliationCsv([r])).toContain('2026-03-01,reconciled');
  });

  it('lists each kind of gap once, for the order concerned', () => {
    const r = buildReconciliation({
      ...base,
      storeOrders: [
        store('1'),
        store('2'),
        store('3', { totalMinor: 1200 }),
        store('4'),
        store('5', { refunded: true }),
        store('6', { refunded: true }),
        store('7'),
        store('8'),
      ],
      links: [
        link('2', { primaKnows: false }),
        link('3'),
        link('4', { state: 'exception', receivedAt: '2026-03-01T09:00:00.000Z' }),
        link('5'),
        link('6', { manualRefunds: 1 }),
        link('7', { state: 'received', receivedAt: '2026-03-02T05:00:00.000Z' }),
        link('8', { state: 'cancelled' }),
        link('9'),
      ],
      orphanLinkIds: ['9'],
    });
    expect(r.findings.map((f) => [f.kind, f.storefrontOrderId])).toEqual([
      ['missing_in_prima', '1'],
      ['missing_in_prima_not_found', '2'],
      ['refund_without_credit_note', '5'],
      ['stuck', '4'],
      ['total_differs', '3'],
      ['unknown_to_storefront', '9'],
    ]);
    expect(r.reconciled).toBe(false);
    expect(r.findings.find((f) => f.kind === 'total_differs')).toMatchObject({
      storeMinor: 1200,
      primaMinor: 1000,
    });
    const csv = reconciliationCsv([r]).trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]).toBe('Day,Finding,Store order,Prima order,Store amount,Prima amount,Currency,Details');
  });
});
