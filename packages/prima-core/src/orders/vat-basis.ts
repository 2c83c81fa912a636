import { scaleMinor } from '../money/allocate.js';

/**
 * One amount moved from the storefront's tax basis to the connection's (settings.orders.vatInclusive,
 * which must match Prima's price book or Prima answers E:548). The storefront's own tax figure for the
 * amount is the truth: net = gross - tax, gross = net + tax, exactly. The discount shown alongside is
 * rescaled in the same proportion (half-even); it is informational (Prima's PromotionValue), the value
 * is what adds up.
 */
export function toPrimaBasis(
  valueMinor: number,
  discountMinor: number,
  taxMinor: number,
  storefrontIncludesTax: boolean,
  primaIncludesTax: boolean,
): { valueMinor: number; discountMinor: number } {
  if (storefrontIncludesTax === primaIncludesTax) return { valueMinor, discountMinor };
  const converted = storefrontIncludesTax ? valueMinor - taxMinor : valueMinor + taxMinor;
  const discount = valueMinor === 0 ? discountMinor : scaleMinor(discountMinor, converted, valueMinor);
  return { valueMinor: converted, discountMinor: discount };
}
