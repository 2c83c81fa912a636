import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONSECUTIVE_FAILURES, startWooEmulator, type WooEmulator } from './index.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(status = 200) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('sim-woocommerce', () => {
  let woo: WooEmulator;
  const api = (path: string) => `${woo.url}/wp-json/wc/v3${path}`;
  const auth = () => ({
    authorization: `Basic ${Buffer.from(`${woo.consumerKey}:${woo.consumerSecret}`).toString('base64')}`,
    'content-type': 'application/json',
  });

  beforeEach(async () => {
    woo = await startWooEmulator({ port: 0 });
  });
  afterEach(async () => {
    await woo.close();
  });

  it('refuses requests without the consumer key and secret', async () => {
    const res = await fetch(api('/orders'));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_view');
  });

  it('pages with at most 100 per page and reports totals in headers', async () => {
    woo.seedSimpleProduct({ sku: 'A', stock: 1 });
    for (let i = 0; i < 3; i++)
      woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false });
    const res = await fetch(api('/orders?per_page=2&page=2'), { headers: auth() });
    expect(res.headers.get('x-wp-total')).toBe('3');
    expect(res.headers.get('x-wp-totalpages')).toBe('2');
    expect(((await res.json()) as unknown[]).length).toBe(1);
    const tooMany = await fetch(api('/orders?per_page=101'), { headers: auth() });
    expect(tooMany.status).toBe(400);
  });

  it('serialises money as decimal strings that add up to the total', async () => {
    woo.seedSimpleProduct({ sku: 'A', priceMinor: 1199, stock: 5 });
    const order = woo.placeOrder({
      lines: [{ sku: 'A', quantity: 3 }],
      coupon: { code: 'TEN', percent: 10 },
      fees: [{ name: 'Gift wrap', totalMinor: 250 }],
      deliverWebhooks: false,
    });
    const json = (await (await fetch(api(`/orders/${order.id}`), { headers: auth() })).json()) as {
      total: string;
      total_tax: string;
      line_items: { total: string; subtotal: string }[];
      shipping_lines: { total: string }[];
      fee_lines: { total: string }[];
    };
    expect(typeof json.total).toBe('string');
    const cents = (s: string) => Math.round(Number(s) * 100);
    const sum =
      json.line_items.reduce((a, l) => a + cents(l.total), 0) +
      json.shipping_lines.reduce((a, l) => a + cents(l.total), 0) +
      json.fee_lines.reduce((a, l) => a + cents(l.total), 0) +
      cents(json.total_tax);
    expect(sum).toBe(cents(json.total));
    expect(cents(json.line_items[0]!.subtotal)).toBeGreaterThan(cents(json.line_items[0]!.total));
    expect(woo.state.stockOf('A')).toBe(2);
  });

  it('rejects a batch of more than 100 items with HTTP 413 and applies one of 100', async () => {
    const { product, variations } = woo.seedVariableProduct({
      name: 'Etos',
      variants: Array.from({ length: 101 }, (_, i) => ({ sku: `ETOS-G-${i}`, stock: 0 })),
    });
    const update = variations.map((v) => ({ id: v.id, stock_quantity: 7 }));
    const big = await fetch(api(`/products/${product.id}/variations/batch`), {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ update }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('woocommerce_rest_request_entity_too_large');
    expect(woo.state.stockOf('ETOS-G-0')).toBe(0);
    const ok = await fetch(api(`/products/${product.id}/variations/batch`), {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ update: update.slice(0, 100) }),
    });
    expect(ok.status).toBe(200);
    expect(woo.state.stockOf('ETOS-G-99')).toBe(7);
    expect(woo.state.stockOf('ETOS-G-100')).toBe(0);
    expect(woo.calls.byRoute['POST /wp-json/wc/v3/products/:id/variations/batch']).toBe(2);
  });

  it('lists only the included ids (products, and the variations of one parent)', async () => {
    const a = woo.seedSimpleProduct({ sku: 'A', stock: 1 });
    woo.seedSimpleProduct({ sku: 'B', stock: 2 });
    const c = woo.seedSimpleProduct({ sku: 'C', stock: 3 });
    const v = woo.seedVariableProduct({
      name: 'V',
      variants: [{ sku: 'V-1' }, { sku: 'V-2' }, { sku: 'V-3' }],
    });
    const other = woo.seedVariableProduct({ name: 'W', variants: [{ sku: 'W-1' }] });
    const ids = async (path: string) =>
      ((await (await fetch(api(path), { headers: auth() })).json()) as { sku: string }[]).map((x) => x.sku);
    expect(await ids(`/products?include=${a.id},${c.id}&per_page=100`)).toEqual(['A', 'C']);
    const [v1, , v3] = v.variations;
    expect(
      await ids(
        `/products/${v.product.id}/variations?include=${v1!.id},${v3!.id},${other.variations[0]!.id}`,
      ),
    ).toEqual(['V-1', 'V-3']);
    expect((await fetch(api('/products?include=1;DROP'), { headers: auth() })).status).toBe(400);
  });

  it('reports a variation of another parent as a per-item error', async () => {
    const a = woo.seedVariableProduct({ name: 'A', variants: [{ sku: 'A-1' }] });
    const b = woo.seedVariableProduct({ name: 'B', variants: [{ sku: 'B-1' }] });
    const res = await fetch(api(`/products/${a.product.id}/variations/batch`), {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ update: [{ id: b.variations[0]!.id, stock_quantity: 3 }] }),
    });
    const json = (await res.json()) as { update: { error?: { code: string } }[] };
    expect(json.update[0]?.error?.code).toBe('woocommerce_rest_product_variation_invalid_id');
    expect(woo.state.stockOf('B-1')).toBe(0);
  });

  it('sends signed webhooks with a fresh delivery id each time', async () => {
    const rx = await receiver();
    try {
      woo.seedSimpleProduct({ sku: 'A', stock: 5 });
      woo.addWebhook({ topic: 'order.created', deliveryUrl: rx.url, secret: 's3cret' });
      woo.addWebhook({ topic: 'order.created', deliveryUrl: rx.url, secret: 's3cret' });
      woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }] });
      await woo.settle();
      expect(rx.got).toHaveLength(2);
      const [first, second] = rx.got;
      const expected = createHmac('sha256', 's3cret').update(first!.body).digest('base64');
      expect(first!.headers['x-wc-webhook-signature']).toBe(expected);
      expect(first!.headers['x-wc-webhook-topic']).toBe('order.created');
      expect(first!.headers['x-wc-webhook-delivery-id']).not.toBe(
        second!.headers['x-wc-webhook-delivery-id'],
      );
    } finally {
      await rx.close();
    }
  });

  it('pings on creation through REST and disables a webhook after repeated failures', async () => {
    const rx = await receiver(500);
    try {
      const res = await fetch(api('/webhooks'), {
        method: 'POST',
        headers: auth(),
        body: JSON.stringify({ topic: 'order.updated', delivery_url: rx.url, secret: 'x' }),
      });
      expect(res.status).toBe(201);
      expect(rx.got[0]?.body).toMatch(/^webhook_id=\d+$/);
      expect(rx.got[0]?.headers['x-wc-webhook-signature']).toBeUndefined();
      woo.seedSimpleProduct({ sku: 'A', stock: 50 });
      const order = woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }] });
      for (let i = 0; i <= MAX_CONSECUTIVE_FAILURES; i++) {
        woo.state.setOrderStatus(order.id, 'on-hold');
        await woo.settle();
      }
      const hook = [...woo.state.webhooks.values()][0]!;
      expect(hook.status).toBe('disabled');
      const before = rx.got.length;
      woo.state.setOrderStatus(order.id, 'processing');
      await woo.settle();
      expect(rx.got.length).toBe(before);
    } finally {
      await rx.close();
    }
  });

  it('updates status and meta, falls back to pending on an unknown status, and keeps notes', async () => {
    woo.seedSimpleProduct({ sku: 'A', stock: 5 });
    const order = woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false });
    const put = await fetch(api(`/orders/${order.id}`), {
      method: 'PUT',
      headers: auth(),
      body: JSON.stringify({
        status: 'shipped-by-plugin',
        meta_data: [{ key: '_prima_order_number', value: 'W1' }],
      }),
    });
    const json = (await put.json()) as { status: string; meta_data: { key: string; value: unknown }[] };
    expect(json.status).toBe('pending');
    expect(json.meta_data.find((m) => m.key === '_prima_order_number')?.value).toBe('W1');
    const note = await fetch(api(`/orders/${order.id}/notes`), {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ note: 'Despatched', customer_note: true }),
    });
    expect(note.status).toBe(201);
    expect(woo.state.orders.get(order.id)?.notes[0]?.customer_note).toBe(true);
  });

  it('records refunds, lists them through REST with the refunded line ids, and fires order.updated', async () => {
    const rx = await receiver();
    try {
      woo.seedSimpleProduct({ sku: 'A', priceMinor: 1200, stock: 5 });
      const order = woo.placeOrder({ lines: [{ sku: 'A', quantity: 2 }], deliverWebhooks: false });
      woo.addWebhook({ topic: 'order.updated', deliveryUrl: rx.url, secret: 's' });
      woo.refundOrder(order.id, { lines: [{ sku: 'A', quantity: 1 }], reason: 'Too small' });
      await woo.settle();
      expect(rx.got).toHaveLength(1);
      const res = await fetch(api(`/orders/${order.id}/refunds`), { headers: auth() });
      const [refund] = (await res.json()) as {
        amount: string;
        line_items: { quantity: number; meta_data: { key: string; value: string }[] }[];
      }[];
      expect(refund?.amount).toBe('12.00');
      expect(refund?.line_items[0]?.quantity).toBe(-1);
      expect(refund?.line_items[0]?.meta_data[0]).toMatchObject({
        key: '_refunded_item_id',
        value: String(order.line_items[0]!.id),
      });
      expect(woo.state.orders.get(order.id)?.status).toBe('processing');
      woo.refundOrder(order.id, { lines: [{ sku: 'A', quantity: 1 }] });
      expect(woo.state.orders.get(order.id)?.status).toBe('refunded');
    } finally {
      await rx.close();
    }
  });
});
