/**
 * sim-woocommerce: a local WooCommerce REST v3 + signed webhook emulator.
 *
 *   const woo = await startWooEmulator({ port: 0 });
 *   woo.seedVariableProduct({ name: 'Etos', variants: [{ sku: 'ETOS-G-080', stock: 3 }] });
 *   woo.addWebhook({ topic: 'order.created', deliveryUrl, secret });
 *   woo.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }] });
 *   await woo.settle();  // every webhook answered
 *   woo.calls.byRoute['POST /wp-json/wc/v3/products/:id/variations/batch'];
 *   await woo.close();
 */
import { buildServer, type CallCounter } from './server.js';
import { type PlaceOrderInput, SimShop } from './shop.js';

export { formatMinor } from './money.js';
export { serializeOrder, serializeRefund, type WooOrderJson } from './serialize.js';
export type { PlaceOrderInput, PlaceOrderLine } from './shop.js';
export { SimShop } from './shop.js';
export type * from './types.js';
export { MAX_CONSECUTIVE_FAILURES, signWooBody } from './webhooks.js';

export interface WooEmulatorOptions {
  port?: number;
  host?: string;
  consumerKey?: string;
  consumerSecret?: string;
  batchLimit?: number;
  pricesIncludeTax?: boolean;
  taxRateBp?: number;
  currency?: string;
  now?: () => Date;
}

export interface WooEmulator {
  /** Site URL; the REST API lives under `${url}/wp-json/wc/v3`. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  state: SimShop;
  calls: CallCounter;
  resetCalls(): void;
  seedSimpleProduct: SimShop['seedSimpleProduct'];
  seedVariableProduct: SimShop['seedVariableProduct'];
  placeOrder(input: PlaceOrderInput): ReturnType<SimShop['placeOrder']>;
  addWebhook: SimShop['addWebhook'];
  refundOrder: SimShop['refundOrder'];
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startWooEmulator(options: WooEmulatorOptions = {}): Promise<WooEmulator> {
  let url = '';
  const shop = new SimShop({
    sourceUrl: () => url,
    ...(options.now ? { now: options.now } : {}),
    ...(options.pricesIncludeTax !== undefined ? { pricesIncludeTax: options.pricesIncludeTax } : {}),
    ...(options.taxRateBp !== undefined ? { taxRateBp: options.taxRateBp } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
  });
  const calls: CallCounter = { total: 0, byRoute: {} };
  const consumerKey = options.consumerKey ?? 'ck_sim_0123456789abcdef';
  const consumerSecret = options.consumerSecret ?? 'cs_sim_fedcba9876543210';
  const app = buildServer(
    shop,
    { consumerKey, consumerSecret, batchLimit: options.batchLimit ?? 100 },
    calls,
  );
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('sim-woocommerce: no TCP address');
  url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    url,
    consumerKey,
    consumerSecret,
    state: shop,
    calls,
    resetCalls() {
      calls.total = 0;
      calls.byRoute = {};
    },
    seedSimpleProduct: (i) => shop.seedSimpleProduct(i),
    seedVariableProduct: (i) => shop.seedVariableProduct(i),
    placeOrder: (i) => shop.placeOrder(i),
    addWebhook: (i) => shop.addWebhook(i),
    refundOrder: (id, i) => shop.refundOrder(id, i),
    settle: () => shop.settle(),
    async close() {
      await shop.settle();
      await app.close();
    },
  };
}
