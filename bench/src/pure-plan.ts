/**
 * The pure part of a stock sync: available-to-sell (policy, pending orders, buffer) + diff against the last
 * push, i.e. prima-core's planStockPush, on N SKUs already in memory. Same shape as the stock bench in
 * prima-core: pattern-mapped SKUs, a 10% buffer, 1,000 SKUs on pending orders, 5% of figures changed.
 */
import {
  createSkuResolver,
  itemRef,
  type PrimaStockRow,
  parseSettings,
  planStockPush,
  type StockSnapshot,
  type StorefrontVariant,
} from '@prima-connect/prima-core';

export interface PurePlanResult {
  skus: number;
  updates: number;
  runs: number;
  /** Best and median wall time of the runs, ms. */
  bestMs: number;
  medianMs: number;
  /** CPU time of the best run (main thread + GC helpers), ms: less distorted by other load on the machine. */
  cpuMs: number;
  /** Heap growth during the best run, MB (inputs excluded: they exist before the run). */
  heapMb: number;
}

export function purePlan(n: number, runs = 3): PurePlanResult {
  const settings = parseSettings({
    prima: { url: 'http://prima.example:8080/wsalive/wsalive' },
    orders: { defaultWarehouse: 'MAIN' },
    stock: { defaultBuffer: { kind: 'percent', value: 10 } },
    maps: { locations: { L1: 'MAIN' } },
  });
  const reply: PrimaStockRow[] = [];
  const variants: StorefrontVariant[] = [];
  for (let i = 0; i < n; i++) {
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
  }
  const pending = new Map<string, number>();
  for (let i = 0; i < Math.min(1000, n); i++)
    pending.set((variants[Math.floor((i * n) / Math.min(1000, n))] as StorefrontVariant).sku, 1);
  const resolver = createSkuResolver([], { separator: '-', matrixLevels: [1, 2] });
  const input = {
    mode: 'full' as const,
    reply,
    variants,
    resolver,
    settings,
    pending,
    lastFullReplyRows: n,
    now: new Date(),
  };
  // What was last pushed: this very plan's figures (from an untimed first run), with every 20th one off by
  // one, so exactly 5% differ.
  const lastPushed: StockSnapshot[] = planStockPush({ ...input, lastPushed: [] }).updates.map((u, i) => ({
    variantId: u.variantId,
    locationId: u.locationId,
    sku: u.sku,
    quantity: i % 20 === 7 ? u.quantity + 1 : u.quantity,
    pushedAt: '',
  }));
  const times: { ms: number; cpu: number; heap: number; updates: number }[] = [];
  for (let k = 0; k < runs; k++) {
    (globalThis as { gc?: () => void }).gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const plan = planStockPush({ ...input, lastPushed });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    times.push({
      ms,
      cpu: (c.user + c.system) / 1000,
      heap: Math.max(0, (process.memoryUsage().heapUsed - h0) / 1e6),
      updates: plan.updates.length,
    });
  }
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const best = sorted[0] as (typeof times)[number];
  return {
    skus: n,
    updates: best.updates,
    runs,
    bestMs: best.ms,
    medianMs: (sorted[Math.floor(sorted.length / 2)] as (typeof times)[number]).ms,
    cpuMs: best.cpu,
    heapMb: best.heap,
  };
}
