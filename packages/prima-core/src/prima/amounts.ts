/**
 * Prima takes decimal amounts ("3.95"); the core holds integer minor units. The money room owns the
 * currency exponents and the exact formatting; this adapter turns its Result into a value or a
 * ProblemError, since an order reaching prima/ has already been validated for its currency.
 */
import { formatMinor } from '../money/index.js';
import { ProblemError } from '../monitor/problems.js';

/** 395 GBP -> "3.95"; 1200 JPY -> "1200". */
export function wireAmount(minor: number, currency: string): string {
  const formatted = formatMinor(minor, currency);
  if (!formatted.ok)
    throw new ProblemError(
      formatted.problems[0] ?? {
        code: 'unknown_currency',
        message: `Unknown currency ${currency}`,
        action: 'Check the store currency.',
        retryable: false,
      },
    );
  return formatted.value;
}
