import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactLines } from './exact-lines.js';

describe('exactLines', () => {
  it('keeps one line when the value divides by the quantity', () => {
    expect(exactLines(2, 14998, 1000)).toEqual([
      { quantity: 2, unitPriceMinor: 7499, lineValueMinor: 14998, discountMinor: 1000 },
    ]);
  });

  it('splits into two lines one penny apart when it does not', () => {
    // 3 pairs at £40.00 less £20.00: £100.00 -> 1 at £33.34 + 2 at £33.33
    expect(exactLines(3, 10000, 2000)).toEqual([
      { quantity: 1, unitPriceMinor: 3334, lineValueMinor: 3334, discountMinor: 667 },
      { quantity: 2, unitPriceMinor: 3333, lineValueMinor: 6666, discountMinor: 1333 },
    ]);
  });

  it('refuses impossible input', () => {
    expect(() => exactLines(0, 100, 0)).toThrow(RangeError);
    expect(() => exactLines(2, -1, 0)).toThrow(RangeError);
  });

  it('always keeps unit x quantity === value and sums to the original (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.nat(1_000_000),
        (qty, value, discount) => {
          const parts = exactLines(qty, value, discount);
          expect(parts.length).toBeLessThanOrEqual(2);
          for (const p of parts) {
            expect(p.unitPriceMinor * p.quantity).toBe(p.lineValueMinor);
            expect(p.quantity).toBeGreaterThan(0);
          }
          expect(parts.reduce((s, p) => s + p.lineValueMinor, 0)).toBe(value);
          expect(parts.reduce((s, p) => s + p.quantity, 0)).toBe(qty);
          expect(parts.reduce((s, p) => s + p.discountMinor, 0)).toBe(discount);
        },
      ),
    );
  });
});
