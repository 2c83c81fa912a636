import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from './currency.js';
import { describeMoney, formatDecimalMinor, formatMinor, parseDecimalMinor, parseMinor } from './decimal.js';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);

describe('currencyExponent', () => {
  it.each([
    ['GBP', 2],
    ['eur', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
    ['TND', 3],
  ])('%s has %i decimals', (code, exp) => {
    expect(currencyExponent(code)).toEqual({ ok: true, value: exp });
  });

  it('refuses an unknown currency with a Problem a clerk can read', () => {
    const r = currencyExponent('XYZ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('unknown_currency');
      expect(r.problems[0]?.message).toContain('"XYZ"');
    }
    expect(currencyExponent('').ok).toBe(false);
    expect(currencyExponent('toString').ok).toBe(false);
  });
});

describe('parseMinor', () => {
  it.each([
    ['12.30', 'GBP', 1230],
    ['12.3', 'GBP', 1230],
    ['32444.000000', 'GBP', 3244400],
    ['-5', 'GBP', -500],
    ['+7.01', 'EUR', 701],
    ['.5', 'GBP', 50],
    ['5.', 'GBP', 500],
    ['0.00', 'GBP', 0],
    ['-0.00', 'GBP', 0],
    [' 3.95 ', 'GBP', 395],
    ['1200', 'JPY', 1200],
    ['1200.000', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['0.001', 'KWD', 1],
    [12.3, 'GBP', 1230],
    [0.1 + 0.2, 'GBP', undefined], // 0.30000000000000004 has non-zero digits beyond pence: strict refuses
  ])('%s %s -> %s', (text, currency, expected) => {
    const r = parseMinor(text, currency);
    expect(value(r)).toBe(expected);
    if (expected === 0) expect(Object.is(value(r), -0)).toBe(false);
  });

  it.each(['1e3', '1,234.00', '12 30', '', '-', '.', 'NaN', 'Infinity', '£12.30', '--1', '0x10', '12.3.4'])(
    'refuses "%s" as not a plain decimal',
    (text) => {
      const r = parseMinor(text, 'GBP', { label: 'Line 1 price' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems[0]?.code).toBe('invalid_order');
        expect(r.problems[0]?.message).toContain('Line 1 price');
      }
    },
  );

  it('strict mode refuses non-zero digits beyond the exponent', () => {
    const r = parseMinor('12.345', 'GBP');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('more than 2 decimal places');
  });

  it('half_even rounds ties to the even neighbour', () => {
    const he = (t: string) => value(parseMinor(t, 'GBP', { rounding: 'half_even' }));
    expect(he('12.345')).toBe(1234);
    expect(he('12.355')).toBe(1236);
    expect(he('12.3450001')).toBe(1235);
    expect(he('12.3449999')).toBe(1234);
    expect(he('-12.345')).toBe(-1234);
    expect(he('-12.355')).toBe(-1236);
    expect(he('0.005')).toBe(0);
    expect(he('0.015')).toBe(2);
  });

  it('half_up rounds ties away from zero, symmetric for negatives', () => {
    const hu = (t: string) => value(parseMinor(t, 'GBP', { rounding: 'half_up' }));
    expect(hu('12.345')).toBe(1235);
    expect(hu('12.344999')).toBe(1234);
    expect(hu('-12.345')).toBe(-1235);
    expect(hu('0.005')).toBe(1);
    expect(hu('99.995')).toBe(10000);
  });

  it('refuses amounts too large to hold exactly', () => {
    expect(parseMinor('99999999999999999.00', 'GBP').ok).toBe(false);
  });

  it('passes unknown currencies through as unknown_currency', () => {
    const r = parseMinor('1.00', 'ABC');
    expect(!r.ok && r.problems[0]?.code).toBe('unknown_currency');
  });
});

describe('formatMinor', () => {
  it.each([
    [1230, 'GBP', '12.30'],
    [-5, 'GBP', '-0.05'],
    [0, 'GBP', '0.00'],
    [1200, 'JPY', '1200'],
    [1, 'KWD', '0.001'],
    [-123456, 'KWD', '-123.456'],
  ])('%i %s -> %s', (minor, currency, text) => {
    expect(formatMinor(minor, currency)).toEqual({ ok: true, value: text });
  });

  it('describes money for messages', () => {
    expect(describeMoney(12050, 'gbp')).toBe('GBP 120.50');
  });

  it('round-trips with parse for any safe amount and exponent (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 50), max: 2 ** 50 }),
        fc.integer({ min: 0, max: 4 }),
        (minor, exp) => {
          expect(value(parseDecimalMinor(formatDecimalMinor(minor, exp), exp))).toBe(minor);
        },
      ),
    );
  });

  it('rounding modes never move an amount by more than half a minor unit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 9), max: 10 ** 9 }),
        fc.constantFrom('half_even' as const, 'half_up' as const),
        (milli, mode) => {
          // milli = thousandths of a pound; rounding to pence must land on the nearest penny.
          const text = formatDecimalMinor(milli, 3);
          const pence = value(parseDecimalMinor(text, 2, { rounding: mode }));
          expect(pence).toBeDefined();
          expect(Math.abs((pence as number) * 10 - milli)).toBeLessThanOrEqual(5);
        },
      ),
    );
  });
});
