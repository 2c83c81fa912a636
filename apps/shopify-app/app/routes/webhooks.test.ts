import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePayload, type WebhookTopic, webhookHeaders } from '@prima-connect/sim-shopify';
import type { ActionFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The routes run with the real library verifying HMACs against this secret, and a throwaway SQLite file.
const SECRET = 'test-app-secret';
const SHOP = 'prima-demo.myshopify.com';
const dir = mkdtempSync(join(tmpdir(), 'shopify-webhooks-'));
Object.assign(process.env, {
  SHOPIFY_API_KEY: 'test-api-key',
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: 'https://prima-connect.example',
  DATABASE_URL: `file:${join(dir, 'app.sqlite')}`,
  PRIMA_WORKER: 'off',
  LOG_LEVEL: 'silent',
});

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const routes: Record<string, Action> = {};
let host: Awaited<ReturnType<typeof import('../prima/runtime.server.js')['getHost']>>;

beforeAll(async () => {
  for (const t of [
    'orders/create',
    'orders/paid',
    'orders/updated',
    'orders/cancelled',
    'refunds/create',
    'app/uninstalled',
    'customers/data_request',
    'customers/redact',
    'shop/redact',
  ]) {
    const mod = (await import(`./webhooks.${t.replace('/', '.')}.tsx`)) as { action: Action };
    routes[t] = mod.action;
  }
  host = await (await import('../prima/runtime.server.js')).getHost();
  await host.ensureTenant(SHOP);
  const { settingsSchema } = await import('@prima-connect/prima-core');
  await host.store.settings.put(
    SHOP,
    settingsSchema.parse({
      prima: { url: 'http://127.0.0.1:9/wsdl', timeoutMs: 1000 },
      orders: { postingEnabled: true, trigger: 'paid' },
    }),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function signed(topic: WebhookTopic, payload: unknown, opts: { secret?: string; webhookId?: string } = {}) {
  const body = JSON.stringify(payload);
  const headers = webhookHeaders({
    topic,
    body,
    secret: opts.secret ?? SECRET,
    shopDomain: SHOP,
    apiVersion: '2026-07',
    webhookId: opts.webhookId,
  });
  return new Request(`https://prima-connect.example/webhooks/${topic}`, { method: 'POST', headers, body });
}

const call = (topic: WebhookTopic, req: Request) =>
  (routes[topic] as Action)({ request: req, params: {}, context: {} });
const eventsSoFar = () => host.store.events.countSince(SHOP, '2000-01-01T00:00:00.000Z');

describe('webhook routes (library HMAC check, Shopify example payloads)', () => {
  it('a wrong HMAC gets 401 and changes nothing', async () => {
    const before = await eventsSoFar();
    const res = await call(
      'orders/paid',
      signed('orders/paid', examplePayload('orders/paid'), { secret: 'not-the-secret' }),
    ).catch((e: unknown) => e as Response);
    expect(res.status).toBe(401);
    expect(await eventsSoFar()).toBe(before);
    expect(await host.store.links.get(SHOP, '820982911946154508')).toBeNull();
  });

  it('a tampered body with the original signature gets 401', async () => {
    const good = signed('orders/paid', examplePayload('orders/paid'));
    const tampered = new Request(good.url, {
      method: 'POST',
      headers: good.headers,
      body: JSON.stringify({ ...examplePayload('orders/paid'), total_price: '0.01' }),
    });
    const res = await call('orders/paid', tampered).catch((e: unknown) => e as Response);
    expect(res.status).toBe(401);
  });

  it('orders/paid with a valid HMAC is answered 200 and handed to the engine once, however often Shopify delivers it', async () => {
    const payload = { ...examplePayload('orders/paid'), financial_status: 'paid', cancelled_at: null };
    const res = await call('orders/paid', signed('orders/paid', payload, { webhookId: 'wh-paid-1' }));
    expect(res.status).toBe(200);
    const link = await host.store.links.get(SHOP, '820982911946154508');
    expect(link).toMatchObject({ storefrontOrderNumber: '9999', totalMinor: 40495, currency: 'USD' });
    const events = await eventsSoFar();
    const again = await call('orders/paid', signed('orders/paid', payload, { webhookId: 'wh-paid-1' }));
    expect(again.status).toBe(200);
    expect(await eventsSoFar()).toBe(events);
  });

  it.each(['orders/create', 'orders/updated', 'orders/cancelled', 'refunds/create'] as const)(
    '%s with a valid HMAC is answered 200',
    async (topic) => {
      const res = await call(topic, signed(topic, examplePayload(topic)));
      expect(res.status).toBe(200);
    },
  );

  it('refuses a topic sent to another topic’s address', async () => {
    const res = await call('orders/paid', signed('orders/create', examplePayload('orders/create')));
    expect(res.status).toBe(400);
  });

  it('customers/data_request reports what the app holds; customers/redact removes the customer code', async () => {
    const link = (await host.store.links.get(SHOP, '820982911946154508'))!;
    await host.store.links.update({ ...link, customerCode: 'CUST-77' });
    const request = {
      ...examplePayload('customers/data_request'),
      shop_domain: SHOP,
      orders_requested: ['820982911946154508'],
    };
    expect((await call('customers/data_request', signed('customers/data_request', request))).status).toBe(
      200,
    );
    const audit = await host.store.audit.list(SHOP, { action: 'gdpr.data_request' });
    expect(String(audit[0]?.detail.report)).toContain('CUST-77');
    const redact = {
      ...examplePayload('customers/redact'),
      shop_domain: SHOP,
      orders_to_redact: ['820982911946154508'],
    };
    expect((await call('customers/redact', signed('customers/redact', redact))).status).toBe(200);
    expect((await host.store.links.get(SHOP, '820982911946154508'))?.customerCode).toBeUndefined();
  });

  it('app/uninstalled removes the tenant and what it owns', async () => {
    const res = await call('app/uninstalled', signed('app/uninstalled', examplePayload('app/uninstalled')));
    expect(res.status).toBe(200);
    expect(await host.store.links.get(SHOP, '820982911946154508')).toBeNull();
    expect(await host.store.settings.get(SHOP)).toBeNull();
  });

  it('shop/redact removes the tenant too', async () => {
    await call('orders/create', signed('orders/create', examplePayload('orders/create')));
    const res = await call(
      'shop/redact',
      signed('shop/redact', { ...examplePayload('shop/redact'), shop_domain: SHOP }),
    );
    expect(res.status).toBe(200);
    expect(await host.store.tenants.get(SHOP)).toBeNull();
  });
});
