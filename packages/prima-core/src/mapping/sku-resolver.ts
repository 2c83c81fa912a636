import type { ItemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import { fail, ok, type Problem, type Result } from '../monitor/problems.js';
import type { Settings } from '../settings.js';
import { invalidMappingRow, sharedSku, unmappedSku } from './problems.js';
import { skuMappingSchema } from './sku-mapping-schema.js';

export interface BundleComponent {
  item: ItemRef;
  /** Units of this component in ONE unit of the bundle. */
  quantity: number;
  weight?: number;
}

export type ResolvedSku =
  | { kind: 'stock'; item: ItemRef; source: SkuMapping['source'] }
  | { kind: 'non_stock'; item: ItemRef; source: SkuMapping['source'] }
  | { kind: 'bundle'; components: BundleComponent[]; source: SkuMapping['source'] };

export interface SkuResolver {
  /** Explicit table first, then the pattern rule; otherwise unmapped_sku (or invalid_mapping / shared_variant_sku). */
  resolve(sku: string): Result<ResolvedSku>;
  /** Rows of the table that cannot be used, one Problem per row (they resolve to that Problem too). */
  readonly tableProblems: readonly Problem[];
}

export type SkuPattern = NonNullable<Settings['maps']['pattern']>;

export interface ResolverOptions {
  /** SKUs known to be shared by several variants (see findSharedSkus): they resolve to shared_variant_sku. */
  sharedSkus?: Iterable<string>;
}

/**
 * The whole-catalogue rule: SKU = product + separator + one code per configured matrix level, e.g.
 * "ETOS-G-080" with "-" and levels [1, 2]. Codes are taken from the RIGHT, so product codes may contain
 * the separator ("AB-100-G-080" -> product "AB-100"). Every part must be non-empty.
 */
export function resolveByPattern(sku: string, pattern: SkuPattern): ItemRef | null {
  // Walks separators from the right with lastIndexOf (no split/splice): this runs once per variant on
  // every stock sync, a million times for a large catalogue.
  const { separator, matrixLevels: levels } = pattern;
  const matrix: [string, string, string, string] = ['', '', '', ''];
  let end = sku.length;
  for (let i = levels.length - 1; i >= 0; i--) {
    const from = end - separator.length;
    const at = from < 0 ? -1 : sku.lastIndexOf(separator, from);
    if (at < 0) return null;
    const code = sku.slice(at + separator.length, end);
    if (code === '') return null;
    matrix[(levels[i] as number) - 1] = code;
    end = at;
  }
  const product = sku.slice(0, end);
  return product === '' ? null : { product, matrix };
}

export function createSkuResolver(
  mappings: readonly SkuMapping[],
  pattern?: SkuPattern,
  options: ResolverOptions = {},
): SkuResolver {
  const table = new Map<string, Result<ResolvedSku>>();
  const tableProblems: Problem[] = [];
  for (const row of mappings) {
    const parsed = skuMappingSchema.safeParse(row);
    const sku = row.sku.trim();
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ');
      const p = invalidMappingRow(sku, why);
      tableProblems.push(p);
      table.set(sku, fail(p));
      continue;
    }
    const m = parsed.data;
    table.set(
      sku,
      ok(
        m.kind === 'bundle'
          ? { kind: 'bundle', components: (m.components ?? []).map((c) => ({ ...c })), source: m.source }
          : { kind: m.kind, item: m.item as ItemRef, source: m.source },
      ),
    );
  }
  const shared = new Set<string>();
  for (const s of options.sharedSkus ?? []) shared.add(s.trim());

  return {
    tableProblems,
    resolve(raw: string): Result<ResolvedSku> {
      const sku = raw.trim();
      if (sku === '') return fail(unmappedSku(raw));
      if (shared.size > 0 && shared.has(sku)) return fail(sharedSku(sku, ['several variants']));
      const explicit = table.size > 0 ? table.get(sku) : undefined;
      if (explicit) return explicit;
      if (pattern) {
        const item = resolveByPattern(sku, pattern);
        if (item) return ok({ kind: 'stock', item, source: 'pattern' });
      }
      return fail(unmappedSku(sku));
    },
  };
}
