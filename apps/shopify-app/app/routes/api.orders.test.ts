import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The order block's API with the library's session-token check: a token signed with the app secret passes,
// anything else is refused before the engine is asked.
const SECRET = 'api-test-secret';
const KEY = 'api-test-key';
const SHOP = 'prima-demo.myshopify.com';
const dir = mkdtempSync(join(tmpdir(), 'shopify-api-'));
Object.assign(process.env, {
  SHOPIFY_API_KEY: KEY,
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: 'https://prima-connect.example',
  DATABASE_URL: `file:${join(dir, 'app.sqlite')}`,
  PRIMA_WORKER: 'off',
  LOG_LEVEL: 'silent',
});

function token(secret = SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc({
    iss: `https://${SHOP}/admin`,
    dest: `https://${SHOP}`,
    aud: KEY,
    sub: '7',
    exp: now + 600,
    nbf: now - 5,
    iat: now - 5,
    jti: randomUUID(),
    sid: 's',
  });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

type Handler = (args: LoaderFunctionArgs) => Promise<Response>;
let loader: Handler;
let action: Handler;

beforeAll(async () => {
  const route = await import('./api.orders.$id.js');
  loader = route.loader as Handler;
  action = route.action as Handler;
  const { sessionStorage } = await import('../shopify.server.js');
  const { Session } = await import('@shopify/shopify-app-remix/server');
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: 'installed',
      isOnline: false,
      accessToken: 'shpat_x',
      scope: '',
    }),
  );
  const host = await (await import('../prima/runtime.server.js')).getHost();
  const tenantId = await host.ensureTenant(SHOP);
  const { settingsSchema } = await import('@prima-connect/prima-core');
  await host.store.settings.put(
    tenantId,
    settingsSchema.parse({ prima: { url: 'http://127.0.0.1:9/wsdl' }, orders: { postingEnabled: true } }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const req = (method: string, auth?: string) =>
  new Request('https://prima-connect.example/api/orders/1001', {
    method,
    headers: {
      ...(auth ? { Authorization: `Bearer ${auth}` } : {}),
      Origin: 'https://extensions.shopifycdn.com',
      'User-Agent': 'Mozilla/5.0 Chrome/156',
    },
  });
const call = (h: Handler, r: Request) =>
  h({ request: r, params: { id: '1001' }, context: {} }).catch((e: unknown) => e as Response);

describe('GET/POST api/orders/:id (order block)', () => {
  it('answers the order view to a valid session token, with CORS headers for the extension', async () => {
    const res = await call(loader, req('GET', token()));
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    // The extension validates what it reads with its own schema: the API's reply must pass it.
    const { orderViewSchema } = await import('../../extensions/prima-order-block/src/order-block-logic.js');
    const view = orderViewSchema.parse(await res.json());
    expect(view).toMatchObject({ storefrontOrderId: '1001', state: 'unknown' });
  });

  it('refuses a token signed with another secret, and a request without one', async () => {
    expect((await call(loader, req('GET', token('someone-else')))).status).toBe(401);
    const none = await call(loader, req('GET'));
    expect(none.status).not.toBe(200);
  });

  it('refuses a retry without a valid token', async () => {
    expect((await call(action, req('POST', token('someone-else')))).status).toBe(401);
  });
});
