/**
 * One storefront emulator seeded with a catalogue, and the platform's real gateway (the module each app
 * ships) pointed at it. The engine and the naive baseline both go through the same emulator, the same
 * gateway/client and so the same limits; the baseline just sends one figure per call.
 */

import { WooGateway } from '@prima-connect/connector-service';
import { createCommerceClient, createCommerceGateway } from '@prima-connect/magento-app-builder';
import type { StockUpdate, StorefrontGateway } from '@prima-connect/prima-core';
import { AdminClient, fetchTransport } from '@prima-connect/shopify-app/app/shopify/admin-client.server.js';
import {
  createShopifyGateway,
  SHOPIFY_STOCK_BATCH,
} from '@prima-connect/shopify-app/app/shopify/gateway.server.js';
import { startAdobeCommerceEmulator } from '@prima-connect/sim-adobe-commerce';
import { MUTATION_COST, startShopifyEmulator } from '@prima-connect/sim-shopify';
import { startWooEmulator } from '@prima-connect/sim-woocommerce';
import { type VirtualClock, virtualClock } from './virtual-clock.js';

export const PLATFORMS = ['shopify', 'woocommerce', 'adobe-commerce'] as const;
export type PlatformName = (typeof PLATFORMS)[number];

export interface StockRig {
  platform: PlatformName;
  gateway: StorefrontGateway;
  /** The storefront location that receives Prima's figures (mapped to warehouse MAIN). */
  locationId: string;
  clock: VirtualClock;
  /** Storefront API requests made so far through this rig (reads and writes). */
  requests(): number;
  /** Requests the storefront refused as over its rate limit (each was retried: counted in requests too). */
  throttled(): number;
  /** Fewest write calls the platform allows for `n` figures (its largest batch, one location). */
  minPushCalls(n: number): number;
  /** Figures per second the emulated rate limit allows when sustained; null when none is emulated. */
  boundFiguresPerSecond: number | null;
  rateLimit: string;
  /** The common plugin approach: one storefront API call for one SKU. Returns the calls made. */
  pushOne(update: StockUpdate): Promise<number>;
  /** Empties the rate-limit bucket, as after a burst (for the sustained-throughput run). */
  drainBucket(): void;
  close(): Promise<void>;
}

export interface SeedSku {
  sku: string;
  quantity: number;
}

/** Shopify Standard plan: a 1,000-point bucket refilling 100 points/s; a mutation costs 10 points. */
const SHOPIFY_RESTORE_RATE = 100;

async function shopifyRig(skus: SeedSku[]): Promise<StockRig> {
  const clock = virtualClock();
  const shop = await startShopifyEmulator({
    accessToken: 'shpat_bench',
    nowMs: clock.now,
    bucket: { maximumAvailable: 1000, restoreRate: SHOPIFY_RESTORE_RATE },
  });
  const location = shop.addLocation('Warehouse');
  shop.seedSkus(
    skus.map((s) => s.sku),
    { available: 0 },
  );
  const client = new AdminClient({
    transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: 'shpat_bench' }),
    sleep: clock.sleep,
    now: clock.now,
    maxThrottleRetries: 1000,
  });
  const gateway = createShopifyGateway({
    client,
    writeBack: () => ({ metafield: false, note: false, tag: false }),
  });
  let n = 0;
  return {
    platform: 'shopify',
    gateway,
    locationId: String(location),
    clock,
    requests: () => shop.counters.graphql,
    throttled: () => shop.counters.throttled,
    minPushCalls: (k) => Math.ceil(k / SHOPIFY_STOCK_BATCH),
    boundFiguresPerSecond: (SHOPIFY_RESTORE_RATE / MUTATION_COST) * SHOPIFY_STOCK_BATCH,
    rateLimit: `cost bucket 1,000 pts, +${SHOPIFY_RESTORE_RATE} pts/s; ${MUTATION_COST} pts per mutation`,
    async pushOne(update) {
      n += 1;
      return (await gateway.pushStock([update], `naive-${n}`)).calls;
    },
    drainBucket: () => shop.bucket.drain(0),
    close: () => shop.close(),
  };
}

const WOO_BATCH = 100;

async function wooRig(skus: SeedSku[]): Promise<StockRig> {
  const clock = virtualClock();
  const woo = await startWooEmulator({ port: 0 });
  // Simple products: core WooCommerce batches them 100 per /products/batch call. (Variations batch per
  // parent product, so for variable products the floor is one call per parent with a change.)
  for (const s of skus) woo.seedSimpleProduct({ sku: s.sku, stock: 0 });
  const gateway = new WooGateway({
    siteUrl: woo.url,
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
  });
  return {
    platform: 'woocommerce',
    gateway,
    locationId: 'default',
    clock,
    requests: () => woo.calls.total,
    throttled: () => 0,
    minPushCalls: (k) => Math.ceil(k / WOO_BATCH),
    boundFiguresPerSecond: null,
    rateLimit: 'none (WooCommerce core has no API rate limit); 100 items per batch',
    async pushOne(update) {
      return (await gateway.pushStock([update], 'naive')).calls;
    },
    drainBucket: () => {},
    close: () => woo.close(),
  };
}

async function adobeRig(skus: SeedSku[]): Promise<StockRig> {
  const clock = virtualClock();
  const sim = await startAdobeCommerceEmulator({ bulkDelayMs: 0 });
  sim.seedProducts(skus.map((s) => ({ sku: s.sku, priceMinor: 5000, quantity: 0 })));
  const client = createCommerceClient({ baseUrl: sim.url, accessToken: sim.accessToken });
  const gateway = createCommerceGateway({
    client,
    pricesIncludeTax: true,
    defaultSourceCode: 'default',
    bulkStatusIntervalMs: 5,
  });
  return {
    platform: 'adobe-commerce',
    gateway,
    locationId: 'default',
    clock,
    requests: () => client.calls,
    throttled: () => 0,
    // One async bulk request (up to 5,000 operations of 20 source items) plus one status read per bulk.
    minPushCalls: (k) => (k === 0 ? 0 : 2 * Math.ceil(k / (5000 * 20))),
    boundFiguresPerSecond: null,
    rateLimit: 'none emulated (async bulk: 5,000 operations x 20 source items per request)',
    async pushOne(update) {
      // The usual per-SKU plugin call: a synchronous source-items save for that one SKU.
      await client.post('/V1/inventory/source-items', {
        sourceItems: [
          {
            sku: update.inventoryItemId || update.sku,
            source_code: update.locationId,
            quantity: update.quantity,
            status: update.quantity > 0 ? 1 : 0,
          },
        ],
      });
      return 1;
    },
    drainBucket: () => {},
    close: () => sim.close(),
  };
}

export function openRig(platform: PlatformName, skus: SeedSku[]): Promise<StockRig> {
  switch (platform) {
    case 'shopify':
      return shopifyRig(skus);
    case 'woocommerce':
      return wooRig(skus);
    case 'adobe-commerce':
      return adobeRig(skus);
  }
}
