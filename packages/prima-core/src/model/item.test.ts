import { describe, expect, it } from 'vitest';
import { itemKey, itemRef, sameItem } from './item.js';

describe('ItemRef', () => {
  it('pads unused matrix levels with empty codes', () => {
    expect(itemRef('ETOS', 'G', '080').matrix).toEqual(['G', '080', '', '']);
  });

  it('compares matrix codes without regard to case, as Prima does', () => {
    expect(sameItem(itemRef('ETOS', 'None', '080'), itemRef('ETOS', 'NONE', '080'))).toBe(true);
    expect(itemKey(itemRef('etos', 'g'))).toBe('ETOS|G|||');
  });

  it('tells widths apart (the public plugin ignored MtrxCode1 and collided)', () => {
    expect(sameItem(itemRef('ETOS', 'G', '080'), itemRef('ETOS', 'H', '080'))).toBe(false);
  });
});
