import type { ItemRef } from '../model/item.js';
import { allocate } from '../money/allocate.js';
import type { BundleComponent } from './sku-resolver.js';

export interface ComponentLine {
  item: ItemRef;
  /** Component units for the whole order line: component quantity x bundles sold. */
  quantity: number;
  /** This component's share of the bundle line's value; the shares sum exactly to the line value. */
  valueMinor: number;
  /** This component's share of the bundle line's discount; sums exactly to the line discount. */
  discountMinor: number;
}

/**
 * The weights a bundle's price is split by: the components' own weights when the mapping gives them
 * (e.g. their list prices), otherwise equal per unit (a 3-pack of socks plus a belt: each unit one share).
 */
export function bundleWeights(components: readonly BundleComponent[]): number[] {
  const weighted = components.every((c) => c.weight !== undefined);
  return components.map((c) => (weighted ? (c.weight as number) : c.quantity));
}

/**
 * Expands `bundlesSold` units of a bundle into component lines, splitting its value and discount
 * exactly (largest remainder): the component lines always add up to the bundle line to the minor unit.
 */
export function splitBundle(
  components: readonly BundleComponent[],
  bundlesSold: number,
  valueMinor: number,
  discountMinor = 0,
): ComponentLine[] {
  const weights = bundleWeights(components);
  const values = allocate(valueMinor, weights);
  const discounts = allocate(discountMinor, weights);
  return components.map((c, i) => ({
    item: c.item,
    quantity: c.quantity * bundlesSold,
    valueMinor: values[i] as number,
    discountMinor: discounts[i] as number,
  }));
}
