/**
 * `onboarding: 'fresh'` (`pnpm start -- --fresh`): each tenant is registered with its storefront and
 * nothing more. Before go-live an order is taken in by nobody: no link, nothing in Prima, no stock
 * written. Walking the engine's wizard steps (what each app's wizard calls) to "Switch on" turns posting
 * and stock sync on, and the host's catch-up then posts the order placed while the wizard was open.
 */

import { playgroundSettings, type Stack, scenarioFor } from '@prima-connect/playground';
import type { Platform } from '@prima-connect/prima-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, waitFor } from './harness.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const BY = 'e2e-newcomer';

describe.each(['shopify', 'woocommerce', 'magento'] as const satisfies readonly Platform[])(
  'a fresh %s tenant',
  (platform) => {
    it('posts nothing before go-live and posts the waiting order once the wizard switches sync on', {
      timeout: 120_000,
    }, async () => {
      stack = await startTestStack({ platforms: [platform], onboarding: 'fresh' });
      const s = stack;
      const host = s.platforms[platform];
      if (!host) throw new Error(`${platform} did not start`);
      const { onboarding: engine, store, tenantId } = host;

      // Registered, not onboarded.
      expect(await store.tenants.get(tenantId)).not.toBeNull();
      expect(await store.settings.get(tenantId)).toBeNull();
      expect(await store.mappings.list(tenantId)).toEqual([]);
      const before = await engine.onboardingState(tenantId);
      expect(before.next).toBe('connect');
      expect(before.postingEnabled).toBe(false);
      expect(before.stockEnabled).toBe(false);

      // An order placed now reaches the host but not Prima; no stock is written either.
      const placed = await host.driver.placeOrder(scenarioFor('variant', 1));
      for (let i = 0; i < 3; i++) await s.round();
      expect(await store.links.get(tenantId, placed.storefrontOrderId)).toBeNull();
      expect(s.sandbox.state.orders.size).toBe(0);
      expect(host.driver.stockCalls()).toBe(0);
      expect(s.traffic.counts[platform].placed).toBe(0);

      // The wizard, step by step, through the engine methods the apps' wizards call.
      const connected = await engine.connect(
        tenantId,
        { prima: { url: s.sandbox.wsdlUrl }, vatInclusive: true },
        BY,
      );
      expect(connected.test.ok).toBe(true);
      const proposals = await engine.proposeMappings(tenantId, BY);
      expect(proposals.proposed.length).toBeGreaterThan(0);
      const applied = await engine.applyProposedMappings(
        tenantId,
        proposals.proposed.map((p) => p.sku),
        BY,
      );
      expect(applied.applied).toBe(proposals.proposed.length);
      expect((await engine.completeOnboardingStep(tenantId, 'mappings', BY)).ok).toBe(true);
      const [location] = await engine.storefrontLocations(tenantId);
      if (!location) throw new Error(`${platform} lists no stock location`);
      const maps = playgroundSettings(platform, s.sandbox.wsdlUrl, location.id).maps;
      const mapped = await engine.saveOnboardingMaps(
        tenantId,
        {
          shipping: maps.shipping,
          payment: maps.payment,
          locations: { [location.id]: 'MAIN' },
          defaultWarehouse: 'MAIN',
        },
        BY,
      );
      expect(mapped.ok).toBe(true);
      await engine.previewStockPush(tenantId);
      expect((await engine.completeOnboardingStep(tenantId, 'preview', BY)).ok).toBe(true);
      // Still nothing in Prima: only go-live switches posting on.
      expect(s.sandbox.state.orders.size).toBe(0);
      const live = await engine.goLive(tenantId, BY);
      expect(live.ok).toBe(true);
      expect(live.state.postingEnabled).toBe(true);

      // The host's catch-up finds the order placed before go-live and posts it, once.
      const link = await waitFor('the waiting order to be posted after go-live', async () => {
        const l = await store.links.get(tenantId, placed.storefrontOrderId);
        return l?.state === 'posted' ? l : null;
      });
      expect([...s.sandbox.state.orders.values()].map((o) => o.orderNumber)).toEqual([link.primaOrderNumber]);
      expect(s.sandbox.state.orderTotalMinor(s.sandbox.state.getOrder(link.primaOrderNumber))).toBe(
        placed.totalMinor,
      );
      // And a new order goes straight through its webhook; stock sync is on.
      const next = await host.driver.placeOrder(scenarioFor('variant', 2));
      await waitFor('a new order to be posted', async () => {
        const l = await store.links.get(tenantId, next.storefrontOrderId);
        return l?.state === 'posted';
      });
      await waitFor('the first stock sync after go-live', () => host.driver.stockCalls() > 0);
    });
  },
);
