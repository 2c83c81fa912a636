import type { ItemRef } from './item.js';

/** One row of the explicit SKU table a merchandiser maintains (screen or CSV). */
export interface SkuMapping {
  /** Storefront variant SKU, compared exactly (trimmed). */
  sku: string;
  kind: 'stock' | 'non_stock' | 'bundle';
  /** For stock and non-stock rows: the Prima item. Bundles use `components`. */
  item?: ItemRef;
  /** Bundle components: each sold unit of the bundle is `quantity` of each component. */
  components?: {
    item: ItemRef;
    quantity: number /** Share of the bundle price; default: equal per unit. */;
    weight?: number;
  }[];
  source: 'manual' | 'import' | 'pattern' | 'auto';
  updatedAt: string;
}
