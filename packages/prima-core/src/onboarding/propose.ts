/**
 * Proposes SKU mappings from the storefront catalogue and Prima's available-to-sell list.
 *
 * How a storefront SKU is compared with a Prima row (trimmed, case-insensitive, as Prima compares codes):
 *  1. exact: the SKU equals the row's product code when the row has no matrix codes ("POLISH"), or the
 *     row's product and non-empty matrix codes joined by one of SEPARATORS ("ETOS-G-080", "ETOS/G/080");
 *     several different rows matching one SKU is ambiguous (e.g. product "AB-1" + "G" vs "AB" + "1" + "G").
 *  2. pattern: the given rule (or, when none is set, the suggested one) splits the SKU from the right
 *     (resolveByPattern) and the item must exist in Prima.
 * A SKU whose leading part is a Prima product but whose matrix codes Prima does not know is reported as
 * "unknown matrix codes" rather than unmapped: the merchandiser fixes a size/width, not a product.
 * Existing mapping rows (manual, imported or earlier proposals) are never proposed over.
 */
import { findSharedSkus } from '../mapping/shared-skus.js';
import { resolveByPattern, type SkuPattern } from '../mapping/sku-resolver.js';
import { type ItemRef, itemKey } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import type { PrimaStockRow, StorefrontVariant } from '../model/stock.js';

/** Separators tried, most common first. */
export const SEPARATORS = ['-', '/', '_', '.', ' '] as const;
/** A pattern is suggested when it maps at least this share of the SKUs. */
export const SUGGEST_PATTERN_SHARE = 0.5;

export interface ProposeMappingsInput {
  variants: readonly StorefrontVariant[];
  primaRows: readonly PrimaStockRow[];
  existing: readonly SkuMapping[];
  pattern?: SkuPattern | undefined;
  /** Stamp for the proposed rows' updatedAt. */
  now?: Date;
}

export interface ProposedMapping {
  sku: string;
  variantIds: string[];
  title: string;
  item: ItemRef;
  reason: 'exact_sku' | 'pattern';
  /** Why, in words for the merchandiser. */
  explanation: string;
  /** The row applyProposedMappings stores. */
  mapping: SkuMapping;
}

export interface UnmappedVariant {
  sku: string;
  variantId: string;
  title: string;
  reason: 'no_sku' | 'not_in_prima';
  message: string;
}

export interface AmbiguousVariant {
  sku: string;
  variantIds: string[];
  titles: string[];
  reason: 'shared_sku' | 'several_candidates' | 'unknown_matrix';
  message: string;
  /** Prima items it could be (several_candidates), or the known product's items (unknown_matrix, up to 20). */
  candidates: ItemRef[];
}

export interface SuggestedPattern {
  pattern: SkuPattern;
  /** SKUs the rule maps to an item Prima has, out of `of` SKUs considered. */
  matches: number;
  of: number;
}

export interface MappingProposals {
  proposed: ProposedMapping[];
  unmapped: UnmappedVariant[];
  ambiguous: AmbiguousVariant[];
  /** SKUs that already have a mapping row (left as they are). */
  alreadyMapped: string[];
  suggestedPattern?: SuggestedPattern;
}

const norm = (s: string) => s.trim().toUpperCase();
const codesOf = (item: ItemRef) => [item.product, ...item.matrix.filter((m) => m.trim() !== '')].map(norm);
const describe = (item: ItemRef) => codesOf(item).join(' / ');

/** Every textual form of every Prima row -> the distinct rows it names. */
function exactIndex(rows: readonly PrimaStockRow[]): Map<string, ItemRef[]> {
  const index = new Map<string, ItemRef[]>();
  const add = (form: string, item: ItemRef) => {
    const list = index.get(form);
    if (!list) index.set(form, [item]);
    else if (!list.some((i) => itemKey(i) === itemKey(item))) list.push(item);
  };
  for (const row of rows) {
    const codes = codesOf(row.item);
    if (codes.length === 1) add(codes[0] as string, row.item);
    else for (const sep of SEPARATORS) add(codes.join(sep), row.item);
  }
  return index;
}

/** Tries each separator with 1..4 matrix levels; the rule that maps most SKUs to real Prima items wins. */
export function suggestPattern(
  skus: readonly string[],
  primaRows: readonly PrimaStockRow[],
): SuggestedPattern | undefined {
  const known = new Set(primaRows.map((r) => itemKey(r.item)));
  const considered = skus.map((s) => s.trim()).filter((s) => s !== '');
  if (considered.length === 0) return undefined;
  let best: SuggestedPattern | undefined;
  for (const separator of SEPARATORS) {
    if (!considered.some((s) => s.includes(separator))) continue;
    for (let levels = 1; levels <= 4; levels++) {
      const pattern: SkuPattern = {
        separator,
        matrixLevels: Array.from({ length: levels }, (_, i) => i + 1),
      };
      let matches = 0;
      for (const sku of considered) {
        const ref = resolveByPattern(sku, pattern);
        if (ref && known.has(itemKey(ref))) matches++;
      }
      if (!best || matches > best.matches) best = { pattern, matches, of: considered.length };
    }
  }
  return best && best.matches >= SUGGEST_PATTERN_SHARE * best.of && best.matches > 0 ? best : undefined;
}

function unknownMatrix(
  sku: string,
  products: Map<string, ItemRef[]>,
  pattern: SkuPattern | undefined,
): ItemRef[] | undefined {
  const key = norm(sku);
  if (pattern) {
    const ref = resolveByPattern(sku.trim(), pattern);
    const items = ref ? products.get(norm(ref.product)) : undefined;
    if (items) return items;
  }
  // Longest leading part, cut at any separator, that is a Prima product code.
  for (let i = key.length - 1; i > 0; i--) {
    if (!(SEPARATORS as readonly string[]).includes(key[i] as string)) continue;
    const items = products.get(key.slice(0, i));
    if (items) return items;
  }
  return undefined;
}

export function proposeMappings(input: ProposeMappingsInput): MappingProposals {
  const at = (input.now ?? new Date()).toISOString();
  const existing = new Set(input.existing.map((m) => norm(m.sku)));
  const exact = exactIndex(input.primaRows);
  const known = new Set(input.primaRows.map((r) => itemKey(r.item)));
  const products = new Map<string, ItemRef[]>();
  for (const r of input.primaRows) {
    const p = norm(r.item.product);
    const list = products.get(p);
    if (list) list.push(r.item);
    else products.set(p, [r.item]);
  }
  const suggestedPattern = suggestPattern(
    input.variants.map((v) => v.sku),
    input.primaRows,
  );
  const pattern = input.pattern ?? suggestedPattern?.pattern;

  const result: MappingProposals = { proposed: [], unmapped: [], ambiguous: [], alreadyMapped: [] };
  if (suggestedPattern) result.suggestedPattern = suggestedPattern;

  // Variants sharing a SKU cannot be mapped one by one: the merchandiser gives each its own SKU first.
  const shared = new Set<string>();
  for (const p of findSharedSkus(input.variants)) {
    const sku = String(p.detail?.sku ?? '');
    if (shared.has(norm(sku))) continue;
    shared.add(norm(sku));
    const group = input.variants.filter((v) => norm(v.sku) === norm(sku));
    result.ambiguous.push({
      sku,
      variantIds: group.map((v) => v.variantId),
      titles: group.map((v) => v.title),
      reason: 'shared_sku',
      message: p.message,
      candidates: [],
    });
  }

  const seen = new Set<string>();
  for (const v of input.variants) {
    const sku = v.sku.trim();
    const key = norm(sku);
    if (key === '') {
      result.unmapped.push({
        sku,
        variantId: v.variantId,
        title: v.title,
        reason: 'no_sku',
        message: `"${v.title}" has no SKU, so it cannot be matched with Prima. Give it a SKU in the store.`,
      });
      continue;
    }
    if (shared.has(key) || seen.has(key)) continue;
    seen.add(key);
    if (existing.has(key)) {
      result.alreadyMapped.push(sku);
      continue;
    }
    const propose = (item: ItemRef, reason: ProposedMapping['reason'], explanation: string) =>
      result.proposed.push({
        sku,
        variantIds: [v.variantId],
        title: v.title,
        item,
        reason,
        explanation,
        mapping: {
          sku,
          kind: 'stock',
          item,
          source: reason === 'exact_sku' ? 'auto' : 'pattern',
          updatedAt: at,
        },
      });

    const candidates = exact.get(key) ?? [];
    if (candidates.length === 1) {
      const item = candidates[0] as ItemRef;
      propose(item, 'exact_sku', `The SKU matches Prima item ${describe(item)} exactly.`);
      continue;
    }
    if (candidates.length > 1) {
      result.ambiguous.push({
        sku,
        variantIds: [v.variantId],
        titles: [v.title],
        reason: 'several_candidates',
        message: `The SKU "${sku}" could be any of ${candidates.length} Prima items (${candidates.map(describe).join(', ')}). Choose the right one.`,
        candidates,
      });
      continue;
    }
    const byPattern = pattern ? resolveByPattern(sku, pattern) : null;
    if (byPattern && known.has(itemKey(byPattern))) {
      propose(
        byPattern,
        'pattern',
        `The SKU read as product + "${pattern?.separator}" + matrix codes names Prima item ${describe(byPattern)}.`,
      );
      continue;
    }
    const sameProduct = unknownMatrix(sku, products, pattern);
    if (sameProduct) {
      const product = (sameProduct[0] as ItemRef).product;
      result.ambiguous.push({
        sku,
        variantIds: [v.variantId],
        titles: [v.title],
        reason: 'unknown_matrix',
        message: `The SKU "${sku}" starts with Prima product ${product}, but Prima has no such size/width (matrix codes) for it. Choose the right item or correct the SKU.`,
        candidates: sameProduct.slice(0, 20),
      });
      continue;
    }
    result.unmapped.push({
      sku,
      variantId: v.variantId,
      title: v.title,
      reason: 'not_in_prima',
      message: `No Prima item matches the SKU "${sku}" ("${v.title}"). Choose the Prima item it is, or map it as a non-stock item.`,
    });
  }
  return result;
}
