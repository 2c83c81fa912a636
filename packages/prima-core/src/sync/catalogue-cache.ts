/**
 * The storefront's variant list, kept between stock syncs. Reading a 100,000-variant catalogue costs
 * hundreds of storefront calls and most of a sync's time, yet it changes rarely. Freshness rule:
 * - a full sync reads the catalogue again once the copy is older than `stock.catalogueRefreshMinutes`
 *   (0: every sync);
 * - a targeted sync (after an order) re-reads at once when a SKU it was asked about is not in the copy
 *   (a variant published since); a SKU still missing after that read (a custom line, a deleted variant) is
 *   remembered as absent, so it cannot trigger a full read again before the next refresh;
 * - the copy is dropped when the store refuses a pushed figure (a variant may have been deleted) and when a
 *   host calls `engine.invalidateCatalogue` (e.g. on a product webhook).
 * The copy lives in the engine's process: hosts that start an engine per request simply read every time.
 */
import type { StorefrontVariant } from '../model/index.js';
import type { Clock, StorefrontGateway } from '../ports.js';

/** Every variant of the store, page by page. */
export async function allVariants(
  storefront: Pick<StorefrontGateway, 'listVariants'>,
): Promise<StorefrontVariant[]> {
  const out: StorefrontVariant[] = [];
  let cursor: string | undefined;
  do {
    const page = await storefront.listVariants(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export interface CatalogueRead {
  variants: StorefrontVariant[];
  /** True when this call read the storefront's catalogue; false when the kept copy served it. */
  read: boolean;
}

export interface CatalogueCache {
  variants(
    tenantId: string,
    storefront: Pick<StorefrontGateway, 'listVariants'>,
    opts: { maxAgeMs: number; mustInclude?: readonly string[] },
  ): Promise<CatalogueRead>;
  invalidate(tenantId: string): void;
}

export function createCatalogueCache(clock: Clock): CatalogueCache {
  const kept = new Map<
    string,
    { at: number; variants: StorefrontVariant[]; skus: Set<string>; absent: Set<string> }
  >();
  return {
    async variants(tenantId, storefront, { maxAgeMs, mustInclude }) {
      const copy = kept.get(tenantId);
      const now = clock.now().getTime();
      const fresh = copy !== undefined && now - copy.at < maxAgeMs;
      const wanted = (mustInclude ?? []).map((sku) => sku.trim());
      const complete = wanted.every((sku) => copy?.skus.has(sku) || copy?.absent.has(sku));
      if (copy && fresh && complete) return { variants: copy.variants, read: false };
      const variants = await allVariants(storefront);
      const skus = new Set(variants.map((v) => v.sku.trim()));
      kept.set(tenantId, {
        at: now,
        variants,
        skus,
        // Absent SKUs stay remembered across re-reads they triggered; a timed refresh starts afresh.
        absent: new Set([
          ...(copy && fresh ? [...copy.absent].filter((sku) => !skus.has(sku)) : []),
          ...wanted.filter((sku) => !skus.has(sku)),
        ]),
      });
      return { variants, read: true };
    },
    invalidate(tenantId) {
      kept.delete(tenantId);
    },
  };
}
