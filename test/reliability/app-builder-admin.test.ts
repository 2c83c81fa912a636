/**
 * Scenarios 4 and 5 for the Adobe Commerce app's admin API (the App Builder web action behind its admin
 * screens): hostile and broken requests get a clear 4xx and change nothing; and one deployment's API
 * cannot read or change another tenant's settings, mappings, orders or exceptions, even when both share a
 * state store and the request names the other tenant. Adobe I/O Runtime checks the admin's IMS token
 * before the action runs (`require-adobe-auth`); the manifest check below keeps that switched on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ActionParams, adminApiAction } from '@prima-connect/magento-app-builder';
import { itemRef, settingsSchema } from '@prima-connect/prima-core';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMERCE_TENANT, type CommerceRig, startCommerceRig } from './support/commerce-rig.js';
import { report } from './support/figures.js';

const OTHER = 'another-commerce-tenant';
let sandbox: Sandbox;
let commerce: CommerceRig;
let api: ReturnType<typeof adminApiAction>;

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  commerce = await startCommerceRig(sandbox);
  api = adminApiAction(async () => commerce.h.ctx);
}, 120_000);
afterAll(async () => {
  await commerce?.close();
  await sandbox?.close();
});

const call = async (
  method: string,
  path: string,
  o: { body?: string; query?: string; headers?: Record<string, string> } = {},
) => {
  const params: ActionParams = {
    __ow_method: method,
    __ow_path: path,
    __ow_headers: { 'content-type': 'application/json', ...(o.headers ?? {}) },
    ...(o.body !== undefined ? { __ow_body: o.body } : {}),
    ...(o.query !== undefined ? { __ow_query: o.query } : {}),
  };
  return api(params);
};

describe('Adobe Commerce admin API', { timeout: 120_000 }, () => {
  it('declares require-adobe-auth, so I/O Runtime refuses a missing or bad IMS token before the action runs', () => {
    const manifest = readFileSync(
      fileURLToPath(new URL('../../apps/magento-app-builder/ext.config.yaml', import.meta.url)),
      'utf8',
    );
    const block = /\n {8}admin-api:\n([\s\S]*?)(?=\n {8}[a-z-]+:\n)/.exec(manifest)?.[1] ?? '';
    expect(block).toMatch(/web: "yes"/);
    expect(block).toMatch(/require-adobe-auth: true/);
  });

  it('hostile and broken requests get a clear 4xx and change nothing', async () => {
    const before = JSON.stringify(await commerce.h.ctx.store.settings.get(COMMERCE_TENANT));
    const validSettings = settingsSchema.parse(await commerce.h.ctx.store.settings.get(COMMERCE_TENANT));
    const cases: { name: string; expect: number; run: () => Promise<{ statusCode: number }> }[] = [
      { name: 'unknown route', expect: 404, run: () => call('GET', '/admin/../../etc/passwd') },
      { name: 'wrong method', expect: 404, run: () => call('DELETE', '/settings') },
      { name: 'malformed JSON', expect: 400, run: () => call('PUT', '/settings', { body: '{"settings": ' }) },
      { name: 'settings missing', expect: 400, run: () => call('PUT', '/settings', { body: '{}' }) },
      {
        name: 'settings with a non-URL Prima address',
        expect: 400,
        run: () =>
          call('PUT', '/settings', {
            body: JSON.stringify({ settings: { ...validSettings, prima: { url: 'not a url' } } }),
          }),
      },
      {
        name: 'settings with a negative timeout',
        expect: 400,
        run: () =>
          call('PUT', '/settings', {
            body: JSON.stringify({
              settings: { ...validSettings, prima: { ...validSettings.prima, timeoutMs: -5 } },
            }),
          }),
      },
      {
        name: 'mappings: rows not a list',
        expect: 400,
        run: () => call('PUT', '/mappings', { body: '{"rows": 5}' }),
      },
      {
        name: 'mappings: 5,001 rows',
        expect: 400,
        run: () =>
          call('PUT', '/mappings', {
            body: JSON.stringify({
              rows: Array.from({ length: 5001 }, (_, i) => ({ sku: `S${i}`, kind: 'stock', product: 'P' })),
            }),
          }),
      },
      {
        name: 'orders: unknown state filter',
        expect: 400,
        run: () => call('GET', '/orders', { query: 'state=<script>' }),
      },
      {
        name: 'reconciliation: 10,000 days',
        expect: 400,
        run: () => call('GET', '/reconciliation', { query: 'days=10000' }),
      },
      {
        name: 'resolve an exception without a note',
        expect: 400,
        run: () => call('POST', '/exceptions/x/resolve', { body: '{"note": "   "}' }),
      },
      {
        name: 'retry an exception that does not exist',
        expect: 404,
        run: () => call('POST', '/exceptions/nope/retry'),
      },
      {
        name: 'onboarding: connect with a non-URL address',
        expect: 400,
        run: () =>
          call('POST', '/onboarding/connect', {
            body: JSON.stringify({ prima: { url: 'ftp:/x' }, vatInclusive: 'yes' }),
          }),
      },
      {
        name: 'onboarding: unknown step',
        expect: 400,
        run: () => call('POST', '/onboarding/steps/format-disk/complete'),
      },
      {
        name: 'onboarding: apply 0 SKUs',
        expect: 400,
        run: () => call('POST', '/onboarding/apply', { body: '{"skus": []}' }),
      },
    ];
    const outcomes = [];
    for (const c of cases) {
      const res = await c.run();
      outcomes.push({ name: c.name, status: res.statusCode, ok: res.statusCode === c.expect });
    }
    const after = JSON.stringify(await commerce.h.ctx.store.settings.get(COMMERCE_TENANT));
    const health = (await call('GET', '/dashboard')).statusCode;
    const wrong = outcomes.filter((o) => !o.ok);
    const pass = report(
      {
        scenario: 'hostile-input/app-builder-admin',
        orders: 0,
        sent: cases.length,
        posted: 0,
        duplicates: 0,
        lost: 0,
        exceptions: 0,
        extra: {
          cases: cases.length,
          unexpectedAnswers: wrong.length,
          settingsChanged: String(before !== after),
          healthAfter: health,
        },
      },
      wrong.length === 0 && before === after && health === 200,
    );
    expect(wrong).toEqual([]);
    expect(after).toBe(before);
    expect(health).toBe(200);
    expect(pass).toBe(true);
  });

  it("one tenant's API cannot read or change another tenant's data, even naming it", async () => {
    const store = commerce.h.ctx.store;
    // Another tenant's data in the very same state store (the worst case: a shared namespace).
    await store.tenants.put({
      id: OTHER,
      platform: 'magento',
      shop: 'other-commerce',
      createdAt: new Date().toISOString(),
    });
    const otherSettings = settingsSchema.parse({ prima: { url: 'http://prima.other.example/wsdl' } });
    await store.settings.put(OTHER, otherSettings);
    await store.mappings.upsertMany(OTHER, [
      {
        sku: 'OTHER-SKU',
        kind: 'stock',
        item: itemRef('OTHER'),
        source: 'manual',
        updatedAt: new Date().toISOString(),
      },
    ]);
    const theirs = await store.exceptions.raise({
      tenantId: OTHER,
      code: 'unmapped_sku',
      subject: 'order:other-1',
      problem: { code: 'unmapped_sku', message: 'other', action: 'other', retryable: false },
      lastSeenAt: new Date().toISOString(),
    });
    const now = new Date().toISOString();
    await store.links.createIfAbsent({
      tenantId: OTHER,
      platform: 'magento',
      storefrontOrderId: 'other-1',
      storefrontOrderNumber: '000000777',
      primaOrderNumber: 'OTHERPRIMA777',
      state: 'posted',
      currency: 'GBP',
      totalMinor: 777,
      attempts: 1,
      appliedDispatches: [],
      receivedAt: now,
      dueAt: now,
      updatedAt: now,
    });
    const naming = { headers: { 'x-tenant-id': OTHER, 'x-prima-tenant': OTHER }, query: `tenantId=${OTHER}` };

    const checks: { name: string; ok: () => Promise<boolean> }[] = [
      {
        name: 'settings read are our own',
        ok: async () => {
          const r = await call('GET', '/settings', naming);
          return (
            JSON.stringify(r.body).includes(sandbox.wsdlUrl) &&
            !JSON.stringify(r.body).includes('prima.other.example')
          );
        },
      },
      {
        name: 'mappings list excludes theirs',
        ok: async () => !JSON.stringify((await call('GET', '/mappings', naming)).body).includes('OTHER-SKU'),
      },
      {
        name: 'exceptions list excludes theirs',
        ok: async () => !JSON.stringify((await call('GET', '/exceptions', naming)).body).includes(theirs.id),
      },
      {
        name: 'their exception cannot be retried',
        ok: async () => (await call('POST', `/exceptions/${theirs.id}/retry`, naming)).statusCode === 404,
      },
      {
        name: 'their exception cannot be resolved',
        ok: async () =>
          (await call('POST', `/exceptions/${theirs.id}/resolve`, { ...naming, body: '{"note":"mine now"}' }))
            .statusCode === 404,
      },
      {
        name: 'their order is not shown, by id or in the list',
        ok: async () =>
          !JSON.stringify((await call('GET', '/orders/other-1', naming)).body).includes('OTHERPRIMA777') &&
          !JSON.stringify((await call('GET', '/orders', naming)).body).includes('OTHERPRIMA777'),
      },
      {
        name: 'their order cannot be re-posted',
        ok: async () => {
          await call('POST', '/orders/other-1/repost', naming);
          return (
            (await store.links.get(OTHER, 'other-1'))?.state === 'posted' &&
            !sandbox.state.orders.has('OTHERPRIMA777')
          );
        },
      },
      {
        name: 'their mapping cannot be deleted',
        ok: async () => {
          await call('DELETE', '/mappings/OTHER-SKU', naming);
          return (await store.mappings.list(OTHER)).some((m) => m.sku === 'OTHER-SKU');
        },
      },
      {
        name: 'a settings write naming them changes only ours',
        ok: async () => {
          const ours = settingsSchema.parse(await store.settings.get(COMMERCE_TENANT));
          await call('PUT', '/settings', {
            ...naming,
            body: JSON.stringify({
              tenantId: OTHER,
              settings: { ...ours, stock: { ...ours.stock, intervalMinutes: 42 } },
            }),
          });
          const theirsNow = await store.settings.get(OTHER);
          return theirsNow?.stock.intervalMinutes === otherSettings.stock.intervalMinutes;
        },
      },
    ];
    const failed: string[] = [];
    for (const c of checks) if (!(await c.ok())) failed.push(c.name);
    const stillOpen = (await store.exceptions.get(OTHER, theirs.id))?.status === 'open';
    const pass = report(
      {
        scenario: 'tenant-isolation/app-builder-admin',
        orders: 0,
        sent: checks.length,
        posted: 0,
        duplicates: 0,
        lost: 0,
        exceptions: 1,
        extra: { checks: checks.length, failed: failed.length },
      },
      failed.length === 0 && stillOpen,
    );
    expect(failed).toEqual([]);
    expect(stillOpen).toBe(true);
    expect(pass).toBe(true);
  });
});
