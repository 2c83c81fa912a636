/** Shared fixtures for the finance tests: a posted order record with a plain line, a split and a bundle. */
import { itemRef } from '../model/index.js';
import { parseSettings, type SettingsInput } from '../settings.js';
import type { PostedOrderRecord } from './prima-lines.js';

/**
 * Storefront order #500 as Prima holds it:
 * - L1: 2 x ETOS-G-080 at 50.00 -> Prima line 1 (2 x 5000)
 * - L2: 3 x SOCK at 33.34 total 100.00 -> split exactly: line 2 (2 x 3333), line 3 (1 x 3334)
 * - L3: 1 x GIFTSET bundle (1 x MUG + 2 x TEA) worth 30.00 -> line 4 (1 x MUG 1000), line 5 (2 x TEA 1000 each)
 * - shipping P&P 5.00
 */
export function sampleRecord(): PostedOrderRecord {
  return {
    primaOrderNumber: 'W500',
    currency: 'GBP',
    storefrontLines: [
      { lineId: 'L1', sku: 'ETOS-G-080', quantity: 2 },
      { lineId: 'L2', sku: 'SOCK', quantity: 3 },
      { lineId: 'L3', sku: 'GIFTSET', quantity: 1 },
    ],
    lines: [
      {
        lineNo: 1,
        lineId: 'L1',
        item: itemRef('ETOS', 'G', '080'),
        quantity: 2,
        unitPriceMinor: 5000,
        valueMinor: 10_000,
      },
      { lineNo: 2, lineId: 'L2', item: itemRef('SOCK'), quantity: 2, unitPriceMinor: 3333, valueMinor: 6666 },
      { lineNo: 3, lineId: 'L2', item: itemRef('SOCK'), quantity: 1, unitPriceMinor: 3334, valueMinor: 3334 },
      { lineNo: 4, lineId: 'L3', item: itemRef('MUG'), quantity: 1, unitPriceMinor: 1000, valueMinor: 1000 },
      { lineNo: 5, lineId: 'L3', item: itemRef('TEA'), quantity: 2, unitPriceMinor: 1000, valueMinor: 2000 },
    ],
    charges: [{ code: 'P&P', amountMinor: 500 }],
  };
}

export const SAMPLE_PAID_MINOR = 23_500;

export function financeSettings(over: Partial<SettingsInput> = {}) {
  return parseSettings({
    prima: { url: 'http://prima.test/wsdl' },
    maps: { shipping: { standard: { charge: 'P&P' } } },
    ...over,
  });
}
