/**
 * What the first stock push would do, without pushing: the stock room's planStockPush (same policy,
 * buffers, pending orders and short-reply guard as the real sync) summarised per SKU and in totals.
 */
import type { Problem } from '../monitor/problems.js';
import { planStockPush, type StockPlanInput } from '../stock/plan.js';

export interface StockPreviewRow {
  sku: string;
  variantId: string;
  locationId: string;
  /** What the store shows now when known (currentLevels), else what was last pushed; null = unknown. */
  before: number | null;
  after: number;
}

export interface StockPreview {
  rows: StockPreviewRow[];
  totals: {
    /** Figures (variant x location) the push would set. */
    changes: number;
    /** Distinct SKUs among them. */
    skus: number;
    unitsUp: number;
    unitsDown: number;
    /** Figures that become 0 (sold out on the store). */
    toZero: number;
    /** Figures with no known "before" (never pushed and not read from the store). */
    unknownBefore: number;
  };
  considered: number;
  guarded: boolean;
  problems: Problem[];
}

export interface StockPreviewInput extends StockPlanInput {
  /** The store's current figures by `${variantId}|${locationId}`, when the host can read them. */
  currentLevels?: ReadonlyMap<string, number>;
}

export const levelKey = (variantId: string, locationId: string) => `${variantId}|${locationId}`;

export function previewStockPush(input: StockPreviewInput): StockPreview {
  const plan = planStockPush(input);
  const rows: StockPreviewRow[] = [];
  const totals = { changes: 0, skus: 0, unitsUp: 0, unitsDown: 0, toZero: 0, unknownBefore: 0 };
  const skus = new Set<string>();
  for (const u of plan.updates) {
    const before = input.currentLevels?.get(levelKey(u.variantId, u.locationId)) ?? u.previousQuantity;
    // A figure the store already shows is not a change, even if we never pushed it.
    if (before === u.quantity) continue;
    rows.push({ sku: u.sku, variantId: u.variantId, locationId: u.locationId, before, after: u.quantity });
    totals.changes++;
    skus.add(u.sku);
    if (before === null) totals.unknownBefore++;
    else if (u.quantity > before) totals.unitsUp += u.quantity - before;
    else totals.unitsDown += before - u.quantity;
    if (u.quantity === 0 && before !== 0) totals.toZero++;
  }
  totals.skus = skus.size;
  return { rows, totals, considered: plan.considered, guarded: plan.guarded, problems: plan.problems };
}
