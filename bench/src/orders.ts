/**
 * Order posting:
 *  - webhook intake: signed WooCommerce order webhooks POSTed to the connector service (the real Fastify
 *    app with its signature check, memory store) at a fixed offered rate on loopback, open loop (requests
 *    go out on schedule whether or not earlier ones have answered); latency per request, p50/p99;
 *  - posting throughput: a backlog of orders through the engine's workers into the Prima sandbox over SOAP
 *    with 20 ms added latency per call, at the configured Prima concurrency (4), vs the bound that latency
 *    and concurrency allow (concurrency / latency);
 *  - end to end: orders arriving at a steady rate below that bound; time from the engine receiving the event
 *    to Prima's OK being recorded, p50/p95. Memory store and queue (SQLite and PostgreSQL: not run yet).
 */
import { createEngine, createPrimaGateway, type Engine, parseSettings, percentile, silentLogger } from '@prima-connect/prima-core';
import { createFakeStorefront, createMemoryQueue, createMemoryStore, sampleOrder } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, startSandbox } from '@prima-connect/prima-sandbox';
import { serializeOrder, signWooBody } from '@prima-connect/sim-woocommerce';
import { startWooDemoStack } from '@prima-connect/connector-service';
import { int, ms, pct, table } from './format.js';

export interface OrdersResult {
  intake: { offeredPerSecond: number; requests: number; ok: number; p50Ms: number; p99Ms: number; maxMs: number };
  posting: { orders: number; latencyMs: number; concurrency: number; timeMs: number; perSecond: number; boundPerSecond: number; shareOfBound: number };
  endToEnd: { store: string; offeredPerSecond: number; orders: number; p50Ms: number; p95Ms: number }[];
  notRun: string[];
}

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function intake(seconds: number, rate: number): Promise<OrdersResult['intake']> {
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
          const res = await fetch(url, { method: 'POST', headers, body });
          await res.arrayBuffer();
          latencies.push(performance.now() - s);
          if (res.status === 200) ok += 1;
        })(),
      );
    }
    await Promise.all(inflight);
    return {
      offeredPerSecond: rate,
      requests: n,
      ok,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
    };
  } finally {
    await stack.close();
  }
}

const T = 'bench-orders';

async function postingRig(latencyMs: number) {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  sandbox.setFaults({ latencyMs });
  const store = createMemoryStore();
  const clock = { now: () => new Date() };
  const queue = createMemoryQueue({ clock });
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
  await store.tenants.put({ id: T, platform: 'shopify', shop: 'bench', createdAt: clock.now().toISOString() });
  await store.settings.put(T, settings);
  const gateway = createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 10_000, retry: { attempts: 1 } });
  const engine = createEngine({ store, queue, clock, logger: silentLogger, prima: async () => gateway, storefront: async () => storefront });
  let seq = 0;
  const submit = async () => {
    seq += 1;
    const id = String(100_000 + seq);
    const order = sampleOrder(id);
    storefront.putOrder(order);
    await engine.handleOrderEvent({ tenantId: T, eventKey: `e-${id}`, topic: 'order.paid', storefrontOrderId: id, order, correlationId: `c-${id}` });
    return id;
  };
  return { sandbox, store, queue, engine, submit, concurrency: settings.prima.maxConcurrency };
}

/** Worker loops until `done()` says stop; each claims a few jobs per round, as hosts do. */
async function workers(engine: Engine, count: number, done: () => Promise<boolean>): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      for (;;) {
        const r = await engine.work(`w${w}`, { limit: 4 });
        if (r.claimed === 0) {
          if (await done()) return;
          await sleep(2);
        }
      }
    }),
  );
}

async function posting(orders: number, latencyMs: number): Promise<OrdersResult['posting']> {
  const rig = await postingRig(latencyMs);
  try {
    for (let i = 0; i < orders; i++) await rig.submit();
    const t0 = performance.now();
    await workers(rig.engine, rig.concurrency, async () => {
      const c = await rig.queue.counts(T);
      return c.pending === 0 && c.active === 0;
    });
    const timeMs = performance.now() - t0;
    const posted = (await rig.store.links.listByState(T, 'posted', orders + 10)).length;
    if (posted !== orders) throw new Error(`posting bench: ${posted}/${orders} posted`);
    const perSecond = orders / (timeMs / 1000);
    const bound = rig.concurrency / (latencyMs / 1000);
    return { orders, latencyMs, concurrency: rig.concurrency, timeMs, perSecond, boundPerSecond: bound, shareOfBound: perSecond / bound };
  } finally {
    await rig.sandbox.close();
  }
}

async function endToEnd(seconds: number, rate: number, latencyMs: number): Promise<OrdersResult['endToEnd'][number]> {
  const rig = await postingRig(latencyMs);
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
    await workers(rig.engine, rig.concurrency, async () => {
      if (feeding) return false;
      const c = await rig.queue.counts(T);
      return c.pending === 0 && c.active === 0;
    });
    await feed;
    const latencies: number[] = [];
    for (const id of ids) {
      const link = await rig.store.links.get(T, id);
      if (link?.postedAt) latencies.push(Date.parse(link.postedAt) - Date.parse(link.receivedAt));
    }
    return { store: 'memory', offeredPerSecond: rate, orders: latencies.length, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) };
  } finally {
    await rig.sandbox.close();
  }
}

export async function runOrders(opts: { quick: boolean }): Promise<OrdersResult> {
  const q = opts.quick;
  return {
    intake: await intake(q ? 3 : 10, 200),
    posting: await posting(q ? 100 : 400, 20),
    endToEnd: [await endToEnd(q ? 3 : 10, 50, 20)],
    notRun: ['end-to-end on SQLite and on PostgreSQL + pg-boss with two workers (prima-store): not built yet'],
  };
}

export function printOrders(r: OrdersResult): string {
  const i = r.intake;
  const p = r.posting;
  return [
    `\nWebhook intake (connector service, signed WooCommerce webhooks, open loop on loopback)`,
    table(['offered', 'requests', '200 OK', 'p50', 'p99', 'max'], [[`${i.offeredPerSecond}/s`, int(i.requests), int(i.ok), ms(i.p50Ms), ms(i.p99Ms), ms(i.maxMs)]]),
    `\nPosting into the Prima sandbox (+${p.latencyMs} ms per call, concurrency ${p.concurrency}, backlog of ${p.orders})`,
    table(['orders', 'time', 'orders/s', 'bound/s', 'share of bound'], [[int(p.orders), ms(p.timeMs), p.perSecond.toFixed(1), int(p.boundPerSecond), pct(p.shareOfBound)]]),
    `\nEnd to end: event received -> Prima OK recorded`,
    table(['store', 'offered', 'orders', 'p50', 'p95'], r.endToEnd.map((e) => [e.store, `${e.offeredPerSecond}/s`, int(e.orders), ms(e.p50Ms), ms(e.p95Ms)])),
    ...r.notRun.map((n) => `not run: ${n}`),
  ].join('\n');
}
