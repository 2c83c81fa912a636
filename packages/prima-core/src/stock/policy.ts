import type { BufferRule, StockSettings } from '../settings.js';

/** Units held back by a buffer rule: fixed units, or a percentage of Prima's figure rounded UP (never oversell). */
export function bufferUnits(rule: BufferRule, primaFigure: number): number {
  if (rule.kind === 'fixed') return rule.value;
  return Math.ceil((Math.max(0, primaFigure) * rule.value) / 100);
}

/**
 * Which buffer applies to a SKU at an instant: a per-SKU override wins (a merchandiser's explicit choice
 * for that item, e.g. 0 for made-to-order), then the peak-period buffer while `now` is inside its window
 * [from, to), then the default.
 */
export function bufferRuleFor(
  sku: string,
  now: Date,
  stock: Pick<StockSettings, 'defaultBuffer' | 'peakBuffer'>,
  overrides?: ReadonlyMap<string, BufferRule>,
): BufferRule {
  return overrides?.get(sku) ?? baseBufferRule(now, stock);
}

/** The rule for SKUs without an override: the peak rule while `now` is inside [from, to), else the default. */
export function baseBufferRule(
  now: Date,
  stock: Pick<StockSettings, 'defaultBuffer' | 'peakBuffer'>,
): BufferRule {
  const peak = stock.peakBuffer;
  const t = now.getTime();
  return peak && t >= Date.parse(peak.from) && t < Date.parse(peak.to) ? peak.rule : stock.defaultBuffer;
}

/**
 * Available to sell on the storefront: Prima's figure, less what storefront orders not yet in Prima will
 * take, less the safety buffer; never below 0 and never above Prima's figure (the buffer and the
 * reservations only ever hold stock back).
 */
export function sellable(primaFigure: number, reserved: number, buffer: number): number {
  const prima = Math.max(0, Math.floor(primaFigure));
  const figure = prima - Math.max(0, reserved) - Math.max(0, buffer);
  return Math.min(prima, Math.max(0, figure));
}
