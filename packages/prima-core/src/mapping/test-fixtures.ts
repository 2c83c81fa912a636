// Realistic mapping fixtures shared by the mapping, orders and stock tests: a UK footwear retailer whose
// Prima matrix is width fitting (MtrxCode1) x size (MtrxCode2), as in prima-omlink.md section 3.
import { itemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';

export const NOW = '2026-11-22T08:00:00.000Z';

export const SHOE_PATTERN = { separator: '-', matrixLevels: [1, 2] };

export const EXPLICIT_MAPPINGS: SkuMapping[] = [
  // A legacy SKU that does not follow the pattern.
  { sku: 'OLD-ETOS-8', kind: 'stock', item: itemRef('ETOS', 'G', '080'), source: 'manual', updatedAt: NOW },
  // Gift card: a Prima non-stock product.
  {
    sku: 'GIFTCARD-25',
    kind: 'non_stock',
    item: itemRef('GIFT25', 'NONE', 'ONE'),
    source: 'manual',
    updatedAt: NOW,
  },
  // Care kit: 2 tins of polish + 1 brush, split equally per unit.
  {
    sku: 'CAREKIT',
    kind: 'bundle',
    components: [
      { item: itemRef('POLISH', 'NONE', 'ONE'), quantity: 2 },
      { item: itemRef('BRUSH', 'NONE', 'ONE'), quantity: 1 },
    ],
    source: 'manual',
    updatedAt: NOW,
  },
  // Shoe + belt gift set, split by list price (shoe £79.99, belt £25.00).
  {
    sku: 'GIFTSET-ETOS',
    kind: 'bundle',
    components: [
      { item: itemRef('ETOS', 'G', '080'), quantity: 1, weight: 7999 },
      { item: itemRef('BELT', 'NONE', '32IN'), quantity: 1, weight: 2500 },
    ],
    source: 'manual',
    updatedAt: NOW,
  },
];
