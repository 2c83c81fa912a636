/**
 * Adobe Commerce in the playground: sim-adobe-commerce (REST V1 + signed I/O Events) and the App Builder
 * app run locally by its own `startLocalApp` (apps/magento-app-builder/src/local): the same action
 * handlers behind one HTTP server (events, admin-api, order grid, mass re-post, registration), the web-src
 * screens (Vite build) next to the API they call, and state in the app's file KV (standing in for
 * aio-lib-state). The alarms of app.config.yaml (stock sync, status poll) are this module's `tick`, so the
 * harness clock drives them like every other host's schedule.
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileKv, startLocalApp } from '@prima-connect/magento-app-builder/local';
import type { Clock, Logger } from '@prima-connect/prima-core';
import { startAdobeCommerceEmulator } from '@prima-connect/sim-adobe-commerce';
import {
  bundleMappings,
  LEGACY_VARIANT,
  priceOf,
  storefrontProducts,
  syncableVariantCount,
} from '../catalogue.js';
import { PAYMENT, playgroundSettings, SHIPPING } from '../settings.js';
import { discountOf } from '../traffic/scenarios.js';
import { scheduler } from './stock-schedule.js';
import type { OnboardingMode, PlatformStack } from './types.js';

export interface MagentoStackOptions {
  emulatorPort: number;
  runnerPort: number;
  dataDir: string;
  primaUrl: string;
  clock: Clock;
  logger: Logger;
  onboarding: OnboardingMode;
}

const TENANT = 'commerce-playground';
const SOURCE = 'default';
/** Where `vite build` puts the screens (apps/magento-app-builder/vite.config.ts). */
export const MAGENTO_WEB_DIR = fileURLToPath(
  new URL('../../../../apps/magento-app-builder/dist/web', import.meta.url),
);

export async function startMagentoStack(o: MagentoStackOptions): Promise<PlatformStack> {
  const sim = await startAdobeCommerceEmulator({ port: o.emulatorPort, bulkDelayMs: 0 });
  sim.seedProducts(
    storefrontProducts().map((p) => ({
      sku: p.sku,
      name: p.title,
      priceMinor: p.priceMinor,
      quantity: 0,
      sourceCode: SOURCE,
    })),
  );
  // A fresh store also has one variant under an old SKU, for the wizard's fix-it-in-place step.
  if (o.onboarding === 'fresh')
    sim.seedProducts([
      {
        sku: LEGACY_VARIANT.sku,
        name: LEGACY_VARIANT.title,
        priceMinor: priceOf('ETOS-G-080'),
        quantity: 0,
        sourceCode: SOURCE,
      },
    ]);
  const keys = new Map([
    [sim.signingKeys.key1.path, sim.signingKeys.key1.publicKeyPem],
    [sim.signingKeys.key2.path, sim.signingKeys.key2.publicKeyPem],
  ]);
  const local = await startLocalApp({
    port: o.runnerPort,
    webRoot: MAGENTO_WEB_DIR,
    wiring: {
      kv: createFileKv(join(o.dataDir, 'magento-state.json')),
      tenantId: TENANT,
      commerce: { baseUrl: sim.url, accessToken: sim.accessToken },
      gateway: { defaultSourceCode: SOURCE },
      recipientClientId: sim.recipientClientId,
      // Adobe publishes the event signing keys on its CDN; the emulator's own pair stands in.
      resolvePublicKey: async (path: string) => {
        const pem = keys.get(path);
        if (!pem) throw new Error(`unknown signing key ${path}`);
        return pem;
      },
      clock: o.clock,
      logger: o.logger,
      workerId: 'playground-runner',
    },
  });
  const ctx = local.context;
  await ctx.store.tenants.put({
    id: TENANT,
    platform: 'magento',
    shop: sim.url,
    createdAt: o.clock.now().toISOString(),
  });
  if (o.onboarding === 'done') {
    await ctx.store.settings.put(TENANT, playgroundSettings('magento', o.primaUrl, SOURCE));
    await ctx.store.mappings.upsertMany(TENANT, bundleMappings(o.clock.now().toISOString()));
  }
  sim.setEventsUrl(local.eventsUrl);

  // The App Builder wiring gives every context the engine's wizard calls.
  const wizard = ctx.onboarding;
  if (!wizard) throw new Error('the App Builder context has no onboarding calls');
  const dueWork = scheduler(ctx.engine, o.clock, TENANT, () => ctx.store.settings.get(TENANT));
  const ship = SHIPPING.magento;
  const commerceOrder = (id: string) => {
    const order = sim.state.orders.get(Number(id));
    if (!order) throw new Error(`no Adobe Commerce order ${id}`);
    return order;
  };
  return {
    platform: 'magento',
    tenantId: TENANT,
    engine: ctx.engine,
    onboarding: wizard,
    store: ctx.store,
    variantCount: syncableVariantCount(),
    urls: [
      { name: 'Adobe Commerce REST (emulator)', url: sim.restUrl },
      { name: 'App Builder local app (admin-api)', url: local.apiUrl },
      { name: 'Adobe Commerce admin screens', url: local.screensUrl },
    ],
    driver: {
      async placeOrder(s, fault) {
        const items = s.lines.map((l) => ({
          sku: l.sku,
          qty: l.quantity,
          priceMinor: l.unitPriceMinor,
          discountMinor: discountOf(l, s.discountPercent),
        }));
        const shipping =
          s.shipping.kind === 'paid'
            ? { method: ship.paid, description: 'Flat Rate - Fixed', amountMinor: s.shipping.amountMinor }
            : { method: ship.free, description: 'Free Shipping - Free', amountMinor: 0 };
        const { order } = await sim.placeOrder({
          items,
          shipping,
          paymentMethod: PAYMENT.magento,
          // Check / money order is paid later: the tenant posts orders when placed (trigger 'created'). The
          // order a clerk cancels later is one whose cheque never came, so it is never invoiced; Commerce
          // cancels only orders with something left to invoice (Order::canCancel).
          invoice: s.followUp !== 'cancel',
          taxPercent: 20,
          currency: 'GBP',
          silent: fault?.eventLost === true,
        });
        return {
          storefrontOrderId: String(order.entityId),
          orderNumber: order.incrementId,
          totalMinor: order.grandTotalMinor,
        };
      },
      // Commerce refuses to cancel a fully invoiced order (merchants raise a credit memo instead): 'unsupported'.
      async cancelOrder(id) {
        return (await sim.cancelOrder(Number(id))).cancelled ? 'done' : 'unsupported';
      },
      async refundLine(id, sku, quantity, fault) {
        await sim.refundOrder(Number(id), {
          items: [{ sku, qty: quantity }],
          silent: fault?.eventLost === true,
        });
        return 'done';
      },
      faults: {
        async repriceShipping(id, amountMinor) {
          const order = commerceOrder(id);
          // Commerce keeps shipping tax-inclusive here (prices include tax), with its tax inside.
          const delta = amountMinor - order.shippingInclMinor;
          const taxBefore = order.shippingTaxMinor;
          order.shippingInclMinor = amountMinor;
          const rate = order.items[0]?.taxPercent ?? 20;
          order.shippingTaxMinor = Math.round(
            ((amountMinor - order.shippingDiscountMinor) * rate) / (100 + rate),
          );
          order.taxMinor += order.shippingTaxMinor - taxBefore;
          order.grandTotalMinor += delta;
          // Invoiced orders stay fully paid: the difference was taken, as an edited order's new invoice would.
          if (order.totalPaidMinor > 0) order.totalPaidMinor = order.grandTotalMinor;
          order.updatedAt = new Date().toISOString().slice(0, 19).replace('T', ' ');
          return order.grandTotalMinor;
        },
        async deleteOrder(id) {
          commerceOrder(id);
          sim.state.orders.delete(Number(id));
        },
      },
      trackingNumbers: (id) =>
        [...sim.state.shipments.values()]
          .filter((s) => String(s.orderId) === id)
          .flatMap((s) => s.tracks.map((t) => t.trackNumber)),
      stockOf: (sku) => sim.sourceQuantity(sku, SOURCE),
      stockCalls: () => sim.callCount({ route: 'async/bulk /V1/inventory/source-items' }),
    },
    async tick() {
      // What the status-poll alarm runs (due jobs, polls), and the stock-sync alarm when it is due.
      await ctx.engine.work(ctx.workerId, { limit: 25 });
      await dueWork();
      await sim.drainBulks();
    },
    async close() {
      await local.close();
      await sim.close();
    },
  };
}
