import { describe, expect, it } from 'vitest';
import { orderContentHash } from './content-hash.js';
import { address, line, order } from './test-fixtures.js';

describe('orderContentHash', () => {
  const base = order({ lines: [line('ETOS-G-080', 1, 7999), line('BELT-NONE-32IN', 1, 2500)] });

  it('is a sha256 hex digest, stable for the same content', () => {
    expect(orderContentHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(orderContentHash(structuredClone(base))).toBe(orderContentHash(base));
  });

  it('ignores what our own write-backs change: tags, notes, timestamps, line order', () => {
    const echoed = {
      ...base,
      tags: ['prima:W1001'],
      note: 'Prima order W1001',
      updatedAt: '2026-11-21T00:00:00Z',
      lines: [...base.lines].reverse(),
    };
    expect(orderContentHash(echoed)).toBe(orderContentHash(base));
  });

  it('changes with quantities, prices, addresses, charges and cancellation', () => {
    const h = orderContentHash(base);
    const [first, second] = base.lines;
    if (!first || !second) throw new Error('fixture');
    expect(orderContentHash({ ...base, lines: [{ ...first, quantity: 2 }, second] })).not.toBe(h);
    expect(orderContentHash({ ...base, lines: [{ ...first, unitPriceMinor: 7000 }, second] })).not.toBe(h);
    expect(orderContentHash({ ...base, shippingAddress: address({ postcode: 'SW1A 1AA' }) })).not.toBe(h);
    expect(orderContentHash({ ...base, charges: [] })).not.toBe(h);
    expect(orderContentHash({ ...base, cancelledAt: '2026-11-21T09:00:00Z' })).not.toBe(h);
  });
});
