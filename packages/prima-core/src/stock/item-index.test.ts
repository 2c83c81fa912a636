import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ItemRef, itemKey, itemRef } from '../model/item.js';
import { ItemIndex } from './item-index.js';

/** What the index must answer: a Map on itemKey, last row wins, -1 when absent. */
function expected(items: readonly ItemRef[], probe: ItemRef): number {
  const map = new Map<string, number>();
  for (const [i, it] of items.entries()) map.set(itemKey(it), i);
  return map.get(itemKey(probe)) ?? -1;
}

describe('ItemIndex', () => {
  it('matches items as itemKey does: case, padding and repeats', () => {
    const items = [
      itemRef('ETOS', 'G', '080'),
      itemRef('belt', 'none', '32in'),
      itemRef('ETOS', 'g', '080 '),
    ];
    const index = new ItemIndex(items);
    expect(index.get(itemRef('etos', 'G', '080'))).toBe(2);
    expect(index.get(itemRef(' BELT', 'NONE', '32IN'))).toBe(1);
    expect(index.get(itemRef('ETOS', 'G', '085'))).toBe(-1);
    // Codes joined with '|' make the same key: the same item for itemKey, so for the index too.
    expect(new ItemIndex([itemRef('A|B')]).get(itemRef('A', 'B|'))).toBe(
      expected([itemRef('A|B')], itemRef('A', 'B|')),
    );
  });

  it('answers like a Map on itemKey for any codes (property)', () => {
    const code = fc.string({
      unit: fc.constantFrom('a', 'B', '0', '|', ' ', '\t', '\u00a0', 'é', 'ß', 'ſ', 'ı', '\u3000'),
      maxLength: 3,
    });
    const ref = fc.tuple(code, code, code, code, code).map(([p, a, b, c, d]) => itemRef(p, a, b, c, d));
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 30 }), fc.array(ref, { maxLength: 10 }), (items, probes) => {
        const index = new ItemIndex(items);
        for (const p of [...probes, ...items]) expect(index.get(p)).toBe(expected(items, p));
      }),
      { numRuns: 300 },
    );
  });
});
