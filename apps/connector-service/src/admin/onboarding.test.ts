/**
 * The wizard's API over HTTP against the real engine, the Prima sandbox (SOAP) and the WooCommerce
 * emulator: an empty shop walked from "connect" to "sync on", with nothing sent to Prima or to the shop's
 * stock before go-live, and a second shop on the same connector that sees none of it.
 */
import { Writable } from 'node:stream';
import { createPrimaGateway, manualClock, type Settings } from '@prima-connect/prima-core';
import { createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { startWooEmulator, type WooEmulator } from '@prima-connect/sim-woocommerce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAccountRepo } from '../accounts/account-repo.js';
import { Accounts } from '../accounts/accounts.js';
import { SecretBox } from '../accounts/secret-box.js';
import { buildConnectorApp } from '../app.js';
import { createLogger } from '../logger.js';
import { type ConnectorRuntime, createConnectorRuntime } from '../runtime.js';

const OPERATOR = 'operator-token-for-onboarding';

interface Shop {
  woo: WooEmulator;
  tenantId: string;
  call<T = Record<string, unknown>>(
    path: string,
    method?: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

describe('/v1/onboarding against the Prima sandbox and the WooCommerce emulator', () => {
  let sandbox: Sandbox;
  let runtime: ConnectorRuntime;
  let url: string;
  let a: Shop;
  let b: Shop;
  const store = createMemoryStore();

  async function shop(): Promise<Shop> {
    const woo = await startWooEmulator({ port: 0 });
    woo.seedVariableProduct({
      name: 'Etos Oxford',
      variants: [
        { sku: 'ETOS-G-080', stock: 1 },
        { sku: 'ETOS-G-085', stock: 1 },
        // Prima has no size "85" (it is "085"): the wizard reports it and the merchandiser fixes it.
        { sku: 'ETOS-H-85', stock: 0 },
      ],
    });
    woo.seedSimpleProduct({ sku: 'LOOKBOOK', stock: 4 });
    const reg = await fetch(`${url}/operator/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteUrl: woo.url }),
    });
    const { tenantId, apiKey } = (await reg.json()) as { tenantId: string; apiKey: string };
    const call = async <T>(path: string, method = 'GET', body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'x-prima-user': 'shop-manager',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const saved = await call('/v1/woocommerce/credentials', 'PUT', {
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    expect(saved.status).toBe(200);
    return { woo, tenantId, call };
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    const clock = manualClock(new Date().toISOString());
    runtime = await createConnectorRuntime({
      store,
      queue: createMemoryQueue({ clock }),
      clock,
      logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
      accountRepo: createMemoryAccountRepo(),
      secretKey: SecretBox.generateKey(),
      publicUrl: 'http://connector.invalid',
      operatorToken: OPERATOR,
      primaGateway: (s) => createPrimaGateway({ url: s.prima.url, timeoutMs: 3000, retry: { attempts: 1 } }),
    });
    await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const address = runtime.app.server.address();
    url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    a = await shop();
    b = await shop();
  });

  afterAll(async () => {
    await runtime?.app.close();
    await a?.woo.close();
    await b?.woo.close();
    await sandbox?.close();
  });

  it('walks an empty shop to "sync on", posting nothing and pushing no stock before go-live', async () => {
    const fresh = await a.call<{ next: string; postingEnabled: boolean }>('/v1/onboarding');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ next: 'connect', postingEnabled: false, stockEnabled: false });

    // Steps that need Prima answer in words until it is connected.
    const early = await a.call<{ message: string }>('/v1/onboarding/propose', 'POST');
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/Connect Prima first/);

    // A wrong address: the failure in plain words, nothing saved.
    const wrongUrl = `${new URL(sandbox.wsdlUrl).origin}/no/such/wsdl`;
    const wrong = await a.call<{ test: { ok: boolean; problem: { message: string; action: string } } }>(
      '/v1/onboarding/connect',
      'POST',
      { prima: { url: wrongUrl }, vatInclusive: true },
    );
    expect(wrong.status).toBe(200);
    expect(wrong.body.test.ok).toBe(false);
    expect(wrong.body.test.problem.message).toMatch(/answered with HTTP 404/);
    expect(wrong.body.test.problem.action.length).toBeGreaterThan(10);
    expect(await store.settings.get(a.tenantId)).toBeNull();
    // Not even a web address: the same kind of answer, not a 400.
    const typo = await a.call<{ ok: boolean; problem: { message: string } }>(
      '/v1/onboarding/test-connection',
      'POST',
      { prima: { url: 'prima.local' } },
    );
    expect(typo.body.ok).toBe(false);
    expect(typo.body.problem.message).toMatch(/not a web address/);

    const tested = await a.call<{ ok: boolean }>('/v1/onboarding/test-connection', 'POST', {
      prima: { url: sandbox.wsdlUrl, companyId: '' },
    });
    expect(tested.body.ok).toBe(true);
    // No details (PHP sends [] for {}): the saved connection is tested, and there is none yet.
    const none = await a.call('/v1/onboarding/test-connection', 'POST', []);
    expect(none.status).toBe(409);
    const connected = await a.call<{ test: { ok: boolean }; state: { next: string } }>(
      '/v1/onboarding/connect',
      'POST',
      { prima: { url: sandbox.wsdlUrl }, vatInclusive: false },
    );
    expect(connected.body.test.ok).toBe(true);
    expect(connected.body.state.next).toBe('catalogue');
    expect((await store.settings.get(a.tenantId))?.orders.vatInclusive).toBe(false);
    const savedTest = await a.call<{ ok: boolean }>('/v1/onboarding/test-connection', 'POST', []);
    expect(savedTest.body.ok).toBe(true);

    const proposals = await a.call<{
      proposed: { sku: string }[];
      unmapped: { sku: string }[];
      ambiguous: { sku: string; reason: string; candidates: unknown[] }[];
    }>('/v1/onboarding/propose', 'POST');
    expect(proposals.status).toBe(200);
    expect(proposals.body.proposed.map((p) => p.sku).sort()).toEqual(['ETOS-G-080', 'ETOS-G-085']);
    expect(proposals.body.unmapped.map((u) => u.sku)).toEqual(['LOOKBOOK']);
    const odd = proposals.body.ambiguous.find((x) => x.sku === 'ETOS-H-85');
    expect(odd?.reason).toBe('unknown_matrix');
    expect(odd?.candidates.length).toBeGreaterThan(0);

    // The caller cannot smuggle a mapping through "apply": only what the rules propose is stored.
    const applied = await a.call<{ applied: number; skipped: string[] }>('/v1/onboarding/apply', 'POST', {
      skus: ['ETOS-G-080', 'ETOS-G-085', 'LOOKBOOK'],
    });
    expect(applied.body).toEqual({ applied: 2, skipped: ['LOOKBOOK'] });

    const bad = await a.call<{ error: string }>('/v1/onboarding/map-sku', 'POST', {
      sku: 'ETOS-H-85',
      item: { product: '', matrix: ['H', '085', '', ''] },
    });
    expect(bad.status).toBe(400);
    const fixed = await a.call<{ mapping: { source: string } }>('/v1/onboarding/map-sku', 'POST', {
      sku: 'ETOS-H-85',
      item: { product: 'ETOS', matrix: ['H', '085', '', ''] },
    });
    expect(fixed.body.mapping.source).toBe('manual');
    await a.call('/v1/onboarding/map-sku', 'POST', {
      sku: 'LOOKBOOK',
      kind: 'non_stock',
      item: { product: 'LOOKBOOK', matrix: ['', '', '', ''] },
    });
    const again = await a.call<{ proposed: unknown[]; ambiguous: unknown[]; alreadyMapped: string[] }>(
      '/v1/onboarding/propose',
      'POST',
    );
    expect(again.body.ambiguous).toEqual([]);
    expect(again.body.alreadyMapped.sort()).toEqual(['ETOS-G-080', 'ETOS-G-085', 'ETOS-H-85', 'LOOKBOOK']);
    const mapped = await a.call<{ ok: boolean }>('/v1/onboarding/steps/mappings/complete', 'POST');
    expect(mapped.body.ok).toBe(true);

    const locations = await a.call<{ locations: { id: string }[] }>('/v1/onboarding/locations');
    expect(locations.body.locations.map((l) => l.id)).toEqual(['default']);
    const incomplete = await a.call<{ ok: boolean; missing: string[] }>('/v1/onboarding/maps', 'PUT', {
      shipping: {},
      payment: { stripe: { payMethod: 'CC' } },
      locations: { default: 'MAIN' },
      defaultWarehouse: 'MAIN',
    });
    expect(incomplete.body.ok).toBe(false);
    expect(incomplete.body.missing.join(' ')).toMatch(/shipping method/);
    const maps = await a.call<{ ok: boolean; state: { next: string } }>('/v1/onboarding/maps', 'PUT', {
      shipping: { flat_rate: { charge: 'CARR' } },
      payment: { stripe: { payMethod: 'CC' } },
      locations: { default: 'MAIN' },
      defaultWarehouse: 'MAIN',
    });
    expect(maps.body).toMatchObject({ ok: true, state: { next: 'preview' } });

    // Go-live is refused until the preview was shown.
    const tooSoon = await a.call<{ ok: boolean; missing: string[] }>('/v1/onboarding/go-live', 'POST');
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.missing.join(' ')).toMatch(/Preview the first stock push/);

    const preview = await a.call<{
      rows: { sku: string; before: number | null; after: number }[];
      totals: { changes: number; skus: number };
    }>('/v1/onboarding/stock-preview', 'POST');
    expect(preview.status).toBe(200);
    // Prima's one available-to-sell figure per item (all its warehouses), per SKU, the fixed one included.
    const primaFigure = (sku: string) =>
      Object.values(DEMO_CATALOGUE.find((i) => i.sku === sku)?.stock ?? {}).reduce((n, q) => n + q, 0);
    const after = (sku: string) => preview.body.rows.find((r) => r.sku === sku)?.after;
    expect(after('ETOS-G-080')).toBe(primaFigure('ETOS-G-080'));
    // "From" is what the shop shows now (read from WooCommerce): 1, as seeded.
    expect(preview.body.rows.find((r) => r.sku === 'ETOS-G-080')?.before).toBe(1);
    expect(after('ETOS-H-85')).toBe(primaFigure('ETOS-H-085'));
    expect(preview.body.totals.skus).toBe(new Set(preview.body.rows.map((r) => r.sku)).size);
    expect((await a.call<{ ok: boolean }>('/v1/onboarding/steps/preview/complete', 'POST')).body.ok).toBe(
      true,
    );

    // Nothing reached Prima or the shop's stock so far.
    expect(sandbox.state.orders.size).toBe(0);
    expect(Object.keys(a.woo.calls.byRoute).filter((r) => r.endsWith('/batch'))).toEqual([]);
    const before = (await store.settings.get(a.tenantId)) as Settings;
    expect([before.orders.postingEnabled, before.stock.enabled]).toEqual([false, false]);

    const live = await a.call<{ ok: boolean; state: { next: null; postingEnabled: boolean } }>(
      '/v1/onboarding/go-live',
      'POST',
    );
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      ok: true,
      state: { next: null, postingEnabled: true, stockEnabled: true },
    });
    const switched = (await store.settings.get(a.tenantId)) as Settings;
    expect([switched.orders.postingEnabled, switched.stock.enabled]).toEqual([true, true]);
    expect(switched.onboarding?.steps['go-live']?.by).toBe('shop-manager');
    const trail = await store.audit.list(a.tenantId, { limit: 100 });
    expect(trail.filter((e) => e.action === 'onboarding.live').map((e) => e.actor)).toEqual(['shop-manager']);
  });

  it("keeps each shop's wizard to itself", async () => {
    // Shop B is untouched by A's walk-through, and A's key is the only way to A's data.
    const state = await b.call<{ next: string; postingEnabled: boolean }>('/v1/onboarding');
    expect(state.body).toMatchObject({ next: 'connect', postingEnabled: false });
    expect(await store.settings.get(b.tenantId)).toBeNull();
    expect(await store.mappings.list(b.tenantId)).toEqual([]);
    expect((await b.call('/v1/onboarding/propose', 'POST')).status).toBe(409);
    expect((await b.call('/v1/onboarding/go-live', 'POST')).status).toBe(409);
    // B's own fix lands in B's table only.
    await b.call('/v1/onboarding/connect', 'POST', { prima: { url: sandbox.wsdlUrl }, vatInclusive: true });
    await b.call('/v1/onboarding/map-sku', 'POST', {
      sku: 'ETOS-H-85',
      item: { product: 'ETOS', matrix: ['H', '090', '', ''] },
    });
    const aRow = (await store.mappings.list(a.tenantId)).find((m) => m.sku === 'ETOS-H-85');
    const bRow = (await store.mappings.list(b.tenantId)).find((m) => m.sku === 'ETOS-H-85');
    expect(aRow?.kind === 'stock' && aRow.item?.matrix[1]).toBe('085');
    expect(bRow?.kind === 'stock' && bRow.item?.matrix[1]).toBe('090');
    // No key, or a wrong one: nothing.
    const anon = await fetch(`${url}/v1/onboarding`);
    expect(anon.status).toBe(401);
    const forged = await fetch(`${url}/v1/onboarding/go-live`, {
      method: 'POST',
      headers: { authorization: 'Bearer pck_not_a_key' },
    });
    expect(forged.status).toBe(401);
  });

  it('validates bodies and steps, and answers 501 where the engine has no wizard calls', async () => {
    expect((await a.call('/v1/onboarding/steps/launch/complete', 'POST')).status).toBe(400);
    expect((await a.call('/v1/onboarding/apply', 'POST', { skus: [] })).status).toBe(400);
    expect((await a.call('/v1/onboarding/connect', 'POST', { prima: { url: 'x' } })).status).toBe(400);
    const refused = await a.call<{ ok: boolean; missing: string[] }>(
      '/v1/onboarding/steps/go-live/complete',
      'POST',
    );
    expect(refused.body.ok).toBe(false);

    const accounts = new Accounts({
      repo: createMemoryAccountRepo(),
      box: new SecretBox(SecretBox.generateKey()),
      store,
      clock: { now: () => new Date() },
    });
    const bare = await buildConnectorApp({
      accounts,
      engine: runtime.engine,
      store,
      clock: { now: () => new Date() },
      logger: createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
      publicUrl: 'http://connector.invalid',
      primaFor: async () => null,
    });
    const { apiKey } = await accounts.register({ siteUrl: 'https://shop.invalid' });
    const res = await bare.inject({
      method: 'GET',
      url: '/v1/onboarding',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(res.statusCode).toBe(501);
    await bare.close();
  });
});
