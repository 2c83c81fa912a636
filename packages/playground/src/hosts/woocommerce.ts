/**
 * WooCommerce in the playground: sim-woocommerce (REST v3 + signed webhooks) and the connector service
 * (the WooCommerce host) wired from its own modules: accounts with sealed secrets in the data dir, the
 * Fastify app (webhook intake + the admin API the WordPress plugin relays to), the engine over SQLite.
 * The shop is registered and its REST key saved exactly as the plugin's Settings screen does.
 */
import { join } from 'node:path';
import {
  Accounts,
  buildConnectorApp,
  createFileAccountRepo,
  SecretBox,
  WOO_LOCATION_ID,
} from '@prima-connect/connector-service';
import {
  type Clock,
  createEngine,
  createPrimaGateway,
  type Logger,
  type PrimaGateway,
  ProblemError,
  parseMinor,
  problem,
} from '@prima-connect/prima-core';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import { type SimOrder, serializeOrder, startWooEmulator } from '@prima-connect/sim-woocommerce';
import type { Logger as PinoLogger } from 'pino';
import { bundleMappings, priceOf, storefrontProducts, syncableVariantCount } from '../catalogue.js';
import { PAYMENT, playgroundSettings, SHIPPING } from '../settings.js';
import { scheduler } from './stock-schedule.js';
import type { OnboardingMode, PlatformStack } from './types.js';

/** Fresh mode's variation with an old SKU, for the Setup wizard's fix-it-in-place step. */
export const WOO_LEGACY_VARIATION = {
  sku: 'OXFORD-BLACK-8',
  product: 'Oxford shoe, black (old listing)',
  item: { product: 'ETOS', matrix: ['G', '080', '', ''] },
} as const;

export interface WooStackOptions {
  emulatorPort: number;
  connectorPort: number;
  dataDir: string;
  primaUrl: string;
  clock: Clock;
  logger: PinoLogger;
  onboarding: OnboardingMode;
}

export interface WooStack extends PlatformStack {
  connectorUrl: string;
  /** The shop's connector API key: what the plugin's PHP relay adds to every call. */
  apiKey: string;
}

/** The order's grand total as the REST API shows it, in minor units. */
function wooTotal(order: SimOrder): number {
  const json = serializeOrder(order);
  const parsed = parseMinor(json.total, json.currency);
  if (!parsed.ok) throw new Error(`WooCommerce emulator total ${json.total}: ${parsed.problems[0]?.message}`);
  return parsed.value;
}

export async function startWooStack(o: WooStackOptions): Promise<WooStack> {
  const coreLogger = o.logger as unknown as Logger;
  const woo = await startWooEmulator({
    port: o.emulatorPort,
    pricesIncludeTax: true,
    taxRateBp: 2000,
    currency: 'GBP',
  });
  const byGroup = new Map<string, ReturnType<typeof storefrontProducts>>();
  for (const p of storefrontProducts()) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  for (const [group, variants] of byGroup) {
    const first = variants[0];
    if (variants.length === 1 && first && first.sku === group)
      woo.seedSimpleProduct({ sku: first.sku, name: first.title, priceMinor: first.priceMinor, stock: 0 });
    else
      woo.seedVariableProduct({
        name: group,
        variants: variants.map((v) => ({ sku: v.sku, priceMinor: v.priceMinor, stock: 0 })),
      });
  }
  // A fresh shop also has one variation under an old SKU no rule can read: the Setup wizard lists it as
  // unmapped and the merchandiser fixes it in place (it is Prima's ETOS / G / 080).
  if (o.onboarding === 'fresh')
    woo.seedVariableProduct({
      name: WOO_LEGACY_VARIATION.product,
      variants: [
        {
          sku: WOO_LEGACY_VARIATION.sku,
          priceMinor: priceOf('ETOS-G-080'),
          stock: 0,
          options: { Size: '8' },
        },
      ],
    });

  const url = `file:${join(o.dataDir, 'woocommerce.sqlite')}`;
  const db = await createPrismaStore({ url });
  const queue = await createQueue({ url, prisma: db.prisma });
  const accounts = new Accounts({
    repo: createFileAccountRepo(join(o.dataDir, 'woocommerce-accounts.json')),
    box: new SecretBox(SecretBox.generateKey()),
    store: db.store,
    clock: o.clock,
    logger: coreLogger,
  });
  const prima = createPrimaGateway({ url: o.primaUrl, timeoutMs: 5000, logger: coreLogger });
  const primaFor = async (): Promise<PrimaGateway> => prima;
  const engine = createEngine({
    store: db.store,
    queue,
    clock: o.clock,
    logger: coreLogger,
    prima: primaFor,
    async storefront(tenantId) {
      const gw = await accounts.gatewayFor(tenantId);
      if (!gw)
        throw new ProblemError(
          problem(
            'storefront_api_error',
            'No WooCommerce REST key saved.',
            'Save one in Settings.',
            {},
            true,
          ),
        );
      return gw;
    },
  });
  const app = await buildConnectorApp({
    accounts,
    engine,
    onboarding: engine,
    store: db.store,
    clock: o.clock,
    logger: o.logger,
    publicUrl: 'http://127.0.0.1',
    primaFor,
  });
  await app.listen({ port: o.connectorPort, host: '127.0.0.1' });
  const address = app.server.address();
  const connectorUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';

  const { tenantId, apiKey } = await accounts.register({ siteUrl: woo.url });
  await accounts.setWooCredentials(tenantId, {
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
  });
  if (o.onboarding === 'done') {
    await db.store.settings.put(tenantId, playgroundSettings('woocommerce', o.primaUrl, WOO_LOCATION_ID));
    await db.store.mappings.upsertMany(tenantId, bundleMappings(o.clock.now().toISOString()));
  }
  const account = await accounts.get(tenantId);
  if (!account) throw new Error('the WooCommerce shop was not registered');
  const secret = accounts.webhookSecret(account);
  for (const topic of ['order.created', 'order.updated', 'order.deleted']) {
    woo.addWebhook({ topic, deliveryUrl: `${connectorUrl}/webhooks/woocommerce/${tenantId}`, secret });
  }

  const dueWork = scheduler(engine, o.clock, tenantId, () => db.store.settings.get(tenantId));
  const ship = SHIPPING.woocommerce;
  const wooOrder = (id: string) => {
    const order = woo.state.orders.get(Number(id));
    if (!order) throw new Error(`no WooCommerce order ${id}`);
    return order;
  };
  return {
    platform: 'woocommerce',
    tenantId,
    engine,
    onboarding: engine,
    store: db.store,
    connectorUrl,
    apiKey,
    variantCount: syncableVariantCount(),
    urls: [
      { name: 'WooCommerce REST (emulator)', url: `${woo.url}/wp-json/wc/v3` },
      { name: 'Connector service', url: connectorUrl },
    ],
    driver: {
      async placeOrder(s, fault) {
        const order = woo.placeOrder({
          lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, priceMinor: l.unitPriceMinor })),
          shipping:
            s.shipping.kind === 'paid'
              ? { methodId: ship.paid, title: 'Flat rate', totalMinor: s.shipping.amountMinor }
              : { methodId: ship.free, title: 'Free shipping', totalMinor: 0 },
          ...(s.discountPercent > 0
            ? { coupon: { code: `SAVE${s.discountPercent}`, percent: s.discountPercent } }
            : {}),
          paymentMethod: PAYMENT.woocommerce,
          status: 'processing',
          deliverWebhooks: fault?.eventLost !== true,
        });
        await woo.settle();
        const totalMinor = wooTotal(woo.state.orders.get(order.id) ?? order);
        return { storefrontOrderId: String(order.id), orderNumber: String(order.id), totalMinor };
      },
      async cancelOrder(id) {
        woo.state.setOrderStatus(Number(id), 'cancelled');
        await woo.settle();
        return 'done';
      },
      // WooCommerce sends no refund webhook: a refund fires order.updated, and the connector reads the
      // order's refunds from the REST API.
      async refundLine(id, sku, quantity, fault) {
        woo.state.refundOrder(Number(id), {
          lines: [{ sku, quantity }],
          deliverWebhooks: fault?.eventLost !== true,
        });
        await woo.settle();
        return 'done';
      },
      faults: {
        async repriceShipping(id, amountMinor) {
          const order = wooOrder(id);
          const line = order.shipping_lines[0];
          if (!line) throw new Error(`WooCommerce order ${id} has no shipping line`);
          // Shipping is entered excluding tax in WooCommerce; the tax is added at the order's rate.
          line.totalMinor = amountMinor;
          line.totalTaxMinor = Math.round((amountMinor * order.taxRateBp) / 10_000);
          woo.state.touch(order);
          return wooTotal(order);
        },
        async deleteOrder(id) {
          wooOrder(id);
          woo.state.orders.delete(Number(id));
        },
      },
      trackingNumbers(id) {
        const order = woo.state.orders.get(Number(id));
        return (order?.notes ?? []).filter((n) => n.customer_note).map((n) => n.note);
      },
      stockOf: (sku) => woo.state.stockOf(sku) ?? undefined,
      stockCalls: () =>
        Object.entries(woo.calls.byRoute)
          .filter(([route]) => route.endsWith('/batch'))
          .reduce((n, [, c]) => n + c, 0),
    },
    async tick() {
      await engine.work('playground-woocommerce', { limit: 25 });
      await dueWork();
    },
    async close() {
      await app.close();
      await woo.close();
      await db.prisma.$disconnect();
    },
  };
}
