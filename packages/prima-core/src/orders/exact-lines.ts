import { allocate } from '../money/allocate.js';

export interface ExactLine {
  quantity: number;
  unitPriceMinor: number;
  lineValueMinor: number;
  discountMinor: number;
}

/**
 * Prima line invariant: unit price x quantity === line value, in whole minor units. A value that does not
 * divide by the quantity (3 pairs for £100.00 after a discount) becomes two lines: the remainder's units
 * one minor unit dearer (1 at £33.34, 2 at £33.33). The discount is split between them by quantity.
 */
export function exactLines(quantity: number, valueMinor: number, discountMinor: number): ExactLine[] {
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  if (!Number.isSafeInteger(valueMinor) || valueMinor < 0)
    throw new RangeError(`line value must be a non-negative integer, got ${valueMinor}`);
  const unit = Math.floor(valueMinor / quantity);
  const dearer = valueMinor - unit * quantity; // 0 <= dearer < quantity
  if (dearer === 0) return [{ quantity, unitPriceMinor: unit, lineValueMinor: valueMinor, discountMinor }];
  const cheaper = quantity - dearer;
  const [d1 = 0, d2 = 0] = allocate(discountMinor, [dearer, cheaper]);
  return [
    { quantity: dearer, unitPriceMinor: unit + 1, lineValueMinor: dearer * (unit + 1), discountMinor: d1 },
    { quantity: cheaper, unitPriceMinor: unit, lineValueMinor: cheaper * unit, discountMinor: d2 },
  ];
}
