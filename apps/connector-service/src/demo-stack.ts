/**
 * A whole WooCommerce setup on one machine: the WooCommerce emulator, this connector (in-memory store and
 * queue, manual clock for the engine), and the Prima sandbox, connected the way a merchant would connect
 * them (operator registration, Woo REST key, settings, webhooks). Used by the plugin's browser test, the
 * local playground and this service's own end-to-end and alert tests; seeded with demo SKUs from the
 * sandbox's catalogue.
 */
import { Writable } from 'node:stream';
import {
  type AlertersFromEnvResult,
  createPrimaGateway,
  type ManualClock,
  manualClock,
  type Store,
} from '@prima-connect/prima-core';
import {
  createMemoryQueue,
  createMemoryStore,
  drainQueue,
  type MemoryQueue,
} from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { startWooEmulator, type WooEmulator } from '@prima-connect/sim-woocommerce';
import { createMemoryAccountRepo } from './accounts/account-repo.js';
import { SecretBox } from './accounts/secret-box.js';
import { createLogger } from './logger.js';
import { type ConnectorRuntime, createConnectorRuntime } from './runtime.js';

export interface WooDemoStack {
  connectorUrl: string;
  apiKey: string;
  tenantId: string;
  woo: WooEmulator;
  sandbox: Sandbox;
  runtime: ConnectorRuntime;
  store: Store;
  clock: ManualClock;
  /** Calls the connector's admin API as the plugin's relay does. */
  admin<T>(path: string, method?: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Runs due jobs and the webhooks they cause until the queue is empty. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export interface WooDemoStackOptions {
  /** How many stockable demo SKUs to seed as variations of one product; 0 seeds none. */
  variants?: number;
  /** Stock of each seeded variation in WooCommerce. */
  stock?: number;
  /** The in-memory store unless given (the end-to-end test runs prima-store over SQLite). */
  store?: Store;
  /** Where the engine's hand-moved clock starts; now unless given. */
  startAt?: string;
  woo?: { pricesIncludeTax?: boolean; taxRateBp?: number; followClock?: boolean };
  publicUrl?: string;
  alerts?: AlertersFromEnvResult;
  /** false: the shop is connected but has no settings yet (a test that saves its own). */
  settings?: boolean;
  /** drain() throws if the queue is still busy after its rounds, so a stuck job fails a test. */
  mustDrain?: boolean;
}

export async function startWooDemoStack(opts: WooDemoStackOptions = {}): Promise<WooDemoStack> {
  const clock = manualClock(opts.startAt ?? new Date().toISOString());
  const queue: MemoryQueue = createMemoryQueue({ clock });
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  const woo = await startWooEmulator({
    port: 0,
    ...(opts.woo?.pricesIncludeTax !== undefined ? { pricesIncludeTax: opts.woo.pricesIncludeTax } : {}),
    ...(opts.woo?.taxRateBp !== undefined ? { taxRateBp: opts.woo.taxRateBp } : {}),
    ...(opts.woo?.followClock ? { now: () => clock.now() } : {}),
  });
  const store = opts.store ?? createMemoryStore();
  const runtime = await createConnectorRuntime({
    store,
    queue,
    clock,
    logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
    accountRepo: createMemoryAccountRepo(),
    secretKey: SecretBox.generateKey(),
    publicUrl: opts.publicUrl ?? 'http://connector.invalid',
    operatorToken: 'demo-operator-token',
    // No transport retries: the engine's own retry with backoff is what runs.
    primaGateway: (s) => createPrimaGateway({ url: s.prima.url, timeoutMs: 3000, retry: { attempts: 1 } }),
    ...(opts.alerts ? { alerts: opts.alerts } : {}),
  });
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const address = runtime.app.server.address();
  const connectorUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';

  const reg = await fetch(`${connectorUrl}/operator/stores`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-operator-token', 'content-type': 'application/json' },
    body: JSON.stringify({ siteUrl: woo.url }),
  });
  const { tenantId, apiKey } = (await reg.json()) as { tenantId: string; apiKey: string };

  async function admin<T>(path: string, method = 'GET', body?: unknown) {
    const res = await fetch(`${connectorUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV export and other text replies stay strings.
    }
    return { status: res.status, body: parsed as T };
  }

  async function drain() {
    await drainQueue({
      queue,
      clock,
      work: () => runtime.engine.work('demo'),
      settle: () => woo.settle(),
      mustDrain: opts.mustDrain ?? false,
    });
  }

  // Each connecting step must succeed: a refused one would leave a stack that only looks connected.
  const expectOk = (step: string, r: { status: number; body: unknown }) => {
    if (r.status < 200 || r.status > 299) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  expectOk(
    'Woo REST key',
    await admin('/v1/woocommerce/credentials', 'PUT', {
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    }),
  );
  if (opts.settings !== false) {
    const saved = await admin('/v1/settings', 'PUT', {
      prima: { url: sandbox.wsdlUrl, timeoutMs: 3000 },
      orders: { postingEnabled: true, defaultWarehouse: 'MAIN' },
      stock: { enabled: true },
      maps: {
        shipping: { flat_rate: { charge: 'RM48' } },
        payment: { stripe: { payMethod: 'CC' } },
        locations: { default: 'MAIN' },
        pattern: { separator: '-', matrixLevels: [1, 2] },
      },
    });
    expectOk('settings', saved);
  }
  const cfg = await admin<{ deliveryUrl: string; secret: string; topics: string[] }>(
    '/v1/webhooks/config',
    'POST',
    {},
  );
  expectOk('webhooks config', cfg);
  for (const topic of cfg.body.topics) {
    woo.addWebhook({
      topic,
      deliveryUrl: `${connectorUrl}${new URL(cfg.body.deliveryUrl).pathname}`,
      secret: cfg.body.secret,
    });
  }
  const skus = DEMO_CATALOGUE.filter((i) => !i.nonStock)
    .slice(0, opts.variants ?? 24)
    .map((i) => i.sku);
  // One variable product holding them all: with every demo SKU, more than 100 variations under one parent.
  if (skus.length > 0)
    woo.seedVariableProduct({
      name: 'Demo range',
      variants: skus.map((sku) => ({ sku, priceMinor: 8999, stock: opts.stock ?? 5 })),
    });

  return {
    connectorUrl,
    apiKey,
    tenantId,
    woo,
    sandbox,
    runtime,
    store,
    clock,
    admin,
    drain,
    async close() {
      await runtime.app.close();
      await woo.close();
      await sandbox.close();
    },
  };
}
