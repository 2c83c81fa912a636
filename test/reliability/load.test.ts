/**
 * Scenario 7, load: a bounded burst of 500 WooCommerce orders in 10 seconds at the connector's intake while
 * Prima is slowed down (every OMLink reply delayed) -> every intake request answered (none failed or timed
 * out), the queue drains, nothing is dropped. Intake latencies are reported as figures, never asserted.
 */
import { percentile } from '@prima-connect/prima-core';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { primaNumber, report, tally } from './support/figures.js';
import { sleep } from './support/pool.js';
import { type PrimaWatch, watchPrima } from './support/prima-watch.js';
import { startWooRig, type WooRig } from './support/woo-rig.js';

const ORDERS = 500;
const WINDOW_MS = 10_000;
const PRIMA_DELAY_MS = 150;

describe('scenario 7: bounded burst with Prima slowed down', { timeout: 600_000 }, () => {
  let sandbox: Sandbox;
  let watch: PrimaWatch;
  let woo: WooRig;
  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    watch = watchPrima(sandbox);
    woo = await startWooRig(sandbox);
  }, 120_000);
  afterAll(async () => {
    await woo?.close();
    await sandbox?.close();
  });

  it(`${ORDERS} orders in ${WINDOW_MS / 1000} s: the intake answers every one, the queue drains, nothing is dropped`, async () => {
    const shop = await woo.addShop();
    const deliveries = Array.from({ length: ORDERS }, () => woo.placeOrder(shop));
    sandbox.setFaults({ latencyMs: PRIMA_DELAY_MS });
    // Workers post while the burst arrives, as a host's worker loop would.
    let stop = false;
    const worker = (async () => {
      while (!stop) {
        const r = await woo.runtime.engine.work('load-worker', { limit: 20 });
        if (r.claimed === 0) await sleep(20);
      }
    })();
    const started = performance.now();
    const answers = await Promise.all(
      deliveries.map(async (d, i) => {
        await sleep((i * WINDOW_MS) / ORDERS);
        try {
          const r = await woo.deliver(shop, d, {});
          return { status: r.status, ms: r.ms };
        } catch {
          return { status: -1, ms: Number.NaN };
        }
      }),
    );
    const burstSeconds = (performance.now() - started) / 1000;
    const drainStarted = performance.now();
    await woo.drain(480_000);
    stop = true;
    await worker;
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    sandbox.clearFaults();

    const failed = answers.filter((a) => a.status !== 200).length;
    const ms = answers.filter((a) => Number.isFinite(a.ms)).map((a) => a.ms);
    const expected = deliveries.map((d) => primaNumber('W', d.orderNumber));
    const t = tally(expected, sandbox.state.orders.keys());
    const open = (await woo.store.exceptions.list(shop.tenantId, { status: 'open' })).length;
    const all = (await woo.store.exceptions.list(shop.tenantId, {})).length;
    const counts = await woo.queue.counts();
    const pass = report(
      {
        scenario: 'load',
        orders: ORDERS,
        sent: answers.length,
        ...t,
        exceptions: all,
        extra: {
          primaDelayMs: PRIMA_DELAY_MS,
          failedOrTimedOut: failed,
          intakeP50Ms: Math.round(percentile(ms, 50)),
          intakeP95Ms: Math.round(percentile(ms, 95)),
          intakeMaxMs: Math.round(Math.max(...ms)),
          burstSeconds: burstSeconds.toFixed(1),
          drainSecondsAfterBurst: drainSeconds.toFixed(1),
          openExceptions: open,
          deadJobs: counts.dead,
        },
      },
      failed === 0 && t.lost === 0 && t.duplicates === 0 && open === 0 && counts.dead === 0,
    );
    expect(failed).toBe(0);
    expect(t).toEqual({ posted: ORDERS, lost: 0, duplicates: 0 });
    expect(counts).toMatchObject({ pending: 0, active: 0, dead: 0 });
    expect(open).toBe(0);
    expect(watch.malformed).toEqual([]);
    expect(pass).toBe(true);
  });
});
