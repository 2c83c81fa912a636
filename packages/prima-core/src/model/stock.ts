import type { ItemRef } from './item.js';

/** One row of Prima's available-to-sell reply. */
export interface PrimaStockRow {
  item: ItemRef;
  /** Prima's available-to-sell figure: whole units, never negative. */
  available: number;
  /** Next expected availability, ISO date (yyyy-mm-dd), when Prima gives one. A hint only. */
  availableDate?: string;
}

/** A storefront sellable unit and where its stock lives on the storefront. */
export interface StorefrontVariant {
  variantId: string;
  productId: string;
  sku: string;
  /** The parent product's SKU, when the platform has one (Woo/Magento configurables). */
  parentSku?: string;
  title: string;
  /** Platform id of the stock-carrying record (Shopify InventoryItem, Woo product/variation id, Magento SKU). */
  inventoryItemId: string;
  /** Option values, e.g. { Size: "8", Width: "G" }. */
  options: Record<string, string>;
}

/** A figure to set on the storefront: absolute, per variant and storefront location. */
export interface StockUpdate {
  sku: string;
  variantId: string;
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** What we last pushed (or read): lets the platform refuse the write if someone changed it meanwhile. */
  previousQuantity: number | null;
}

export interface StockPushResult {
  /** Platform API calls made (for benchmarks and health). */
  calls: number;
  applied: number;
  failed: { sku: string; locationId: string; reason: string }[];
}
