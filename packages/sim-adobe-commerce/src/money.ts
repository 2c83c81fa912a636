/**
 * Commerce's wire format carries money as JSON decimals (19.99). The emulator keeps integer minor units and
 * converts only when it writes a payload: an integer divided by 100 prints as its exact two-decimal form.
 */
export const toDecimal = (minor: number): number => minor / 100;

/** Tax contained in a tax-inclusive amount, rounded half up to the minor unit, as Commerce does per row. */
export const taxIncluded = (grossMinor: number, ratePercent: number): number =>
  Math.round((grossMinor * ratePercent) / (100 + ratePercent));
