/**
 * `pnpm bench` (from the repo root): runs the benchmarks, prints tables, writes bench/results.json.
 *   pnpm bench                      everything at the sizes
 *   pnpm bench --quick              small sizes (a smoke run, a minute or two)
 *   pnpm bench --only stock,pure,orders
 *   pnpm bench --platforms shopify,woocommerce
 * Other engineers share this machine: run the full set sparingly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './src/machine.js';
import { printOrders, runOrders } from './src/orders.js';
import { purePlan } from './src/pure-plan.js';
import { printPure, printStock } from './src/report.js';
import { PLATFORMS, type PlatformName } from './src/rigs.js';
import { runStockSync, type StockRunResult } from './src/stock-sync.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes('--quick');
const only = new Set((arg('only') ?? 'stock,pure,orders').split(','));
const platforms = (arg('platforms')?.split(',') ?? [...PLATFORMS]) as PlatformName[];
const stockSizes = arg('sizes')?.split(',').map(Number) ?? (quick ? [2_000] : [10_000, 100_000]);
const pureSizes = quick ? [100_000] : [100_000, 1_000_000];

const loadBefore = machine().loadAverage;
const out = join(dirname(fileURLToPath(import.meta.url)), quick ? 'results.quick.json' : 'results.json');
// Sections not run this time keep their last figures (each section records its own machine and time).
const results: Record<string, unknown> = existsSync(out)
  ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>)
  : {};
const stamp = () => ({
  at: new Date().toISOString(),
  quick,
  machine: { ...machine(), loadAverageBefore: loadBefore },
});

if (only.has('pure')) {
  const pure = pureSizes.map((n) => purePlan(n, quick ? 2 : 3));
  results.purePlan = { ...stamp(), rows: pure };
  console.log(printPure(pure));
}

if (only.has('stock')) {
  const stock: StockRunResult[] = [];
  for (const n of stockSizes)
    for (const p of platforms) {
      process.stderr.write(`stock sync: ${p} at ${n.toLocaleString('en-GB')} SKUs...\n`);
      stock.push(
        await runStockSync(p, n, {
          changedShare: 0.05,
          baselineSample: quick ? 300 : 1000,
          sustainedFigures: quick ? 5_000 : 25_000,
        }),
      );
    }
  // Rows from earlier runs at other sizes/platforms are kept; a re-run of the same (platform, size) replaces it.
  const earlier = (
    (results.stockSync as { rows?: (StockRunResult & { machine?: unknown })[] } | undefined)?.rows ?? []
  ).filter((e) => !stock.some((r) => r.platform === e.platform && r.skus === e.skus));
  const run = stamp();
  results.stockSync = {
    rows: [...earlier, ...stock.map((r) => ({ ...r, at: run.at, machine: run.machine }))],
  };
  console.log(printStock(stock));
}

if (only.has('orders')) {
  const orders = await runOrders({ quick });
  results.orders = { ...stamp(), ...orders };
  console.log(printOrders(orders));
}

results.finishedAt = new Date().toISOString();
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: ${out}`);
process.exit(0);
