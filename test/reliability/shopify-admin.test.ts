/**
 * Scenario 5 for the Shopify app's admin pages: the shop comes from the session token the library verifies
 * (`authenticate.admin`), never from the request, so one shop's staff cannot read or change another shop's
 * exceptions, even when both live in the same database and the request names the other shop. Also: a token
 * signed with another secret, or none, gets no data.
 */
import { problem } from '@prima-connect/prima-core';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { sessionToken } from '@prima-connect/sim-shopify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/figures.js';
import { SHOPIFY_SECRET, type ShopifyRig, startShopifyRig } from './support/shopify-rig.js';

type Route = (args: {
  request: Request;
  params: Record<string, string>;
  context: unknown;
}) => Promise<unknown>;
const OTHER = 'other-shop.myshopify.com';
const b64url = (v: string) => Buffer.from(v).toString('base64url');

/** A session token for `shop`, as Shopify's admin issues one (signed with `secret`). */
const tokenFor = (shop: string, secret = SHOPIFY_SECRET) =>
  sessionToken({ shop, apiKey: process.env.SHOPIFY_API_KEY ?? '', secret, ttlSeconds: 600, userId: '42' });

let sandbox: Sandbox;
let rig: ShopifyRig;
let loader: Route;
let action: Route;

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  rig = await startShopifyRig(sandbox);
  // A .tsx route module: imported by name at run time (vitest transforms it; this package has no JSX setup).
  const exceptionsRoute = '@prima-connect/shopify-app/app/routes/app.exceptions.tsx';
  const route = (await import(exceptionsRoute)) as {
    loader: Route;
    action: Route;
  };
  loader = route.loader;
  action = route.action;
  const { sessionStorage } = await import('@prima-connect/shopify-app/app/shopify.server.js');
  const { Session } = await import('@shopify/shopify-app-remix/server');
  for (const shop of [rig.shop.shopDomain, OTHER]) {
    const s = new Session({ id: `offline_${shop}`, shop, state: 'installed', isOnline: false, scope: '' });
    s.accessToken = `shpat_${shop}`;
    await sessionStorage.storeSession(s);
  }
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await sandbox?.close();
});

/** Calls a route the way the embedded admin does; a refusal the library throws comes back as its Response. */
async function call(route: Route, url: string, body?: Record<string, string>): Promise<unknown> {
  const init: RequestInit = body
    ? { method: 'POST', body: new URLSearchParams(body), headers: { accept: 'text/html' } }
    : { headers: { accept: 'text/html' } };
  return route({ request: new Request(url, init), params: {}, context: {} }).catch((e: unknown) => {
    if (e instanceof Response) return e;
    throw e;
  });
}

describe('Shopify admin pages: one shop cannot reach another', { timeout: 120_000 }, () => {
  it("a shop's session token reads and changes only its own exceptions", async () => {
    const store = rig.store;
    const mine = rig.tenantId;
    await store.tenants.put({
      id: OTHER,
      platform: 'shopify',
      shop: OTHER,
      createdAt: new Date().toISOString(),
    });
    const raise = (tenantId: string, sku: string) =>
      store.exceptions.raise({
        tenantId,
        code: 'unmapped_sku',
        subject: `sku:${sku}`,
        problem: problem('unmapped_sku', `${sku} is not mapped`, 'Map it'),
        lastSeenAt: new Date().toISOString(),
      });
    const ours = await raise(mine, 'MINE-1');
    const theirs = await raise(OTHER, 'THEIRS-1');
    const page = (shop: string, token: string, extra = '') =>
      `https://prima-connect.example/app/exceptions?embedded=1&shop=${shop}&host=${b64url(`admin.shopify.com/store/${shop.split('.')[0]}`)}&id_token=${token}${extra}`;
    const text = (v: unknown) => (v instanceof Response ? `HTTP ${v.status}` : JSON.stringify(v));
    const a = rig.shop.shopDomain;

    const checks: { name: string; ok: () => Promise<boolean> }[] = [
      {
        name: 'own list shows ours, not theirs',
        ok: async () => {
          const t = text(await call(loader, page(a, tokenFor(a))));
          return t.includes(ours.id) && !t.includes(theirs.id);
        },
      },
      {
        name: 'naming the other shop in the URL shows nothing of theirs',
        ok: async () => !text(await call(loader, page(OTHER, tokenFor(a)))).includes(theirs.id),
      },
      {
        name: 'their exception cannot be resolved with our token',
        ok: async () => {
          await call(action, page(a, tokenFor(a), `&tenantId=${OTHER}`), {
            intent: 'resolve',
            id: theirs.id,
            note: 'not yours',
          });
          return (await store.exceptions.get(OTHER, theirs.id))?.status === 'open';
        },
      },
      {
        name: 'their exception cannot be retried with our token',
        ok: async () => {
          const before = (await store.exceptions.get(OTHER, theirs.id))?.attempts;
          await call(action, page(a, tokenFor(a)), { intent: 'retry', id: theirs.id });
          return (await store.exceptions.get(OTHER, theirs.id))?.attempts === before;
        },
      },
      {
        name: 'a token signed with another secret gets no data',
        ok: async () => {
          const t = text(await call(loader, page(OTHER, tokenFor(OTHER, 'not-the-app-secret'))));
          return !t.includes(theirs.id) && !t.includes(ours.id);
        },
      },
      {
        name: 'no token gets no data',
        ok: async () => {
          const t = text(await call(loader, `https://prima-connect.example/app/exceptions?shop=${OTHER}`));
          return !t.includes(theirs.id) && !t.includes(ours.id);
        },
      },
    ];
    const failed: string[] = [];
    for (const c of checks) if (!(await c.ok())) failed.push(c.name);
    const pass = report(
      {
        scenario: 'tenant-isolation/shopify-admin',
        orders: 0,
        sent: checks.length,
        posted: 0,
        duplicates: 0,
        lost: 0,
        exceptions: 2,
        extra: { checks: checks.length, failed: failed.length },
      },
      failed.length === 0,
    );
    expect(failed).toEqual([]);
    // The checks can fail: with the other shop's own token its exception is there to see.
    expect(text(await call(loader, page(OTHER, tokenFor(OTHER))))).toContain(theirs.id);
    expect(pass).toBe(true);
  });
});
