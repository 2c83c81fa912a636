/**
 * A whole WooCommerce setup on one machine: the WooCommerce emulator, this connector (in-memory store and
 * queue, manual clock for the engine), and the Prima sandbox, connected the way a merchant would connect
 * them (operator registration, Woo REST key, settings, webhooks). Used by the plugin's browser test and
 * the local playground; seeded with demo SKUs from the sandbox's catalogue.
 */
import { Writable } from 'node:stream';
import { createPrimaGateway, type ManualClock, manualClock } from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore, type MemoryQueue } from '@prima-connect/prima-core/testing';
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
  clock: ManualClock;
  /** Calls the connector's admin API as the plugin's relay does. */
  admin<T>(path: string, method?: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Runs due jobs and the webhooks they cause until the queue is empty. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export async function startWooDemoStack(opts: { variants?: number } = {}): Promise<WooDemoStack> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  const woo = await startWooEmulator({ port: 0 });
  const clock = manualClock(new Date().toISOString());
  const queue: MemoryQueue = createMemoryQueue({ clock });
  const runtime = await createConnectorRuntime({
    store: createMemoryStore(),
    queue,
    clock,
    logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
    accountRepo: createMemoryAccountRepo(),
    secretKey: SecretBox.generateKey(),
    publicUrl: 'http://connector.invalid',
    operatorToken: 'demo-operator-token',
    primaGateway: (s) => createPrimaGateway({ url: s.prima.url, timeoutMs: 3000, retry: { attempts: 1 } }),
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
    for (let i = 0; i < 100; i++) {
      await woo.settle();
      if ((await runtime.engine.work('demo')).claimed > 0) continue;
      await woo.settle();
      const next = queue
        .snapshot()
        .filter((s) => s.state === 'pending')
        .map((s) => s.job.runAt.getTime())
        .sort((a, b) => a - b)[0];
      if (next === undefined) return;
      clock.set(new Date(Math.max(next, clock.now().getTime())).toISOString());
    }
  }

  await admin('/v1/woocommerce/credentials', 'PUT', {
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
  });
  await admin('/v1/settings', 'PUT', {
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
  const cfg = await admin<{ deliveryUrl: string; secret: string; topics: string[] }>(
    '/v1/webhooks/config',
    'POST',
    {},
  );
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
  woo.seedVariableProduct({
    name: 'Demo range',
    variants: skus.map((sku) => ({ sku, priceMinor: 8999, stock: 5 })),
  });

  return {
    connectorUrl,
    apiKey,
    tenantId,
    woo,
    sandbox,
    runtime,
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
