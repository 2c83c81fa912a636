import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemRef } from '../model/item.js';
import { splitBundle } from './bundles.js';
import type { BundleComponent } from './sku-resolver.js';

const polish = itemRef('POLISH', 'NONE', 'ONE');
const brush = itemRef('BRUSH', 'NONE', 'ONE');

describe('splitBundle', () => {
  it('splits equally per unit when no weights are given', () => {
    // Two care kits at £10.00 each (2 tins + 1 brush per kit): £20.00 over 6 units.
    const lines = splitBundle(
      [
        { item: polish, quantity: 2 },
        { item: brush, quantity: 1 },
      ],
      2,
      2000,
      100,
    );
    expect(lines).toEqual([
      { item: polish, quantity: 4, valueMinor: 1333, discountMinor: 67 },
      { item: brush, quantity: 2, valueMinor: 667, discountMinor: 33 },
    ]);
  });

  it('splits by weight when the mapping gives list prices', () => {
    const lines = splitBundle(
      [
        { item: itemRef('ETOS', 'G', '080'), quantity: 1, weight: 7999 },
        { item: itemRef('BELT', 'NONE', '32IN'), quantity: 1, weight: 2500 },
      ],
      1,
      9000,
    );
    expect(lines.map((l) => l.valueMinor)).toEqual([6857, 2143]);
  });

  it('always sums exactly to the bundle line, by weight or per unit (property)', () => {
    const component = fc.record({
      item: fc.constant(polish),
      quantity: fc.integer({ min: 1, max: 12 }),
      weight: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (raw, weighted, sold, value, discount) => {
          const comps: BundleComponent[] = raw.map((c) =>
            weighted ? c : { item: c.item, quantity: c.quantity },
          );
          const lines = splitBundle(comps, sold, value, discount);
          expect(lines.reduce((s, l) => s + l.valueMinor, 0)).toBe(value);
          expect(lines.reduce((s, l) => s + l.discountMinor, 0)).toBe(discount);
          lines.forEach((l, i) => {
            expect(l.quantity).toBe((comps[i] as BundleComponent).quantity * sold);
          });
        },
      ),
    );
  });
});
