/**
 * Stock sync, engine vs naive baseline, per storefront emulator and catalogue size.
 *
 * Setup: the Prima sandbox (SOAP over HTTP, through prima-core's real OMLink gateway) holds N items; the
 * storefront emulator holds the same N SKUs; the engine (memory store) does one full sync first, so it
 * knows what the store shows. Then 5% of Prima's figures change and we measure:
 *  - engine: one `engine.syncStock` (Prima fetch, catalogue read, plan, push of the changes only);
 *  - baseline: what integrations commonly do on a schedule: fetch Prima, read the catalogue, then one
 *    storefront API call per SKU for every SKU, through the same gateway/client and emulator limits.
 *    Above `baselineSample` SKUs it is measured on the first `baselineSample` SKUs and the rest is
 *    extrapolated at the steady per-SKU rate of the sample's second half (labelled in the output).
 * Times are on the virtual clock (real work + rate-limit waits, see virtual-clock.ts).
 */
import {
  allVariants,
  createEngine,
  createPrimaGateway,
  itemRef,
  type PrimaGateway,
  parseSettings,
  type StockUpdate,
  type StorefrontGateway,
  silentLogger,
} from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { withPeakHeap } from './memory-peak.js';
import { openRig, type PlatformName, type StockRig } from './rigs.js';

const T = 'bench-tenant';

export interface CatalogueItem {
  sku: string;
  product: string;
  size: string;
  quantity: number;
}

/** N SKUs: styles of 20 sizes in width G, e.g. B12-G-005 -> Prima item B12 / G / 005. */
export function catalogue(n: number): CatalogueItem[] {
  return Array.from({ length: n }, (_, i) => {
    const product = `B${Math.floor(i / 20)}`;
    const size = String(i % 20).padStart(3, '0');
    return { sku: `${product}-G-${size}`, product, size, quantity: (i * 7) % 50 };
  });
}

/** Exactly `share` of the SKUs (every k-th) get a new Prima figure. */
export function changedIndexes(n: number, share: number): number[] {
  const every = Math.round(1 / share);
  const out: number[] = [];
  for (let i = every - 1; i < n; i += every) out.push(i);
  return out;
}

export interface StockRunOptions {
  changedShare: number;
  baselineSample: number;
  /** Figures pushed in the sustained-throughput run (rate-limited platforms only). */
  sustainedFigures: number;
}

export interface StockRunResult {
  platform: PlatformName;
  skus: number;
  changed: number;
  rateLimit: string;
  firstSync: { pushCalls: number; timeMs: number };
  engine: {
    /** Write requests sent, throttled retries included. */
    pushCalls: number;
    /** Of those, refused by the rate limit and sent again (the client's bucket estimate ran ahead). */
    pushThrottled: number;
    readCalls: number;
    minPushCalls: number;
    timeMs: number;
    pushTimeMs: number;
    cpuMs: number;
    peakHeapMb: number;
  };
  baseline: {
    /** Time to fetch Prima and read the catalogue, before the first write. */
    fixedMs: number;
    pushCalls: number;
    readCalls: number;
    timeMs: number;
    peakHeapMb: number;
    measuredSkus: number;
    extrapolated: boolean;
  };
  ratios: { calls: number; time: number; pushTime: number };
  sustained: null | {
    figures: number;
    calls: number;
    timeMs: number;
    /** Of timeMs: waiting for the rate limit (virtual) vs real work (client, HTTP, the emulator's GraphQL). */
    rateLimitWaitMs: number;
    realWorkMs: number;
    figuresPerSecond: number;
    boundPerSecond: number;
    shareOfBound: number;
  };
}

/** Wraps a gateway to time each method on the rig's clock. */
function timed(
  inner: StorefrontGateway,
  now: () => number,
  spent: Record<string, number>,
  throttled: () => number,
): StorefrontGateway {
  const wrap =
    <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t = now();
      const th = throttled();
      try {
        return await f(...a);
      } finally {
        spent[name] = (spent[name] ?? 0) + now() - t;
        spent[`${name}:throttled`] = (spent[`${name}:throttled`] ?? 0) + throttled() - th;
      }
    };
  return {
    platform: inner.platform,
    getOrder: wrap('getOrder', inner.getOrder.bind(inner)),
    listOrdersUpdatedSince: wrap('listOrdersUpdatedSince', inner.listOrdersUpdatedSince.bind(inner)),
    listVariants: wrap('listVariants', inner.listVariants.bind(inner)),
    listLocations: wrap('listLocations', inner.listLocations.bind(inner)),
    pushStock: wrap('pushStock', inner.pushStock.bind(inner)),
    createFulfilment: wrap('createFulfilment', inner.createFulfilment.bind(inner)),
    writeBack: wrap('writeBack', inner.writeBack.bind(inner)),
  };
}

async function openSandbox(items: CatalogueItem[]): Promise<{ sandbox: Sandbox; prima: PrimaGateway }> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, catalogue: 'empty' });
  sandbox.state.seedCatalogue(
    items.map((c) => ({
      sku: c.sku,
      item: itemRef(c.product, 'G', c.size),
      title: c.sku,
      priceMinor: 5000,
      nonStock: false,
      stock: { MAIN: c.quantity },
    })),
    true,
  );
  // Transport retries as in production: a kept-alive socket the sandbox closed meanwhile is retried.
  const prima = createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 300_000, retry: { attempts: 3 } });
  return { sandbox, prima };
}

export async function runStockSync(
  platform: PlatformName,
  n: number,
  opts: StockRunOptions,
): Promise<StockRunResult> {
  const items = catalogue(n);
  const { sandbox, prima } = await openSandbox(items);
  let rig: StockRig | undefined;
  try {
    rig = await openRig(
      platform,
      items.map((c) => ({ sku: c.sku, quantity: c.quantity })),
    );
    const r = rig;
    const spent: Record<string, number> = {};
    const storefront = timed(r.gateway, r.clock.now, spent, r.throttled);
    const store = createMemoryStore();
    const clock = { now: () => new Date(r.clock.now()) };
    await store.tenants.put({
      id: T,
      platform: r.gateway.platform,
      shop: 'bench',
      createdAt: clock.now().toISOString(),
    });
    await store.settings.put(
      T,
      parseSettings({
        prima: { url: sandbox.wsdlUrl, timeoutMs: 300_000 },
        orders: { defaultWarehouse: 'MAIN' },
        stock: { enabled: true },
        maps: { locations: { [r.locationId]: 'MAIN' }, pattern: { separator: '-', matrixLevels: [1, 2] } },
      }),
    );
    const eng = createEngine({
      store,
      queue: createMemoryQueue({ clock }),
      clock,
      logger: silentLogger,
      prima: async () => prima,
      storefront: async () => storefront,
    });

    // 1. First full sync: the store learns every figure (and the engine what it pushed).
    let t = r.clock.now();
    const first = await eng.syncStock(T);
    const firstSync = { pushCalls: first.storefrontCalls, timeMs: r.clock.now() - t };

    // 2. 5% of Prima's figures change.
    const changed = changedIndexes(n, opts.changedShare);
    for (const i of changed) {
      const c = items[i] as CatalogueItem;
      c.quantity += 3;
      sandbox.state.setStock(itemRef(c.product, 'G', c.size), 'MAIN', c.quantity);
    }

    // 3. Engine: one sync.
    for (const k of Object.keys(spent)) delete spent[k];
    const req0 = r.requests();
    t = r.clock.now();
    const cpu0 = process.cpuUsage();
    const { value: report, peakHeapMb } = await withPeakHeap(() => eng.syncStock(T));
    const cpu = process.cpuUsage(cpu0);
    const engineTime = r.clock.now() - t;
    const engineCalls = r.requests() - req0;
    if (report.changed !== changed.length || report.pushed !== changed.length)
      throw new Error(
        `${platform}: engine pushed ${report.pushed}/${report.changed}, expected ${changed.length}`,
      );
    const engine = {
      pushCalls: report.storefrontCalls,
      pushThrottled: spent['pushStock:throttled'] ?? 0,
      readCalls: engineCalls - report.storefrontCalls,
      minPushCalls: r.minPushCalls(changed.length),
      timeMs: engineTime,
      pushTimeMs: spent.pushStock ?? 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakHeapMb,
    };

    // 4. Baseline: fetch, read the catalogue, one call per SKU.
    const baseline = await runBaseline(r, prima, opts.baselineSample);

    // 5. Sustained push throughput against a drained rate-limit bucket.
    let sustained: StockRunResult['sustained'] = null;
    if (r.boundFiguresPerSecond !== null) {
      const variants = await allVariants(r.gateway);
      const m = Math.min(opts.sustainedFigures, variants.length);
      const updates: StockUpdate[] = variants.slice(0, m).map((v, i) => ({
        sku: v.sku,
        variantId: v.variantId,
        inventoryItemId: v.inventoryItemId,
        locationId: r.locationId,
        quantity: 1000 + i,
        previousQuantity: null,
      }));
      r.drainBucket();
      const t0 = r.clock.now();
      const w0 = r.clock.skippedMs;
      const res = await r.gateway.pushStock(updates, `sustained-${n}`);
      const ms = r.clock.now() - t0;
      const waited = r.clock.skippedMs - w0;
      const perSecond = m / (ms / 1000);
      sustained = {
        figures: m,
        calls: res.calls,
        timeMs: ms,
        rateLimitWaitMs: waited,
        realWorkMs: ms - waited,
        figuresPerSecond: perSecond,
        boundPerSecond: r.boundFiguresPerSecond,
        shareOfBound: perSecond / r.boundFiguresPerSecond,
      };
    }

    return {
      platform,
      skus: n,
      changed: changed.length,
      rateLimit: r.rateLimit,
      firstSync,
      engine,
      baseline,
      ratios: {
        calls: baseline.pushCalls / Math.max(1, engine.pushCalls),
        time: baseline.timeMs / Math.max(1, engine.timeMs),
        pushTime: (baseline.timeMs - baseline.fixedMs) / Math.max(1, engine.pushTimeMs),
      },
      sustained,
    };
  } finally {
    await rig?.close();
    await sandbox.close();
  }
}

async function runBaseline(
  r: StockRig,
  prima: PrimaGateway,
  sample: number,
): Promise<StockRunResult['baseline']> {
  const req0 = r.requests();
  const t0 = r.clock.now();
  const { value, peakHeapMb } = await withPeakHeap(async () => {
    const rows = await prima.availableToSell();
    const bySku = new Map((await allVariants(r.gateway)).map((v) => [v.sku, v]));
    const readCalls = r.requests() - req0;
    const tFixed = r.clock.now();
    const measured = Math.min(sample, rows.length);
    const half = Math.floor(measured / 2);
    let calls = 0;
    let tHalf = tFixed;
    for (let i = 0; i < measured; i++) {
      if (i === half) tHalf = r.clock.now();
      const row = rows[i];
      if (!row) continue;
      const sku = `${row.item.product}-${row.item.matrix[0]}-${row.item.matrix[1]}`;
      const v = bySku.get(sku);
      if (!v) continue;
      calls += await r.pushOne({
        sku,
        variantId: v.variantId,
        inventoryItemId: v.inventoryItemId,
        locationId: r.locationId,
        quantity: row.available,
        previousQuantity: null,
      });
    }
    const tEnd = r.clock.now();
    const rest = rows.length - measured;
    const steadyPerSku = measured - half > 0 ? (tEnd - tHalf) / (measured - half) : 0;
    return {
      readCalls,
      fixedMs: tFixed - t0,
      pushCalls: calls + rest, // one call per SKU for the SKUs not sent in the sample
      timeMs: tEnd - t0 + steadyPerSku * rest,
      measuredSkus: measured,
      extrapolated: rest > 0,
    };
  });
  return { ...value, peakHeapMb };
}
