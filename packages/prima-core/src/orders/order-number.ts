import { fail, ok, problem, type Result } from '../monitor/problems.js';

/**
 * The Prima order number for a storefront order: prefix + the storefront's order number with everything
 * but ASCII letters and digits dropped ("#1001" -> "W1001", Magento "000000123" -> "W000000123").
 * Deterministic, so a retry, a replay or a second worker always computes the same number, and Prima's
 * "already exists" (E:21) guards against a second order. Refuses (never truncates) a number that would be
 * too long: cutting digits off could make two store orders share one Prima number.
 */
export function primaOrderNumber(
  prefix: string,
  storefrontNumber: string,
  maxLength: number,
): Result<string> {
  const cleanPrefix = prefix.replace(/[^A-Za-z0-9]/g, '');
  const core = storefrontNumber.replace(/[^A-Za-z0-9]/g, '');
  if (cleanPrefix !== prefix) {
    return fail(
      problem(
        'invalid_order',
        `The order number prefix "${prefix}" may only contain letters and digits.`,
        'Change the order number prefix in Settings, then retry.',
        { prefix },
      ),
    );
  }
  if (core === '') {
    return fail(
      problem(
        'invalid_order',
        `Order "${storefrontNumber}" has no letters or digits in its number, so it cannot be given a Prima order number.`,
        'Check the order in the store; post it by hand in Prima if needed.',
        { orderNumber: storefrontNumber },
      ),
    );
  }
  const number = `${cleanPrefix}${core}`;
  if (number.length > maxLength) {
    return fail(
      problem(
        'invalid_order',
        `Order ${storefrontNumber} would become Prima order number ${number}, which is longer than the ${maxLength} characters allowed.`,
        'Use a shorter order number prefix, or raise the maximum order number length in Settings if Prima allows it, then retry.',
        { orderNumber: storefrontNumber, primaOrderNumber: number, maxLength },
      ),
    );
  }
  return ok(number);
}
