import { fail, ok, type Problem, problem, type Result } from '../monitor/problems.js';

/**
 * ISO 4217 minor-unit exponents for the currencies a Prima site can trade in.
 * Only non-default exponents need care; the table lists the common 2-decimal ones explicitly too,
 * because an unknown code must be refused (not silently treated as 2 decimals): a wrong exponent
 * multiplies or divides every amount by 10 or 100.
 */
const EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  // 0 decimals
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // 3 decimals
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // 4 decimals
  CLF: 4,
  UYW: 4,
  // 2 decimals (the usual case)
  AED: 2,
  ARS: 2,
  AUD: 2,
  BGN: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  GHS: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  KES: 2,
  LKR: 2,
  MAD: 2,
  MXN: 2,
  MYR: 2,
  NGN: 2,
  NOK: 2,
  NZD: 2,
  PEN: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RSD: 2,
  RUB: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  ZAR: 2,
});

/** The currencies we know, upper-case ISO codes. */
export const KNOWN_CURRENCIES: readonly string[] = Object.freeze(Object.keys(EXPONENTS).sort());

function unknownCurrency(currency: string): Problem {
  const shown = currency.trim() === '' ? '(none)' : `"${currency}"`;
  return problem(
    'unknown_currency',
    `The currency ${shown} is not one Prima Connect knows, so its amounts cannot be converted safely.`,
    'Check the store currency is a three-letter ISO code (GBP, EUR, USD...). If it is correct, ask support to add it.',
    { currency },
  );
}

/** Number of minor-unit digits (GBP 2, JPY 0, KWD 3). Unknown or malformed codes -> unknown_currency. */
export function currencyExponent(currency: string): Result<number> {
  const code = currency.trim().toUpperCase();
  const exp = Object.hasOwn(EXPONENTS, code) ? EXPONENTS[code] : undefined;
  return exp === undefined ? fail(unknownCurrency(currency)) : ok(exp);
}
