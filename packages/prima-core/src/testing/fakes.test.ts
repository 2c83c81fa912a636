import { describe, expect, it } from 'vitest';
import type { PrimaSalesOrder } from '../model/index.js';
import { itemRef } from '../model/index.js';
import { ProblemError } from '../monitor/problems.js';
import { createFakePrima } from './fake-prima.js';
import { createFakeStorefront } from './fake-storefront.js';
import { createMemoryQueue } from './memory-queue.js';

const contact = {
  title: '',
  forename: 'Ann',
  surname: 'Lee',
  addressLines: ['1 High St'],
  postcode: 'AB1 2CD',
  country: 'GB',
  email: '',
  phone: '',
  mobile: '',
  fao: '',
};
function primaOrder(orderNumber: string, product = 'ETOS'): PrimaSalesOrder {
  return {
    orderNumber,
    tpguid: orderNumber,
    customerCode: '',
    channel: 'WEB',
    orderType: '',
    vatInclusive: true,
    hold: false,
    holdNarrative: '',
    currency: 'GBP',
    orderDate: '2026-03-01T10:00:00.000Z',
    specialInstructions: '',
    orderCategory: '',
    carrier: '',
    carrierService: '',
    delivery: contact,
    invoice: contact,
    lines: [
      {
        lineNo: 1,
        item: itemRef(product, 'G', '080'),
        quantity: 2,
        unitPriceMinor: 500,
        lineValueMinor: 1000,
        discountMinor: 0,
        warehouse: '',
        narrative: '',
        reference: '',
      },
    ],
    charges: [],
    payment: {
      payMethod: 'CSH',
      subPayMethod: '',
      provider: '',
      amountMinor: 1000,
      transactionId: '',
      authRef: '',
    },
    totalMinor: 1000,
  };
}

describe('fake Prima', () => {
  it('accepts a known item, refuses the same number again with E:21, and allocates stock', async () => {
    const prima = createFakePrima();
    prima.setStock(itemRef('ETOS', 'G', '080'), 5);
    const [first] = await prima.postOrders([primaOrder('W1')]);
    expect(first?.outcome).toBe('accepted');
    expect(prima.stockOf(itemRef('ETOS', 'g', '080'))).toBe(3);
    const [again] = await prima.postOrders([primaOrder('W1')]);
    expect(again?.outcome).toBe('duplicate');
    expect(again?.outcome === 'duplicate' && again.problem.detail?.primaCode).toBe('E:21');
    expect(prima.orders.size).toBe(1);
  });

  it('rejects lines naming an item it does not hold', async () => {
    const prima = createFakePrima();
    const [r] = await prima.postOrders([primaOrder('W2', 'NOPE')]);
    expect(r?.outcome).toBe('rejected');
    expect(r?.outcome === 'rejected' && r.primaCodes).toEqual(['E:194']);
    expect(await prima.getOrderStatus('W2')).toBeNull();
  });

  it('"accept then throw" keeps the order although the caller saw an outage', async () => {
    const prima = createFakePrima();
    prima.setStock(itemRef('ETOS', 'G', '080'), 5);
    prima.acceptThenThrow();
    await expect(prima.postOrders([primaOrder('W3')])).rejects.toBeInstanceOf(ProblemError);
    expect((await prima.getOrderStatus('W3'))?.state).toBe('entered');
  });

  it('refuses cancellation after release and throws during an outage', async () => {
    const prima = createFakePrima();
    prima.setStock(itemRef('ETOS', 'G', '080'), 5);
    await prima.postOrders([primaOrder('W4')]);
    prima.setStatus('W4', 'released');
    expect((await prima.cancelOrder('W4')).ok).toBe(false);
    prima.setOutage(true);
    await expect(prima.getOrderStatus('W4')).rejects.toMatchObject({
      problem: { code: 'prima_unreachable', retryable: true },
    });
  });
});

describe('fake storefront', () => {
  const update = (item: string, quantity: number, previousQuantity: number | null) => ({
    sku: item,
    variantId: item,
    inventoryItemId: item,
    locationId: 'loc-1',
    quantity,
    previousQuantity,
  });

  it('counts one call per batch and does not apply a replayed idempotency key twice', async () => {
    const sf = createFakeStorefront({ batchSize: 2 });
    const r = await sf.pushStock([update('a', 1, null), update('b', 2, null), update('c', 3, null)], 'k1');
    expect(r).toEqual({ calls: 2, applied: 3, failed: [] });
    sf.setStockLevel('a', 'loc-1', 9);
    await sf.pushStock([update('a', 1, null)], 'k1');
    expect(sf.stockLevel('a', 'loc-1')).toBe(9);
  });

  it('refuses a row whose figure changed since previousQuantity', async () => {
    const sf = createFakeStorefront();
    sf.setStockLevel('a', 'loc-1', 4);
    const r = await sf.pushStock([update('a', 7, 5)], 'k2');
    expect(r.applied).toBe(0);
    expect(r.failed[0]?.sku).toBe('a');
  });

  it('injects failures for a number of calls, and fulfilments are idempotent per dispatch', async () => {
    const sf = createFakeStorefront();
    sf.failNext('getOrder', 2);
    await expect(sf.getOrder('1')).rejects.toThrow();
    await expect(sf.getOrder('1')).rejects.toThrow();
    await expect(sf.getOrder('1')).resolves.toBeNull();
    expect(sf.calls.getOrder).toBe(3);
  });
});

describe('memory queue with a manual clock', () => {
  it('dead-letters a job whose lease keeps expiring once its attempts are used up', async () => {
    let now = 0;
    const queue = createMemoryQueue({ clock: { now: () => new Date(now) } });
    await queue.enqueue({
      tenantId: 't',
      type: 'post-order',
      payload: {},
      correlationId: 'c',
      maxAttempts: 2,
    });
    expect(await queue.claim('w', 1, 1000)).toHaveLength(1);
    now += 1001;
    expect((await queue.claim('w', 1, 1000))[0]?.attempts).toBe(2);
    now += 1001;
    expect(await queue.claim('w', 1, 1000)).toHaveLength(0);
    expect(await queue.counts('t')).toEqual({ pending: 0, active: 0, dead: 1 });
  });
});
