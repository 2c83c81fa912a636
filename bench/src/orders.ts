/**
 * Order posting:
 *  - webhook intake: signed WooCommerce order webhooks POSTed to the connector service (the real Fastify
 *    app with its signature check, memory store) at a fixed offered rate on loopback, open loop (requests
 *    go out on schedule whether or not earlier ones have answered); latency per request, p50/p99;
 *  - posting throughput: a backlog of orders through the engine's workers into the Prima sandbox over SOAP
 *    with 20 ms added latency per call, at the configured Prima concurrency (4), vs the bound that latency
 *    and concurrency allow (concurrency / latency); the sandbox runs in its own process, as Prima runs on
 *    its own machine (in-process, its SOAP work competed with the engine for the same core);
 *  - end to end: orders arriving at a steady rate below that bound; time from the engine receiving the event
 *    to Prima's OK being recorded, p50/p95; on memory, Prisma + SQLite, and PostgreSQL with two workers.
 */

import { startWooDemoStack } from '@prima-connect/connector-service';
import {
  createEngine,
  createPrimaGateway,
  type Engine,
  parseSettings,
  percentile,
  silentLogger,
} from '@prima-connect/prima-core';
import { createFakeStorefront, sampleOrder } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, startSandbox } from '@prima-connect/prima-sandbox';
import { serializeOrder, signWooBody } from '@prima-connect/sim-woocommerce';
import { int, ms, pct, table } from './format.js';
import { startSandboxProcess } from './sandbox-process.js';
import { type Backend, type OpenedBackend, openBackend, PG_URL, postgresReachable } from './stores.js';

export interface IntakeResult {
  offeredPerSecond: number;
  requests: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface OrdersResult {
  intake: IntakeResult[];
  posting: {
    orders: number;
    latencyMs: number;
    concurrency: number;
    timeMs: number;
    perSecond: number;
    boundPerSecond: number;
    shareOfBound: number;
    /** Median time of one OrderStatus call alone: the added latency plus Prima's own work on the call. */
    measuredCallMs: number;
    /** concurrency / measuredCallMs: what Prima's real per-call time and the concurrency limit allow. */
    boundAtMeasuredCallPerSecond: number;
    shareOfMeasuredBound: number;
  };
  endToEnd: { store: string; offeredPerSecond: number; orders: number; p50Ms: number; p95Ms: number }[];
  notRun: string[];
}

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function intake(seconds: number, rate: number): Promise<IntakeResult> {
  const stack = await startWooDemoStack();
  try {
    const cfg = await stack.admin<{ deliveryUrl: string; secret: string }>('/v1/webhooks/config', 'POST', {});
    const url = `${stack.connectorUrl}${new URL(cfg.body.deliveryUrl).pathname}`;
    const sku = DEMO_CATALOGUE.find((i) => !i.nonStock)?.sku ?? 'X';
    const placed = stack.woo.placeOrder({ lines: [{ sku, quantity: 1 }], deliverWebhooks: false });
    const base = serializeOrder(placed) as unknown as Record<string, unknown>;
    const n = Math.round(seconds * rate);
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const t0 = performance.now();
    const inflight: Promise<void>[] = [];
    for (let k = 0; k < n; k++) {
      const due = t0 + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const body = JSON.stringify({ ...base, id: 900_000 + k, number: String(900_000 + k) });
      const headers = {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.updated',
        'x-wc-webhook-signature': signWooBody(body, cfg.body.secret),
        'x-wc-webhook-delivery-id': String(k),
      };
      inflight.push(
        (async () => {
          const s = performance.now();
          try {
            const res = await fetch(url, { method: 'POST', headers, body });
            await res.arrayBuffer();
            latencies.push(performance.now() - s);
            if (res.status === 200) ok += 1;
            else failed += 1;
          } catch {
            failed += 1; // connection refused or reset under overload: counted, not timed
          }
        })(),
      );
    }
    await Promise.all(inflight);
    return {
      offeredPerSecond: rate,
      requests: n,
      ok,
      failed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
    };
  } finally {
    await stack.close();
  }
}

const T = 'bench-orders';

async function postingRig(latencyMs: number, backend: Backend, opts: { ownProcess?: boolean } = {}) {
  const sandbox = opts.ownProcess
    ? await startSandboxProcess({ latencyMs })
    : await (async () => {
        const s = await startSandbox({ host: '127.0.0.1', port: 0 });
        s.setFaults({ latencyMs });
        return s;
      })();
  const opened = await openBackend(backend);
  const clock = { now: () => new Date() };
  const storefront = createFakeStorefront();
  const settings = parseSettings({
    prima: { url: sandbox.wsdlUrl, timeoutMs: 10_000 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN' },
    maps: {
      shipping: { standard: { charge: 'RM48' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
  });
  const first = opened.workers[0] as OpenedBackend['workers'][number];
  await first.store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'bench',
    createdAt: clock.now().toISOString(),
  });
  await first.store.settings.put(T, settings);
  const gateway = createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 10_000, retry: { attempts: 3 } });
  // One engine per worker process being modelled, each with its own connections and Prima limit.
  const engines = opened.workers.map((w) =>
    createEngine({
      store: w.store,
      queue: w.queue,
      clock,
      logger: silentLogger,
      prima: async () => gateway,
      storefront: async () => storefront,
    }),
  );
  const engine = engines[0] as Engine;
  let seq = 0;
  const submit = async () => {
    seq += 1;
    const id = String(100_000 + seq);
    const order = sampleOrder(id);
    storefront.putOrder(order);
    await engine.handleOrderEvent({
      tenantId: T,
      eventKey: `e-${id}`,
      topic: 'order.paid',
      storefrontOrderId: id,
      order,
      correlationId: `c-${id}`,
    });
    return id;
  };
  const idle = async () => {
    const c = await first.queue.counts(T);
    return c.pending === 0 && c.active === 0;
  };
  return {
    name: opened.name,
    sandbox,
    gateway,
    store: first.store,
    engines,
    submit,
    idle,
    concurrency: settings.prima.maxConcurrency,
    async close() {
      await opened.close();
      await sandbox.close();
    },
  };
}

/** Worker loops (as many per engine as its Prima concurrency) until `done()` says stop. */
async function workers(engines: Engine[], perEngine: number, done: () => Promise<boolean>): Promise<void> {
  await Promise.all(
    engines.flatMap((engine, e) =>
      Array.from({ length: perEngine }, async (_, w) => {
        for (;;) {
          const r = await engine.work(`w${e}-${w}`, { limit: 4 });
          if (r.claimed === 0) {
            if (await done()) return;
            await sleep(5);
          }
        }
      }),
    ),
  );
}

export async function posting(orders: number, latencyMs: number): Promise<OrdersResult['posting']> {
  const rig = await postingRig(latencyMs, 'memory', { ownProcess: true });
  try {
    for (let i = 0; i < orders; i++) await rig.submit();
    const t0 = performance.now();
    await workers(rig.engines, rig.concurrency, rig.idle);
    const timeMs = performance.now() - t0;
    const posted = (await rig.store.links.listByState(T, 'posted', orders + 10)).length;
    if (posted !== orders) throw new Error(`posting bench: ${posted}/${orders} posted`);
    const perSecond = orders / (timeMs / 1000);
    const bound = rig.concurrency / (latencyMs / 1000);
    // Prima's own time per call on top of the added latency (SOAP parsing, its order book), measured alone.
    const probe = (await rig.store.links.listByState(T, 'posted', 1))[0]?.primaOrderNumber ?? '';
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await rig.gateway.getOrderStatus(probe);
      samples.push(performance.now() - t);
    }
    const measuredCallMs = percentile(samples, 50);
    const measuredBound = rig.concurrency / (measuredCallMs / 1000);
    return {
      orders,
      latencyMs,
      concurrency: rig.concurrency,
      timeMs,
      perSecond,
      boundPerSecond: bound,
      shareOfBound: perSecond / bound,
      measuredCallMs,
      boundAtMeasuredCallPerSecond: measuredBound,
      shareOfMeasuredBound: perSecond / measuredBound,
    };
  } finally {
    await rig.close();
  }
}

async function endToEnd(
  backend: Backend,
  seconds: number,
  rate: number,
  latencyMs: number,
): Promise<OrdersResult['endToEnd'][number]> {
  const rig = await postingRig(latencyMs, backend);
  try {
    const ids: string[] = [];
    let feeding = true;
    const feed = (async () => {
      const t0 = performance.now();
      const n = Math.round(seconds * rate);
      for (let k = 0; k < n; k++) {
        const wait = t0 + (k * 1000) / rate - performance.now();
        if (wait > 0) await sleep(wait);
        ids.push(await rig.submit());
      }
      feeding = false;
    })();
    await workers(rig.engines, rig.concurrency, async () => !feeding && (await rig.idle()));
    await feed;
    const latencies: number[] = [];
    for (const id of ids) {
      const link = await rig.store.links.get(T, id);
      if (link?.postedAt) latencies.push(Date.parse(link.postedAt) - Date.parse(link.receivedAt));
    }
    return {
      store: rig.name,
      offeredPerSecond: rate,
      orders: latencies.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
    };
  } finally {
    await rig.close();
  }
}

export async function runOrders(opts: { quick: boolean }): Promise<OrdersResult> {
  const q = opts.quick;
  const seconds = q ? 3 : 10;
  const pg = await postgresReachable();
  return {
    intake: [await intake(seconds, 50), await intake(seconds, 200)],
    posting: await posting(q ? 100 : 400, 20),
    endToEnd: [
      await endToEnd('memory', seconds, 50, 20),
      await endToEnd('sqlite', seconds, 50, 20),
      ...(pg ? [await endToEnd('postgres', seconds, 50, 20)] : []),
    ],
    notRun: pg ? [] : [`end-to-end on PostgreSQL: nothing answers at ${PG_URL}`],
  };
}

export function printOrders(r: OrdersResult): string {
  const p = r.posting;
  return [
    `\nWebhook intake (connector service, signed WooCommerce webhooks, open loop on loopback)`,
    table(
      ['offered', 'requests', '200 OK', 'failed', 'p50', 'p99', 'max'],
      r.intake.map((i) => [
        `${i.offeredPerSecond}/s`,
        int(i.requests),
        int(i.ok),
        int(i.failed),
        ms(i.p50Ms),
        ms(i.p99Ms),
        ms(i.maxMs),
      ]),
    ),
    `\nPosting into the Prima sandbox (+${p.latencyMs} ms per call, concurrency ${p.concurrency}, backlog of ${p.orders})`,
    table(
      [
        'orders',
        'time',
        'orders/s',
        'bound/s (20 ms)',
        'share',
        'one call alone',
        'bound/s (measured)',
        'share',
      ],
      [
        [
          int(p.orders),
          ms(p.timeMs),
          p.perSecond.toFixed(1),
          int(p.boundPerSecond),
          pct(p.shareOfBound),
          ms(p.measuredCallMs),
          int(p.boundAtMeasuredCallPerSecond),
          pct(p.shareOfMeasuredBound),
        ],
      ],
    ),
    `\nEnd to end: event received -> Prima OK recorded`,
    table(
      ['store', 'offered', 'orders', 'p50', 'p95'],
      r.endToEnd.map((e) => [e.store, `${e.offeredPerSecond}/s`, int(e.orders), ms(e.p50Ms), ms(e.p95Ms)]),
    ),
    ...r.notRun.map((n) => `not run: ${n}`),
  ].join('\n');
}
