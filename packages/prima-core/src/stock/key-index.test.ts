import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.js';

/** What the index must answer: exactly Map#get over (key -> last index), -1 when absent. */
function expected(keys: readonly string[], key: string): number {
  const map = new Map<string, number>();
  for (const [i, k] of keys.entries()) map.set(k, i);
  return map.get(key) ?? -1;
}

describe('KeyIndex', () => {
  it('finds the last occurrence of each key, and -1 for a missing one, in table mode', () => {
    const keys = ['A|G|080||', 'v1', 'A|G|080||', '', 'é'];
    const index = new KeyIndex(keys, 0);
    expect(index.get('A|G|080||')).toBe(2);
    expect(index.get('v1')).toBe(1);
    expect(index.get('')).toBe(3);
    expect(index.get('é')).toBe(4);
    expect(index.get('a|g|080||')).toBe(-1);
    expect(index.get('missing')).toBe(-1);
  });

  it('answers like a Map for any keys, in table and in Map mode (property)', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'B', '0', '|', ' ', 'é', '\u3000'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 20 }), (keys, probes) => {
        const table = new KeyIndex(keys, 0);
        const small = new KeyIndex(keys);
        for (const p of [...probes, ...keys]) {
          expect(table.get(p)).toBe(expected(keys, p));
          expect(small.get(p)).toBe(expected(keys, p));
        }
      }),
    );
  });

  it('handles a large key set (100,000 keys, repeats included)', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `K${i % 90_000}`);
    const index = new KeyIndex(keys);
    expect(index.get('K0')).toBe(90_000);
    expect(index.get('K89999')).toBe(89_999);
    expect(index.get('K90000')).toBe(-1);
  });
});
