import { describe, expect, it } from 'vitest';
import { ShopState, type SimVariant } from './state.js';

const variant = (state: ShopState, productId: number, sku: string): SimVariant => ({
  id: state.nextId(),
  productId,
  sku,
  title: sku,
  priceMinor: 100,
  inventoryItemId: state.nextId(),
  options: [],
});

describe('inventory item index', () => {
  it("knows every variant's inventory item, including variants added after the index was built", () => {
    const state = new ShopState('shop.example', 'GBP', 'Shop');
    const productId = state.nextId();
    const first = variant(state, productId, 'A-1');
    state.products.push({ id: productId, title: 'A', variants: [first] });
    expect(state.hasInventoryItem(first.inventoryItemId)).toBe(true);
    expect(state.hasInventoryItem(999_999)).toBe(false);
    const later = variant(state, productId, 'A-2');
    state.products[0]?.variants.push(later);
    expect(state.hasInventoryItem(later.inventoryItemId)).toBe(true);
    expect(state.hasInventoryItem(first.inventoryItemId)).toBe(true);
  });
});
