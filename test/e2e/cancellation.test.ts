/**
 * The traffic generator's "cancelled later" scenario on each storefront: an order in Prima, cancelled by
 * the shop clerk before the warehouse releases it, is cancelled in Prima too (its allocation freed), with
 * no exception. On Adobe Commerce the order is a check / money order not yet invoiced, the only kind
 * Commerce lets a clerk cancel.
 */

import { type Stack, scenarioFor } from '@prima-connect/playground';
import type { Platform } from '@prima-connect/prima-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, waitFor } from './harness.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe.each(['shopify', 'woocommerce', 'magento'] as const satisfies readonly Platform[])(
  'cancelled later on %s',
  (platform) => {
    it('cancels the Prima order before the cut-off', { timeout: 120_000 }, async () => {
      stack = await startTestStack({ platforms: [platform] });
      const s = stack;
      const host = s.platforms[platform];
      if (!host) throw new Error(`${platform} did not start`);

      const scenario = scenarioFor('cancelled-later', 1);
      expect(scenario.followUp).toBe('cancel');
      const placed = await host.driver.placeOrder(scenario);
      const link = await waitFor('the order to be posted', async () => {
        const l = await host.store.links.get(host.tenantId, placed.storefrontOrderId);
        return l?.state === 'posted' ? l : null;
      });
      expect(s.sandbox.state.getOrder(link.primaOrderNumber).status).not.toBe('Cancelled');

      // "Later", but in the same second as the payment update on purpose: the connector keys a WooCommerce
      // event on the body's digest as well as date_modified_gmt (one-second resolution), so it is not a duplicate.
      expect(await host.driver.cancelOrder(placed.storefrontOrderId)).toBe('done');
      await waitFor(
        'the Prima order to be cancelled',
        () => s.sandbox.state.getOrder(link.primaOrderNumber).status === 'Cancelled',
      );
      // One Prima order, cancelled, and nothing about this order for a person to look at (the stock sync's
      // exception for the catalogue's one unmapped SKU is not about it).
      expect(s.sandbox.state.orders.size).toBe(1);
      const open = await host.store.exceptions.list(host.tenantId, { status: 'open', limit: 100 });
      expect(open.filter((e) => e.subject === `order:${placed.storefrontOrderId}`)).toEqual([]);
    });
  },
);
