// Benchmark, not a test (figures are printed, never asserted):
//   pnpm exec vitest bench --run --project prima-core src/stock
// One full sync of a 1,000,000-SKU catalogue (50,000 styles x width x 20 sizes, pattern-mapped), a 10% buffer,
// 1,000 SKUs on pending orders, and last-pushed snapshots where two SKUs in three differ.
import { bench, describe } from 'vitest';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import { itemRef } from '../model/item.js';
import type { PrimaStockRow, StorefrontVariant } from '../model/stock.js';
import type { StockSnapshot } from '../ports.js';
import { parseSettings } from '../settings.js';
import { planStockPush } from './plan.js';

const N = 1_000_000;
const settings = parseSettings({
  prima: { url: 'http://prima.example:8080/wsalive/wsalive' },
  orders: { defaultWarehouse: 'MAIN' },
  stock: { defaultBuffer: { kind: 'percent', value: 10 } },
  maps: { locations: { L1: 'MAIN' } },
});
const reply: PrimaStockRow[] = [];
const variants: StorefrontVariant[] = [];
const lastPushed: StockSnapshot[] = [];
for (let i = 0; i < N; i++) {
  const style = `S${Math.floor(i / 20)}`;
  const size = String(30 + (i % 20) * 5).padStart(3, '0');
  reply.push({ item: itemRef(style, 'G', size), available: i % 37 });
  variants.push({
    variantId: `v${i}`,
    productId: style,
    sku: `${style}-G-${size}`,
    title: '',
    inventoryItemId: `i${i}`,
    options: {},
  });
  lastPushed.push({
    variantId: `v${i}`,
    locationId: 'L1',
    sku: '',
    quantity: i % 3 === 0 ? i % 37 : 0,
    pushedAt: '',
  });
}
const pending = new Map<string, number>();
for (let i = 0; i < 1000; i++) pending.set((variants[i * 997] as StorefrontVariant).sku, 1);
const resolver = createSkuResolver([], { separator: '-', matrixLevels: [1, 2] });

describe('planStockPush', () => {
  bench(
    `full sync of ${N.toLocaleString('en-GB')} SKUs`,
    () => {
      planStockPush({
        mode: 'full',
        reply,
        variants,
        resolver,
        settings,
        pending,
        lastPushed,
        lastFullReplyRows: N,
        now: new Date(),
      });
    },
    { iterations: 3, warmupIterations: 1, time: 0 },
  );
});
