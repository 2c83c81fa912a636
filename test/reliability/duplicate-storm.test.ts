/**
 * Scenario 1, duplicate storm: 1,000 orders, each webhook delivered 3 times, concurrently and out of
 * order, to each storefront's real intake -> exactly 1,000 Prima orders. The 1,000 are split between the
 * intakes (WooCommerce: connector service over HTTP; Shopify: the app's webhook routes with the library's
 * HMAC check; Adobe Commerce: the App Builder I/O Events action), all landing in one Prima sandbox. RELIABILITY_STORM_ORDERS scales it for local runs.
 */
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMERCE_TENANT, type CommerceRig, startCommerceRig } from './support/commerce-rig.js';
import { primaNumber, report, tally } from './support/figures.js';
import { pool, seeded, shuffle } from './support/pool.js';
import { type PrimaWatch, watchPrima } from './support/prima-watch.js';
import { type ShopifyRig, startShopifyRig } from './support/shopify-rig.js';
import { startWooRig, type WooRig } from './support/woo-rig.js';

const ORDERS = Number(process.env.RELIABILITY_STORM_ORDERS ?? 1000);
const WOO_ORDERS = Math.ceil(ORDERS / 3);
const SHOPIFY_ORDERS = Math.ceil(ORDERS / 3);
const COMMERCE_ORDERS = ORDERS - WOO_ORDERS - SHOPIFY_ORDERS;
const COPIES = 3;
const CONCURRENCY = 24;

describe('scenario 1: duplicate storm', { timeout: 600_000 }, () => {
  let sandbox: Sandbox;
  let watch: PrimaWatch;
  let woo: WooRig;
  let commerce: CommerceRig;
  let shopify: ShopifyRig;
  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    watch = watchPrima(sandbox);
    woo = await startWooRig(sandbox);
    commerce = await startCommerceRig(sandbox);
    shopify = await startShopifyRig(sandbox);
  }, 120_000);
  afterAll(async () => {
    await woo?.close();
    await commerce?.close();
    await shopify?.close();
    await sandbox?.close();
  });

  it(`${ORDERS} orders, every webhook delivered ${COPIES} times shuffled and concurrent -> exactly ${ORDERS} Prima orders`, async () => {
    const shop = await woo.addShop();
    const random = seeded(20261122);

    // WooCommerce: one order.created delivery per order (its delivery id changes per attempt; the body does not).
    const wooOrders = Array.from({ length: WOO_ORDERS }, () => woo.placeOrder(shop));
    const wooStorm = shuffle(
      wooOrders.flatMap((d) => Array.from({ length: COPIES }, () => d)),
      random,
    );
    // Commerce: each order emits three signed events (order saved, invoiced, order saved again).
    const commerceOrders = [];
    for (let i = 0; i < COMMERCE_ORDERS; i++) commerceOrders.push(await commerce.placeOrder());
    const commerceStorm = shuffle(
      commerceOrders.flatMap((o) => o.events.flatMap((e) => Array.from({ length: COPIES }, () => e))),
      random,
    );

    // Shopify: orders/create and orders/paid per order; a retried delivery keeps its webhook id.
    const shopifyOrders = [];
    for (let i = 0; i < SHOPIFY_ORDERS; i++) shopifyOrders.push(await shopify.placeOrder());
    const shopifyStorm = shuffle(
      shopifyOrders.flatMap((deliveries) =>
        deliveries.flatMap((d) => Array.from({ length: COPIES }, () => d)),
      ),
      random,
    );

    const t0 = performance.now();
    const [wooAnswers, commerceAnswers, shopifyAnswers] = await Promise.all([
      pool(wooStorm, CONCURRENCY, (d) => woo.deliver(shop, d)),
      pool(commerceStorm, CONCURRENCY / 2, (e) => commerce.deliver(e)),
      pool(shopifyStorm, CONCURRENCY / 2, (d) => shopify.deliver(d)),
    ]);
    const t1 = performance.now();
    await Promise.all([woo.drain(), commerce.drain(), shopify.drain()]);
    const t2 = performance.now();

    const expected = [
      ...wooOrders.map((d) => primaNumber('W', d.orderNumber)),
      ...commerceOrders.map((o) => primaNumber('M', o.incrementId)),
      ...shopifyOrders.map((d) => primaNumber('S', d[0]?.orderNumber ?? '')),
    ];
    const t = tally(expected, sandbox.state.orders.keys());
    const raised = [
      ...(await woo.store.exceptions.list(shop.tenantId, {})),
      ...(await commerce.h.ctx.store.exceptions.list(COMMERCE_TENANT, {})),
      ...(await shopify.store.exceptions.list(shopify.tenantId, {})),
    ];
    const open = raised.filter((e) => e.status === 'open').map((e) => `${e.code}:${e.subject}`);
    const sentTwice = expected.filter((n) => (watch.ordersSent.get(n) ?? 0) > 1);
    const refused = [...wooAnswers, ...commerceAnswers, ...shopifyAnswers].filter(
      (a) => ('status' in a ? a.status : a.statusCode) !== 200,
    ).length;
    const pass = report(
      {
        scenario: 'duplicate-storm',
        orders: ORDERS,
        sent: wooStorm.length + commerceStorm.length + shopifyStorm.length,
        ...t,
        exceptions: raised.length,
        extra: {
          wooDeliveries: wooStorm.length,
          commerceDeliveries: commerceStorm.length,
          shopifyDeliveries: shopifyStorm.length,
          refusedDeliveries: refused,
          primaOrderRequests: watch.orderRequests,
          ordersSentTwice: sentTwice.length,
          e21Replies: watch.e21,
          openExceptions: open.length,
          intakeSeconds: ((t1 - t0) / 1000).toFixed(1),
          drainSeconds: ((t2 - t1) / 1000).toFixed(1),
        },
      },
      t.lost === 0 &&
        t.duplicates === 0 &&
        refused === 0 &&
        open.length === 0 &&
        watch.malformed.length === 0,
    );
    expect(refused).toBe(0);
    expect(t).toEqual({ posted: ORDERS, lost: 0, duplicates: 0 });
    expect(open).toEqual([]);
    expect(watch.malformed).toEqual([]);
    expect(pass).toBe(true);
  });
});
