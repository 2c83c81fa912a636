import { createServer, type Server } from 'node:http';
import { type PrimaGateway, parseSettings, type SettingsInput } from '@prima-connect/prima-core';
import { type AdobeCommerceEmulator, startAdobeCommerceEmulator } from '@prima-connect/sim-adobe-commerce';
import { commerceEventsAction } from '../actions/commerce-events.js';
import type { ActionContext } from '../actions/context.js';
import type { ActionParams, ActionResponse } from '../actions/http.js';
import { silentLogger } from '../runtime/logger.js';
import { type AppWiring, buildContext } from '../runtime/wiring.js';
import { createMemoryKv } from '../state/kv.js';

/**
 * Test harness: the Commerce emulator, a memory KV, and an HTTP front that turns each request into the
 * params I/O Runtime would hand a raw-http web action, so the emulator's signed I/O Events reach the
 * real action code over real HTTP.
 */
export interface Harness {
  sim: AdobeCommerceEmulator;
  ctx: ActionContext;
  /** Moves the app's clock (hold windows, poll schedules) without touching the emulator. */
  advance(ms: number): void;
  sent: { method: string; path: string; body: unknown }[];
  serve(handler: (p: ActionParams) => Promise<ActionResponse>): Promise<string>;
  close(): Promise<void>;
}

export const TENANT = 'commerce-test';

export function testSettings(over: Partial<SettingsInput> = {}) {
  return parseSettings({
    prima: { url: 'http://127.0.0.1:1/omlink/omlink/wsdl?targetURI=urn:omlink' },
    orders: {
      postingEnabled: true,
      trigger: 'paid',
      holdWindowMinutes: 0,
      orderNumberPrefix: 'M',
      vatInclusive: true,
      defaultWarehouse: 'WH1',
    },
    stock: { enabled: true, shortReplyRatio: 0 },
    maps: {
      pattern: { separator: '-', matrixLevels: [1, 2] },
      shipping: { flatrate_flatrate: { charge: 'CARR', carrier: 'DPD', service: 'NEXT' } },
      payment: { checkmo: { payMethod: 'CHQ' } },
      locations: { default: 'WH1' },
    },
    ...over,
  });
}

/**
 * Settings for a tenant on the Prima sandbox: its OMLink address, and its MAIN warehouse (where the demo
 * catalogue's stock is) for orders and the store's default source.
 */
export function sandboxSettings(prima: { url: string; timeoutMs?: number }) {
  const base = testSettings();
  return testSettings({
    prima,
    orders: { ...base.orders, defaultWarehouse: 'MAIN' },
    maps: { ...base.maps, locations: { default: 'MAIN' } },
  });
}

export interface SandboxHarness extends Harness {
  /** Where the emulator sends its signed I/O Events. */
  eventsUrl: string;
}

/**
 * The harness on the Prima sandbox with the store seeded. The emulator's signed events go to the real
 * commerce-events action over HTTP; with `events: 'sink'` to an endpoint that accepts them all instead, so
 * a scenario can deliver the captured events itself (repeat, reorder, corrupt them).
 */
export async function startSandboxHarness(opts: {
  sandbox: { wsdlUrl: string };
  products: Parameters<AdobeCommerceEmulator['seedProducts']>[0];
  events?: 'action' | 'sink';
  primaTimeoutMs?: number;
  alertWiring?: Pick<AppWiring, 'alerts' | 'handbookUrl'>;
}): Promise<SandboxHarness> {
  const h = await startHarness({
    settings: sandboxSettings({
      url: opts.sandbox.wsdlUrl,
      ...(opts.primaTimeoutMs !== undefined ? { timeoutMs: opts.primaTimeoutMs } : {}),
    }),
    ...(opts.alertWiring ? { alertWiring: opts.alertWiring } : {}),
  });
  h.sim.seedProducts(opts.products);
  const eventsUrl =
    opts.events === 'sink'
      ? `${await h.serve(async () => ({ statusCode: 200, body: {} }))}/sink`
      : `${await h.serve(commerceEventsAction(async () => h.ctx))}/events`;
  h.sim.setEventsUrl(eventsUrl);
  return { ...h, eventsUrl };
}

/** Without `prima`, the app talks OMLink SOAP to `settings.prima.url` (the sandbox), as in production. */
export async function startHarness(opts: {
  prima?: (tenantId: string) => Promise<PrimaGateway>;
  settings?: ReturnType<typeof testSettings>;
  /** Alert wiring as production builds it (runtime/production.ts alertWiring). */
  alertWiring?: Pick<AppWiring, 'alerts' | 'handbookUrl'>;
}): Promise<Harness> {
  const sim = await startAdobeCommerceEmulator();
  let offset = 0;
  const sent: Harness['sent'] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    return fetch(input, init);
  };
  const keys = new Map([
    [sim.signingKeys.key1.path, sim.signingKeys.key1.publicKeyPem],
    [sim.signingKeys.key2.path, sim.signingKeys.key2.publicKeyPem],
  ]);
  const ctx = buildContext({
    kv: createMemoryKv(),
    tenantId: TENANT,
    commerce: { baseUrl: sim.url, accessToken: sim.accessToken, fetch: recordingFetch },
    gateway: { bulkStatusIntervalMs: 5, defaultSourceCode: 'default' },
    recipientClientId: sim.recipientClientId,
    // Adobe publishes the keys on its CDN; here the emulator's pair stands in for it.
    resolvePublicKey: async (path) => {
      const pem = keys.get(path);
      if (!pem) throw new Error(`unknown key ${path}`);
      return pem;
    },
    clock: { now: () => new Date(Date.now() + offset) },
    logger: silentLogger(),
    ...(opts.prima ? { prima: opts.prima } : {}),
    ...opts.alertWiring,
    workerId: 'test-worker',
  });
  await ctx.store.tenants.put({
    id: TENANT,
    platform: 'magento',
    shop: 'sim-commerce',
    createdAt: new Date().toISOString(),
  });
  await ctx.store.settings.put(TENANT, opts.settings ?? testSettings());
  const servers: Server[] = [];
  return {
    sim,
    ctx,
    sent,
    advance: (ms) => {
      offset += ms;
    },
    serve: async (handler) => {
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        req.on('end', async () => {
          const url = new URL(req.url ?? '/', 'http://x');
          const out = await handler({
            __ow_method: (req.method ?? 'GET').toLowerCase(),
            __ow_headers: req.headers as Record<string, string>,
            __ow_body: body,
            __ow_query: url.search.slice(1),
            __ow_path: url.pathname,
          });
          res.writeHead(out.statusCode, out.headers ?? {});
          const isJson = (out.headers?.['content-type'] ?? 'application/json').includes('json');
          res.end(isJson || typeof out.body !== 'string' ? JSON.stringify(out.body) : out.body);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.push(server);
      const addr = server.address();
      return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    },
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await sim.close();
    },
  };
}
