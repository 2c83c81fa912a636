import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateEvenly, scaleMinor } from './allocate.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocate', () => {
  it('splits proportionally and gives the leftover penny to the largest remainder', () => {
    // £10.00 over three equal lines: 334 + 333 + 333
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    // A £5.00 order discount over lines worth £79.99, £79.99 and £15.00
    const parts = allocate(500, [7999, 7999, 1500]);
    // exact shares 228.57, 228.57, 42.86: the two pennies left go to the largest remainders (3rd, then 1st)
    expect(parts).toEqual([229, 228, 43]);
    expect(sum(parts)).toBe(500);
  });

  it('breaks ties deterministically: larger weight, then earlier position', () => {
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(1, [2, 2, 4])).toEqual([0, 0, 1]);
  });

  it('mirrors negative totals', () => {
    expect(allocate(-1000, [1, 1, 1])).toEqual([-334, -333, -333]);
  });

  it('gives zero weights nothing, and splits equally when all weights are zero', () => {
    expect(allocate(100, [0, 3, 0, 1])).toEqual([0, 75, 0, 25]);
    expect(allocate(100, [0, 0, 0])).toEqual([34, 33, 33]);
  });

  it('handles empty input and refuses nonsense weights', () => {
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(1, [])).toThrow(RangeError);
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
    expect(() => allocate(10, [0.5, 1])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
  });

  it('stays exact where float arithmetic would not', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    const parts = allocate(big, [Number.MAX_SAFE_INTEGER, 3, 7]);
    expect(parts.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(big));
  });

  it('parts always sum exactly to the total, each within one unit of its fair share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sum(parts)).toBe(total);
          const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
          const ws = sum(effective);
          parts.forEach((p, i) => {
            const fair = (total * (effective[i] as number)) / ws;
            expect(Math.abs(p - fair)).toBeLessThan(1 + 1e-9);
            if (effective[i] === 0) expect(p).toBe(0);
            if (total !== 0 && p !== 0) expect(Math.sign(p)).toBe(Math.sign(total));
          });
        },
      ),
    );
  });

  it('is deterministic (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 }), (total, weights) => {
        expect(allocate(total, weights)).toEqual(allocate(total, [...weights]));
      }),
    );
  });
});

describe('allocateEvenly / scaleMinor', () => {
  it('splits evenly with the larger parts first', () => {
    expect(allocateEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(allocateEvenly(-10, 4)).toEqual([-3, -3, -2, -2]);
  });

  it('rescales with half-even rounding', () => {
    expect(scaleMinor(500, 120, 100)).toBe(600);
    expect(scaleMinor(5, 1, 2)).toBe(2); // 2.5 -> 2
    expect(scaleMinor(7, 1, 2)).toBe(4); // 3.5 -> 4
    expect(scaleMinor(-7, 1, 2)).toBe(-4);
    expect(scaleMinor(1000, 1, 3)).toBe(333);
    expect(() => scaleMinor(1, 1, 0)).toThrow(RangeError);
  });
});
