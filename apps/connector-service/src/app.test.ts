import { problem } from '@prima-connect/prima-core';
import { createFakePrima } from '@prima-connect/prima-core/testing';
import {
  serializeOrder,
  signWooBody,
  startWooEmulator,
  type WooEmulator,
} from '@prima-connect/sim-woocommerce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_POLL_LOOKBACK_MS, POLL_OVERLAP_MS, pollMissedOrders } from './jobs/poller.js';
import { type RecordingEngine, startTestConnector, type TestConnector } from './test-support.js';

describe('connector service', () => {
  let woo: WooEmulator;
  let c: TestConnector & { engine: RecordingEngine };
  let tenantId: string;
  let apiKey: string;

  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${c.url}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${init.key ?? apiKey}`,
        'x-prima-user': 'shop_manager',
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  beforeEach(async () => {
    woo = await startWooEmulator({ port: 0 });
    c = (await startTestConnector({
      primaFor: async () => createFakePrima({ company: 'DEMO' }),
    })) as typeof c;
    const reg = await fetch(`${c.url}/operator/stores`, {
      method: 'POST',
      headers: { authorization: 'Bearer operator-token-for-tests', 'content-type': 'application/json' },
      body: JSON.stringify({ siteUrl: woo.url }),
    });
    expect(reg.status).toBe(201);
    ({ tenantId, apiKey } = (await reg.json()) as { tenantId: string; apiKey: string });
  });
  afterEach(async () => {
    await c.close();
    await woo.close();
  });

  async function saveWooKey() {
    const res = await call('/v1/woocommerce/credentials', {
      method: 'PUT',
      body: JSON.stringify({ consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret }),
    });
    expect(res.status).toBe(200);
  }

  async function hookSecret(): Promise<{ deliveryUrl: string; secret: string }> {
    const res = await call('/v1/webhooks/config', { method: 'POST', body: '{}' });
    return (await res.json()) as { deliveryUrl: string; secret: string };
  }

  describe('operator registration', () => {
    it('needs the operator token', async () => {
      const res = await fetch(`${c.url}/operator/stores`, {
        method: 'POST',
        headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
        body: JSON.stringify({ siteUrl: woo.url }),
      });
      expect(res.status).toBe(401);
    });
  });

  describe('webhook intake', () => {
    it('answers the creation ping with 200', async () => {
      const res = await fetch(`${c.url}/webhooks/woocommerce/${tenantId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'webhook_id=12',
      });
      expect(res.status).toBe(200);
      expect(c.engine.events).toHaveLength(0);
    });

    it('accepts a signed order webhook from the emulator and dedupes a re-delivery on topic + id + modified time', async () => {
      const { secret } = await hookSecret();
      woo.seedSimpleProduct({ sku: 'ETOS-G-080', priceMinor: 8900, stock: 4 });
      const deliveryUrl = `${c.url}/webhooks/woocommerce/${tenantId}`;
      woo.addWebhook({ topic: 'order.created', deliveryUrl, secret });
      woo.addWebhook({ topic: 'order.created', deliveryUrl, secret }); // a second hook = the same event delivered twice
      const order = woo.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }] });
      await woo.settle();
      expect(woo.state.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(c.engine.events).toHaveLength(1);
      const ev = c.engine.events[0]!;
      expect(ev.tenantId).toBe(tenantId);
      expect(ev.topic).toBe('order.paid');
      expect(ev.eventKey).toMatch(
        new RegExp(`^order\\.created:${order.id}:${order.date_modified_gmt}:[0-9a-f]{16}$`),
      );
      expect(ev.order?.lines[0]?.sku).toBe('ETOS-G-080');
    });

    it('keeps two changes saved in the same second apart (a cancel right after the payment is not a duplicate)', async () => {
      const { secret } = await hookSecret();
      woo.seedSimpleProduct({ sku: 'SAME-SECOND', stock: 4 });
      const send = async (payload: unknown) => {
        const body = JSON.stringify(payload);
        await fetch(`${c.url}/webhooks/woocommerce/${tenantId}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-wc-webhook-topic': 'order.updated',
            'x-wc-webhook-signature': signWooBody(body, secret),
          },
          body,
        });
      };
      const order = woo.placeOrder({ lines: [{ sku: 'SAME-SECOND', quantity: 1 }], deliverWebhooks: false });
      const before = c.engine.events.length;
      const paid = serializeOrder(order);
      const cancelled = { ...paid, status: 'cancelled' }; // same date_modified_gmt: saved in the same second
      await send(paid);
      await send(paid); // a redelivery of the same state
      await send(cancelled);
      // The redelivery is one event (the engine keeps each key once); the cancel is a second one.
      expect(c.engine.events.slice(before).map((e) => e.topic)).toEqual(['order.paid', 'order.cancelled']);
    });

    it('refuses a bad signature and never reaches the engine', async () => {
      woo.seedSimpleProduct({ sku: 'A', stock: 4 });
      const body = JSON.stringify(
        serializeOrder(woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false })),
      );
      const res = await fetch(`${c.url}/webhooks/woocommerce/${tenantId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-signature': signWooBody(body, 'wrong'),
        },
        body,
      });
      expect(res.status).toBe(401);
      expect(c.engine.events).toHaveLength(0);
    });

    it('maps cancelled and unpaid orders to the right neutral topics and ignores other topics', async () => {
      const { secret } = await hookSecret();
      woo.seedSimpleProduct({ sku: 'A', stock: 4 });
      const send = async (topic: string, payload: unknown) => {
        const body = JSON.stringify(payload);
        return fetch(`${c.url}/webhooks/woocommerce/${tenantId}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-wc-webhook-topic': topic,
            'x-wc-webhook-signature': signWooBody(body, secret),
          },
          body,
        });
      };
      const pending = woo.placeOrder({
        lines: [{ sku: 'A', quantity: 1 }],
        status: 'on-hold',
        deliverWebhooks: false,
      });
      await send('order.created', serializeOrder(pending));
      const cancelled = woo.state.setOrderStatus(pending.id, 'cancelled', { deliverWebhooks: false });
      await send('order.updated', { ...serializeOrder(cancelled), date_modified_gmt: '2099-01-01T00:00:00' });
      await send('order.deleted', { id: pending.id });
      const ignored = await send('product.updated', { id: 5 });
      expect(((await ignored.json()) as { ignored: string }).ignored).toContain('product.updated');
      expect(c.engine.events.map((e) => e.topic)).toEqual([
        'order.created',
        'order.cancelled',
        'order.cancelled',
      ]);
    });

    it('404s an unknown store', async () => {
      const res = await fetch(`${c.url}/webhooks/woocommerce/woo_unknown`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wc-webhook-signature': 'x' },
        body: '{}',
      });
      expect(res.status).toBe(404);
    });
  });

  describe('admin API', () => {
    it('refuses a missing or wrong key', async () => {
      expect((await fetch(`${c.url}/v1/store`)).status).toBe(401);
      expect((await call('/v1/store', { key: `${apiKey.slice(0, -4)}0000` })).status).toBe(401);
      expect((await call('/v1/store')).status).toBe(200);
    });

    it("keeps tenants apart: one shop key never reaches another shop's exceptions", async () => {
      const other = await c.accounts.register({ siteUrl: 'http://other.test' });
      const rec = await c.store.exceptions.raise({
        tenantId,
        code: 'unmapped_sku',
        subject: 'order:1',
        problem: problem('unmapped_sku', 'SKU X is not mapped', 'Map it'),
        lastSeenAt: new Date().toISOString(),
      });
      const mine = (await (await call('/v1/exceptions')).json()) as { exceptions: { id: string }[] };
      expect(mine.exceptions.map((e) => e.id)).toEqual([rec.id]);
      const theirs = (await (await call('/v1/exceptions', { key: other.apiKey })).json()) as {
        exceptions: unknown[];
      };
      expect(theirs.exceptions).toEqual([]);
      const steal = await call(`/v1/exceptions/${rec.id}/resolve`, {
        key: other.apiKey,
        method: 'POST',
        body: JSON.stringify({ note: 'x' }),
      });
      expect(steal.status).toBe(404);
      const resolve = await call(`/v1/exceptions/${rec.id}/resolve`, {
        method: 'POST',
        body: JSON.stringify({ note: 'Mapped it' }),
      });
      expect(
        ((await resolve.json()) as { exception: { status: string; resolvedBy: string } }).exception,
      ).toMatchObject({ status: 'resolved', resolvedBy: 'shop_manager' });
    });

    it('validates settings with the shared schema and stores them', async () => {
      const badRes = await call('/v1/settings', {
        method: 'PUT',
        body: JSON.stringify({ prima: { url: 'not a url' } }),
      });
      expect(badRes.status).toBe(400);
      expect(((await badRes.json()) as { message: string }).message).toContain('prima.url');
      const ok = await call('/v1/settings', {
        method: 'PUT',
        body: JSON.stringify({
          prima: { url: 'http://prima.test/omlink' },
          orders: { postingEnabled: true },
        }),
      });
      expect(ok.status).toBe(200);
      const stored = await c.store.settings.get(tenantId);
      expect(stored?.orders.postingEnabled).toBe(true);
      expect(stored?.orders.trigger).toBe('paid');
    });

    it('checks a WooCommerce key before keeping it, sealed', async () => {
      const wrong = await call('/v1/woocommerce/credentials', {
        method: 'PUT',
        body: JSON.stringify({ consumerKey: 'ck_wrongwrongwrong', consumerSecret: 'cs_wrongwrongwrong' }),
      });
      expect(wrong.status).toBe(422);
      expect(await c.accounts.gatewayFor(tenantId)).toBeNull();
      await saveWooKey();
      const account = await c.accounts.get(tenantId);
      expect(account?.wooKeySealed).toBeDefined();
      expect(account?.wooKeySealed).not.toContain(woo.consumerSecret);
      const test = (await (await call('/v1/connection-test', { method: 'POST' })).json()) as {
        prima: { ok: boolean };
        woocommerce: { ok: boolean };
      };
      expect(test).toMatchObject({ prima: { ok: true }, woocommerce: { ok: true } });
    });

    it('gives the plugin the delivery URL and the secret the intake verifies with', async () => {
      const cfg = await hookSecret();
      expect(cfg.deliveryUrl).toBe(`http://connector.test/webhooks/woocommerce/${tenantId}`);
      const account = await c.accounts.get(tenantId);
      expect(c.accounts.webhookSecret(account!)).toBe(cfg.secret);
      const rotated = (await (
        await call('/v1/webhooks/config', { method: 'POST', body: JSON.stringify({ rotate: true }) })
      ).json()) as { secret: string };
      expect(rotated.secret).not.toBe(cfg.secret);
    });

    it('lists variants with unmapped and shared SKUs first, and round-trips mappings through CSV', async () => {
      await saveWooKey();
      woo.seedVariableProduct({ name: 'Etos', variants: [{ sku: 'ETOS-G-080' }, { sku: 'ETOS-G-085' }] });
      woo.seedSimpleProduct({ sku: 'DUP' });
      woo.seedSimpleProduct({ sku: 'DUP' });
      const put = await call('/v1/mappings', {
        method: 'PUT',
        body: JSON.stringify({
          rows: [
            { sku: 'ETOS-G-080', kind: 'stock', item: { product: 'ETOS', matrix: ['G', '080', '', ''] } },
          ],
        }),
      });
      expect(put.status).toBe(200);
      const list = (await (await call('/v1/mappings')).json()) as { rows: { sku: string; status: string }[] };
      expect(list.rows.map((r) => `${r.sku}:${r.status}`)).toEqual([
        'DUP:shared_or_missing_sku',
        'DUP:shared_or_missing_sku',
        'ETOS-G-085:unmapped',
        'ETOS-G-080:mapped',
      ]);
      const csv = await (await call('/v1/mappings/export')).text();
      expect(csv).toContain('ETOS-G-080');
      const bad = (await (
        await call('/v1/mappings/import', {
          method: 'POST',
          body: JSON.stringify({ csv: `${csv.trim()}\nETOS-G-085,stock,,,,,,\n` }),
        })
      ).json()) as { imported: number; errors: unknown[] };
      expect(bad.imported).toBe(0);
      expect(bad.errors.length).toBeGreaterThan(0);
      const good = (await (
        await call('/v1/mappings/import', {
          method: 'POST',
          body: JSON.stringify({ csv: `${csv.trim()}\nETOS-G-085,stock,ETOS,G,085,,,\n` }),
        })
      ).json()) as { imported: number };
      expect(good.imported).toBe(2);
      expect((await c.store.mappings.get(tenantId, 'ETOS-G-085'))?.item?.matrix[1]).toBe('085');
    });

    it('never writes the API key or the WooCommerce secret into the logs', async () => {
      await saveWooKey();
      await call('/v1/store');
      const all = c.logs.join('\n');
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(apiKey);
      expect(all).not.toContain(woo.consumerSecret);
    });
  });

  describe('missed-order polling', () => {
    it('looks back a day the first time, then from the last poll minus an overlap', async () => {
      let now = Date.parse('2026-11-22T06:00:00Z');
      const clock = { now: () => new Date(now) };
      const deps = { accounts: c.accounts, engine: c.engine, clock };
      const first = await pollMissedOrders(deps, tenantId);
      expect(first.since).toBe(new Date(now - FIRST_POLL_LOOKBACK_MS).toISOString());
      const firstAt = now;
      now += 5 * 60_000;
      const second = await pollMissedOrders(deps, tenantId);
      expect(second.since).toBe(new Date(firstAt - POLL_OVERLAP_MS).toISOString());
      expect(c.engine.catchUps.map((x) => x.tenantId)).toEqual([tenantId, tenantId]);
    });
  });
});
