import { describe, expect, it } from 'vitest';
import { primaOrderNumber } from './order-number.js';

describe('primaOrderNumber', () => {
  it('is prefix + the storefront number with only letters and digits kept', () => {
    expect(primaOrderNumber('W', '#1001', 20)).toEqual({ ok: true, value: 'W1001' });
    expect(primaOrderNumber('MG', '000000123', 20)).toEqual({ ok: true, value: 'MG000000123' });
    expect(primaOrderNumber('', 'UK-4521/b', 20)).toEqual({ ok: true, value: 'UK4521b' });
  });

  it('is deterministic', () => {
    expect(primaOrderNumber('W', '#1001', 20)).toEqual(primaOrderNumber('W', '#1001', 20));
  });

  it('refuses rather than truncating into a collision', () => {
    const r = primaOrderNumber('SHOPIFY', '#123456789012345', 20);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('invalid_order');
      expect(r.problems[0]?.message).toContain('SHOPIFY123456789012345');
      expect(r.problems[0]?.message).toContain('20 characters');
    }
    expect(primaOrderNumber('W', '12345', 6).ok).toBe(true);
    expect(primaOrderNumber('W', '123456', 6).ok).toBe(false);
  });

  it('refuses numbers with nothing usable and prefixes with symbols', () => {
    expect(primaOrderNumber('W', '#--', 20).ok).toBe(false);
    expect(primaOrderNumber('W-', '1001', 20).ok).toBe(false);
  });
});
