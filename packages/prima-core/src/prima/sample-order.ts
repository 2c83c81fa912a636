/** A complete, valid PrimaSalesOrder for tests (here and in the sandbox's contract tests). */

import type { PrimaContact, PrimaSalesOrder } from '../model/index.js';
import { itemRef } from '../model/index.js';

export function sampleContact(overrides: Partial<PrimaContact> = {}): PrimaContact {
  return {
    title: 'Ms',
    forename: 'Ada',
    surname: 'Lovelace',
    addressLines: ['12 St James Square', 'Flat 3'],
    postcode: 'SW1Y 4JH',
    country: 'GB',
    email: 'ada@example.com',
    phone: '020 7946 0000',
    mobile: '',
    fao: '',
    ...overrides,
  };
}

/** Two lines (2 x 49.99 and 1 x 5.00), shipping 3.95: total 108.93 GBP. */
export function sampleSalesOrder(overrides: Partial<PrimaSalesOrder> = {}): PrimaSalesOrder {
  return {
    orderNumber: 'W1001',
    tpguid: '1001',
    customerCode: '',
    channel: 'WEB',
    orderType: '',
    vatInclusive: true,
    hold: false,
    holdNarrative: '',
    currency: 'GBP',
    orderDate: '2026-11-20T10:15:00.000Z',
    specialInstructions: '',
    orderCategory: '',
    carrier: '',
    carrierService: '',
    delivery: sampleContact(),
    invoice: sampleContact(),
    lines: [
      {
        lineNo: 1,
        item: itemRef('ETOS', 'G', '080'),
        quantity: 2,
        unitPriceMinor: 4999,
        lineValueMinor: 9998,
        discountMinor: 0,
        warehouse: '',
        narrative: '',
        reference: '',
      },
      {
        lineNo: 2,
        item: itemRef('GIFTWRAP', 'NONE', 'ONE'),
        quantity: 1,
        unitPriceMinor: 500,
        lineValueMinor: 500,
        discountMinor: 0,
        warehouse: '',
        narrative: '',
        reference: '',
      },
    ],
    charges: [{ code: 'RM48', amountMinor: 395 }],
    payment: {
      payMethod: 'CSH',
      subPayMethod: '',
      provider: '',
      amountMinor: 10893,
      transactionId: 'pi_123',
      authRef: '',
    },
    totalMinor: 10893,
    ...overrides,
  };
}
