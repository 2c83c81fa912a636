import { fail, ok, problem, type Result } from '../monitor/problems.js';
import { currencyExponent } from './currency.js';

/**
 * How to treat digits beyond the currency's exponent ("12.345" in GBP):
 * - `strict`: refuse unless the extra digits are zeros ("32444.000000" is fine, "12.345" is not).
 * - `half_even`: round to nearest, ties to the even neighbour (banker's rounding, unbiased over many sums).
 * - `half_up`: round to nearest, ties away from zero (what PHP round() and most platforms do), symmetric for negatives.
 */
export type RoundingMode = 'strict' | 'half_even' | 'half_up';

export interface ParseOptions {
  rounding?: RoundingMode;
  /** Put in problem messages so a clerk knows which figure it was ("line 2 price"). */
  label?: string;
}

// Plain decimal only: optional sign, digits, optional fraction. ".5" and "5." are accepted (unambiguous);
// exponents ("1e3"), thousands separators, spaces inside, "NaN" and "Infinity" are not.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function badAmount(text: string, why: string, label?: string) {
  const what = label ? `${label} "${text}"` : `The amount "${text}"`;
  return problem(
    'invalid_order',
    `${what} ${why}`,
    'Check the amount in the store order; if it looks right, report it to support.',
    {
      amount: text,
    },
  );
}

/**
 * Exact conversion of a decimal string (or a JS number, through its shortest round-trip text) into
 * an integer count of minor units at `exponent` decimals. No floating point is involved: digits are
 * shifted as text and rounded with BigInt.
 */
export function parseDecimalMinor(
  input: string | number,
  exponent: number,
  options: ParseOptions = {},
): Result<number> {
  const rounding = options.rounding ?? 'strict';
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = DECIMAL.exec(text);
  const [, sign = '', whole = '', frac = ''] = m ?? [];
  if (!m || (whole === '' && frac === '')) {
    return fail(
      badAmount(
        text,
        'is not a plain decimal number (digits, optionally a point and decimals).',
        options.label,
      ),
    );
  }
  const kept = frac.slice(0, exponent).padEnd(exponent, '0');
  const extra = frac.slice(exponent);
  let units = BigInt(`${whole || '0'}${kept}`);
  if (/[1-9]/.test(extra)) {
    if (rounding === 'strict') {
      return fail(
        badAmount(text, `has more than ${exponent} decimal places for this currency.`, options.label),
      );
    }
    const first = extra.charCodeAt(0) - 48;
    const restNonZero = /[1-9]/.test(extra.slice(1));
    const roundUp =
      first > 5 || (first === 5 && (rounding === 'half_up' || restNonZero || units % 2n === 1n));
    if (roundUp) units += 1n;
  }
  const signed = sign === '-' ? -units : units;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    return fail(badAmount(text, 'is too large to handle exactly.', options.label));
  }
  // Number(-0n) is 0, so "-0.00" never becomes -0.
  return ok(Number(signed));
}

/** `parseDecimalMinor` with the exponent of an ISO currency; unknown currency -> unknown_currency. */
export function parseMinor(
  input: string | number,
  currency: string,
  options: ParseOptions = {},
): Result<number> {
  const exp = currencyExponent(currency);
  return exp.ok ? parseDecimalMinor(input, exp.value, options) : exp;
}

/** Minor units back to a plain decimal string: 1230 GBP -> "12.30", -5 GBP -> "-0.05", 1200 JPY -> "1200". */
export function formatDecimalMinor(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  const negative = minor < 0;
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const frac = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${frac}` : ''}`;
}

/** Formats with the currency's exponent. Unknown currency -> unknown_currency. */
export function formatMinor(minor: number, currency: string): Result<string> {
  const exp = currencyExponent(currency);
  return exp.ok ? ok(formatDecimalMinor(minor, exp.value)) : exp;
}

/** For clerk-facing messages: "GBP 12.30". Falls back to the raw figure for unknown currencies. */
export function describeMoney(minor: number, currency: string): string {
  const f = formatMinor(minor, currency);
  return f.ok ? `${currency.toUpperCase()} ${f.value}` : `${minor} minor units of ${currency}`;
}
