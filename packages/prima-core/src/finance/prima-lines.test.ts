import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../testing/fake-storefront.js';
import {
  addedLines,
  parsePostedRecord,
  planLineCancellations,
  recordTotalMinor,
  reducedLines,
} from './prima-lines.js';
import { sampleRecord } from './test-fixtures.js';

describe('Prima line record', () => {
  it('round-trips through its audit text and refuses anything else', () => {
    const r = sampleRecord();
    expect(parsePostedRecord(JSON.stringify(r))).toEqual(r);
    expect(parsePostedRecord('{"lines": 3}')).toBeNull();
    expect(parsePostedRecord('not json')).toBeNull();
    expect(parsePostedRecord(42)).toBeNull();
    expect(recordTotalMinor(r)).toBe(23_500);
  });

  it('cancels a plain line by its Prima line number and lowers its value', () => {
    const plan = planLineCancellations(sampleRecord(), [{ lineId: 'L1', quantity: 1 }]);
    expect(plan?.cancel).toEqual([{ lineNo: 1, quantity: 1 }]);
    expect(plan?.next.lines[0]).toMatchObject({ quantity: 1, valueMinor: 5000 });
    expect(plan?.next.storefrontLines[0]?.quantity).toBe(1);
    expect(recordTotalMinor(plan?.next ?? sampleRecord())).toBe(18_500);
  });

  it('takes units of a split line from its last Prima line first', () => {
    const plan = planLineCancellations(sampleRecord(), [{ lineId: 'L2', quantity: 2 }]);
    expect(plan?.cancel).toEqual([
      { lineNo: 2, quantity: 1 },
      { lineNo: 3, quantity: 1 },
    ]);
  });

  it('cancels a bundle through its components, each by its units per bundle', () => {
    const plan = planLineCancellations(sampleRecord(), [{ lineId: 'L3', quantity: 1 }]);
    expect(plan?.cancel).toEqual([
      { lineNo: 4, quantity: 1 },
      { lineNo: 5, quantity: 2 },
    ]);
  });

  it('refuses a reduction larger than the line, or for a line Prima does not have', () => {
    expect(planLineCancellations(sampleRecord(), [{ lineId: 'L1', quantity: 3 }])).toBeNull();
    expect(planLineCancellations(sampleRecord(), [{ lineId: 'nope', quantity: 1 }])).toBeNull();
  });

  it('finds the store lines that went down or disappeared, and those that were added', () => {
    const order = sampleOrder('500', {
      items: [{ sku: 'ETOS-G-080', quantity: 1, unitPriceMinor: 5000 }],
    });
    order.lines = order.lines.map((l) => ({ ...l, lineId: 'L1' }));
    expect(reducedLines(sampleRecord(), order)).toEqual([
      { lineId: 'L1', quantity: 1 },
      { lineId: 'L2', quantity: 3 },
      { lineId: 'L3', quantity: 1 },
    ]);
    expect(addedLines(sampleRecord(), order)).toEqual([]);
    order.lines.push({ ...(order.lines[0] as (typeof order.lines)[number]), lineId: 'L9' });
    expect(addedLines(sampleRecord(), order)).toEqual(['L9']);
  });
});
