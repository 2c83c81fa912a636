import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemKey, itemRef } from '../model/item.js';
import { fastItemKey } from './item-key.js';

describe('fastItemKey', () => {
  it('matches the model itemKey, padded codes included', () => {
    expect(fastItemKey(itemRef('etos', 'g', '080'))).toBe('ETOS|G|080||');
    expect(fastItemKey(itemRef(' ETOS', 'G\t', '\u00a0080'))).toBe(itemKey(itemRef('ETOS', 'G', '080')));
    expect(fastItemKey(itemRef('ETOS\u3000', 'G'))).toBe(itemKey(itemRef('ETOS', 'G')));
  });

  it('equals itemKey for any codes (property)', () => {
    const code = fc.string({
      unit: fc.constantFrom('a', 'B', '0', '-', ' ', '\t', '\u00a0', '\u2003', '\u1680', '\ufeff', 'é', '|'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(code, code, code, code, code, (p, a, b, c, d) => {
        const ref = itemRef(p, a, b, c, d);
        expect(fastItemKey(ref)).toBe(itemKey(ref));
      }),
    );
  });
});
