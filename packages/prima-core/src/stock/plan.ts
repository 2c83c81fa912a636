import { locationsForWarehouse } from '../mapping/maps.js';
import type { SkuResolver } from '../mapping/sku-resolver.js';
import type { ItemRef } from '../model/item.js';
import type { PrimaStockRow, StockUpdate, StorefrontVariant } from '../model/stock.js';
import { type Problem, problem } from '../monitor/problems.js';
import type { StockSnapshot } from '../ports.js';
import type { BufferRule, Settings } from '../settings.js';
import { ItemIndex, itemHash } from './item-index.js';
import { fastItemKey as itemKey } from './item-key.js';
import { KeyIndex } from './key-index.js';
import { baseBufferRule, bufferUnits, sellable } from './policy.js';

export interface StockPlanInput {
  /** `full`: the whole catalogue (or every shard) was asked for. `targeted`: a list of SKUs was. */
  mode: 'full' | 'targeted';
  reply: readonly PrimaStockRow[];
  variants: readonly StorefrontVariant[];
  resolver: SkuResolver;
  settings: Pick<Settings, 'stock' | 'maps' | 'orders'>;
  /** Storefront SKU -> units on storefront orders Prima does not hold yet (they will take stock there soon). */
  pending: ReadonlyMap<string, number>;
  /** What we pushed last time, per variant and location (SnapshotRepo.all). */
  lastPushed: readonly StockSnapshot[];
  /** Rows in the last full reply we trusted (SnapshotRepo.getLastFullReplyRows); null when there was none. */
  lastFullReplyRows: number | null;
  /** For the peak-period buffer. */
  now: Date;
  /** Per-SKU buffer overrides. */
  bufferOverrides?: ReadonlyMap<string, BufferRule>;
  /**
   * Storefront locations that receive Prima's figure. Prima gives ONE available-to-sell figure per item,
   * not one per warehouse, so it goes to the locations mapped to `warehouse` (default: the connection's
   * default warehouse); pass `locationIds` to choose them directly (e.g. WooCommerce's single location).
   */
  locationIds?: readonly string[];
  warehouse?: string;
}

export interface StockPlan {
  /** Only the figures that differ from what was last pushed; previousQuantity = last pushed (null: never). */
  updates: StockUpdate[];
  problems: Problem[];
  /** Variant x location figures computed (changed or not). */
  considered: number;
  /** True when a short full reply was not trusted to zero the SKUs missing from it. */
  guarded: boolean;
}

function stockReplyShort(rows: number, last: number, ratio: number): Problem {
  return problem(
    'stock_reply_short',
    `Prima's stock reply had ${rows} rows, fewer than ${Math.round(ratio * 100)}% of the last full reply (${last} rows). Items missing from it were left as they are instead of being set to zero.`,
    'Nothing needs doing if the next stock sync is complete. If this keeps happening, check Prima and its web service.',
    { rows, lastFullReplyRows: last },
  );
}

function noLocations(warehouse: string): Problem {
  return problem(
    'invalid_warehouse',
    `No store location is linked to Prima warehouse "${warehouse}", so Prima's stock figures have nowhere to go.`,
    'Link the store location(s) that sell Prima stock to this warehouse under Locations in Mappings.',
    { warehouse },
  );
}

/**
 * Plans a stock push: Prima's available-to-sell -> storefront figures, diffed against what was last pushed.
 * Pure and linear: every join is a hash lookup (flat hash indexes for the million-row joins, see
 * item-index.ts and key-index.ts; figures for 100,000 and 1,000,000 SKUs in bench/README.md).
 *
 * Missing rows: in a full reply we trust, a mapped item that is missing is set to 0 (Prima no longer
 * sells it). A full reply is trusted when it has rows and at least `stock.shortReplyRatio` x the rows of
 * the last full reply (the first full reply is trusted if it is not empty); otherwise the missing items
 * are left untouched and `stock_reply_short` is reported. In a targeted reply, missing items are untouched.
 */
export function planStockPush(input: StockPlanInput): StockPlan {
  const { settings, resolver } = input;
  const problems: Problem[] = [];
  const warehouse = input.warehouse ?? settings.orders.defaultWarehouse;
  const locations = input.locationIds ?? locationsForWarehouse(warehouse, settings.maps.locations);
  if (locations.length === 0)
    return { updates: [], problems: [noLocations(warehouse)], considered: 0, guarded: false };

  const rows = input.reply.length;
  const ratio = settings.stock.shortReplyRatio;
  const last = input.lastFullReplyRows;
  const trusted = input.mode === 'full' && rows > 0 && (last === null || rows >= ratio * last);
  const guarded = input.mode === 'full' && !trusted;
  if (guarded) problems.push(stockReplyShort(rows, last ?? 0, ratio));

  // Prima's figures by item (itemKey equality; the last row wins when an item repeats). ItemIndex, not a
  // Map on itemKey strings: see item-index.ts.
  const replyItems = new Array<ItemRef>(rows);
  const replyFigures = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    const row = input.reply[i] as PrimaStockRow;
    replyItems[i] = row.item;
    replyFigures[i] = row.available;
  }
  const prima = new ItemIndex(replyItems);
  /** Prima's figure for an item: the reply's, 0 when a trusted full reply omits it, undefined = leave alone. */
  const figureOf = (item: ItemRef, h: number): number | undefined => {
    const at = prima.getHashed(item, h);
    return at >= 0 ? replyFigures[at] : trusted ? 0 : undefined;
  };

  // Pending storefront orders reserve Prima items (a bundle sold reserves its components).
  const reservedByKey = new Map<string, { item: ItemRef; units: number }>();
  const reserve = (item: ItemRef, qty: number) => {
    const key = itemKey(item);
    const entry = reservedByKey.get(key);
    if (entry) entry.units += qty;
    else reservedByKey.set(key, { item, units: qty });
  };
  for (const [sku, qty] of input.pending) {
    if (qty <= 0) continue;
    const r = resolver.resolve(sku);
    if (!r.ok || r.value.kind === 'non_stock') continue;
    if (r.value.kind === 'stock') reserve(r.value.item, qty);
    else for (const c of r.value.components) reserve(c.item, qty * c.quantity);
  }
  const reservedEntries = [...reservedByKey.values()];
  const reservedIndex = new ItemIndex(reservedEntries.map((e) => e.item));
  /** Units held for an item by pending orders. */
  const reservedOf = (item: ItemRef, h: number): number => {
    const at = reservedIndex.getHashed(item, h);
    return at >= 0 ? (reservedEntries[at] as { units: number }).units : 0;
  };

  // Last pushed figures by location, then variant id (the last snapshot wins when one repeats): the
  // variant id strings themselves are the keys, no composite key strings to build a million times.
  const hasReservations = reservedEntries.length > 0;
  const pushedIds = new Map<string, { ids: string[]; quantities: number[] }>(
    locations.map((l) => [l, { ids: [], quantities: [] }]),
  );
  for (const s of input.lastPushed) {
    const into = pushedIds.get(s.locationId);
    if (into === undefined) continue;
    into.ids.push(s.variantId);
    into.quantities.push(s.quantity);
  }
  const previousByLocation = locations.map((l) => {
    const { ids, quantities } = pushedIds.get(l) as { ids: string[]; quantities: number[] };
    return { locationId: l, index: new KeyIndex(ids), quantities };
  });

  // Buffer rule (as bufferRuleFor): per-SKU override, else the peak/default rule, worked out once here.
  const baseRule = baseBufferRule(input.now, settings.stock);
  const overrides = input.bufferOverrides;

  const updates: StockUpdate[] = [];
  const reportedSkus = new Set<string>();
  let considered = 0;
  for (const v of input.variants) {
    const r = resolver.resolve(v.sku);
    if (!r.ok) {
      const sku = v.sku.trim();
      if (!reportedSkus.has(sku)) {
        reportedSkus.add(sku);
        problems.push(...r.problems);
      }
      continue;
    }
    const resolved = r.value;
    if (resolved.kind === 'non_stock') continue; // gift cards, fees: nothing to count

    let primaFigure: number;
    let available: number; // after pending orders, before the buffer
    if (resolved.kind === 'stock') {
      const h = itemHash(resolved.item); // one hash for both lookups
      const figure = figureOf(resolved.item, h);
      if (figure === undefined) continue;
      primaFigure = figure;
      available = hasReservations ? figure - reservedOf(resolved.item, h) : figure;
    } else {
      // A kit sells as many as its scarcest component allows.
      primaFigure = Number.POSITIVE_INFINITY;
      available = Number.POSITIVE_INFINITY;
      let unknown = false;
      for (const c of resolved.components) {
        const h = itemHash(c.item);
        const figure = figureOf(c.item, h);
        if (figure === undefined) {
          unknown = true;
          break;
        }
        primaFigure = Math.min(primaFigure, Math.floor(Math.max(0, figure) / c.quantity));
        available = Math.min(available, Math.floor(Math.max(0, figure - reservedOf(c.item, h)) / c.quantity));
      }
      if (unknown || resolved.components.length === 0) continue;
    }
    const buffer = bufferUnits(overrides?.get(v.sku) ?? baseRule, primaFigure);
    const quantity = sellable(primaFigure, primaFigure - available, buffer);

    for (const { locationId, index, quantities } of previousByLocation) {
      considered += 1;
      const at = index.get(v.variantId);
      const before = at >= 0 ? quantities[at] : undefined;
      if (before === quantity) continue;
      updates.push({
        sku: v.sku,
        variantId: v.variantId,
        inventoryItemId: v.inventoryItemId,
        locationId,
        quantity,
        previousQuantity: before ?? null,
      });
    }
  }
  return { updates, problems, considered, guarded };
}
