/**
 * All three storefronts against ONE Prima sandbox at once: each tenant's orders reach Prima under its own
 * prefix with its own totals, each host sees only its own orders and exceptions, and a dispatch reaches
 * only the storefront the order came from.
 */

import { ORDER_PREFIX, type PlacedOrder, type Stack, scenarioFor } from '@prima-connect/playground';
import type { Platform } from '@prima-connect/prima-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor } from './harness.js';

const PLATFORMS = ['shopify', 'woocommerce', 'magento'] as const satisfies readonly Platform[];
let stack: Stack;
const placed = new Map<Platform, { good: PlacedOrder; unmapped: PlacedOrder }>();

beforeAll(async () => {
  stack = await startTestStack();
  // The same basket on every storefront at the same time.
  await Promise.all(
    PLATFORMS.map(async (p) => {
      const host = stack.platforms[p];
      if (!host) throw new Error(`${p} did not start`);
      const [good, unmapped] = await Promise.all([
        host.driver.placeOrder(scenarioFor('bundle', 1)),
        host.driver.placeOrder(scenarioFor('unmapped-sku', 1)),
      ]);
      placed.set(p, { good, unmapped });
    }),
  );
  for (const p of PLATFORMS) {
    const host = stack.platforms[p];
    const mine = placed.get(p);
    if (!host || !mine) throw new Error('setup failed');
    await waitFor(
      `${p} order posted`,
      async () =>
        (await host.store.links.get(host.tenantId, mine.good.storefrontOrderId))?.state === 'posted',
    );
    await waitFor(
      `${p} unmapped order in exception`,
      async () =>
        (await host.store.links.get(host.tenantId, mine.unmapped.storefrontOrderId))?.state === 'exception',
    );
  }
}, 180_000);
afterAll(async () => {
  await stack?.close();
});

describe('three storefronts, one Prima sandbox', () => {
  it('posts exactly one Prima order per paid storefront order, under each tenant prefix, to the penny', async () => {
    const numbers = [...stack.sandbox.state.orders.keys()].sort();
    expect(numbers).toHaveLength(3);
    for (const p of PLATFORMS) {
      const host = stack.platforms[p];
      const mine = placed.get(p);
      if (!host || !mine) throw new Error('setup failed');
      const link = await host.store.links.get(host.tenantId, mine.good.storefrontOrderId);
      expect(link?.primaOrderNumber.startsWith(ORDER_PREFIX[p])).toBe(true);
      const order = stack.sandbox.state.getOrder(link?.primaOrderNumber ?? '');
      expect(stack.sandbox.state.orderTotalMinor(order)).toBe(mine.good.totalMinor);
      // The bundle went in as its components (CAREKIT: three; SOCKS-3PACK: one line of three pairs).
      expect(order.lines.some((l) => l.item.product === 'POLISH' || l.item.product === 'SOCKS')).toBe(true);
    }
  });

  it('keeps tenants apart: each host lists only its own orders and exceptions', async () => {
    for (const p of PLATFORMS) {
      const host = stack.platforms[p];
      const mine = placed.get(p);
      if (!host || !mine) throw new Error('setup failed');
      const orders = await host.engine.listOrders(host.tenantId, { limit: 100 });
      expect(orders.every((l) => l.tenantId === host.tenantId && l.platform === p)).toBe(true);
      const ids = [
        ...(await host.store.links.listByState(host.tenantId, 'posted', 100)),
        ...(await host.store.links.listByState(host.tenantId, 'exception', 100)),
      ]
        .map((l) => l.storefrontOrderId)
        .sort();
      expect(ids).toEqual([mine.good.storefrontOrderId, mine.unmapped.storefrontOrderId].sort());
      const exceptions = await host.store.exceptions.list(host.tenantId, { status: 'open' });
      expect(exceptions.length).toBeGreaterThan(0);
      expect(exceptions.every((e) => e.tenantId === host.tenantId)).toBe(true);
      expect(exceptions.map((e) => e.subject)).toContain(`order:${mine.unmapped.storefrontOrderId}`);
      // Nobody else's order turns up under this tenant, even where storefront ids could coincide.
      for (const other of PLATFORMS.filter((o) => o !== p)) {
        const theirs = placed.get(other);
        const hostOfOther = stack.platforms[other];
        if (!theirs || !hostOfOther) continue;
        const seen = await host.store.links.get(host.tenantId, theirs.good.storefrontOrderId);
        if (seen) expect(seen.platform).toBe(p);
        expect(await hostOfOther.store.links.get(host.tenantId, theirs.good.storefrontOrderId)).toBeNull();
      }
    }
  });

  it('a dispatch reaches only the storefront the order came from', async () => {
    const wooHost = stack.platforms.woocommerce;
    const woo = placed.get('woocommerce');
    if (!wooHost || !woo) throw new Error('setup failed');
    const link = await wooHost.store.links.get(wooHost.tenantId, woo.good.storefrontOrderId);
    stack.sandbox.state.release(link?.primaOrderNumber ?? '');
    stack.sandbox.state.dispatch(link?.primaOrderNumber ?? '', {
      carrier: 'DPD',
      trackingNumber: 'DPD0000099999',
    });
    stack.clock.advance(6 * 60_000);
    await waitFor('the WooCommerce tracking note', () =>
      wooHost.driver.trackingNumbers(woo.good.storefrontOrderId).some((t) => t.includes('DPD0000099999')),
    );
    // Give the other hosts' pollers a few rounds: they must not touch their own orders.
    await new Promise((r) => setTimeout(r, 1500));
    for (const p of ['shopify', 'magento'] as const) {
      const host = stack.platforms[p];
      const mine = placed.get(p);
      if (!host || !mine) throw new Error('setup failed');
      expect(host.driver.trackingNumbers(mine.good.storefrontOrderId)).toEqual([]);
    }
  });
});
