import { verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEventFields } from './contract/index.js';
import { type AdobeCommerceEmulator, startAdobeCommerceEmulator } from './emulator.js';

let sim: AdobeCommerceEmulator;
let receiver: Server;
const received: { headers: Record<string, string>; body: string }[] = [];

async function call(method: string, path: string, body?: unknown, token = sim.accessToken) {
  const res = await fetch(`${sim.restUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & unknown[] };
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const addr = receiver.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  sim = await startAdobeCommerceEmulator({
    eventsUrl: `http://127.0.0.1:${port}/events`,
    inputLimits: { asyncListMax: 3 },
  });
  sim.seedSource('leeds', 'Leeds warehouse');
  sim.seedProducts([
    { sku: 'ETOS-G-080', priceMinor: 5999, parentSku: 'ETOS', quantity: 4 },
    { sku: 'ETOS-G-090', priceMinor: 5999, parentSku: 'ETOS', quantity: 2 },
    { sku: 'SOCK-NONE-L', priceMinor: 450, quantity: 10 },
  ]);
});

afterAll(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});

describe('REST answers follow the published schema', () => {
  it('serves orders, products, sources and shipments whose bodies validate against the 200 response schema', async () => {
    const { order } = await sim.placeOrder({
      items: [
        { sku: 'ETOS-G-080', qty: 1 },
        { sku: 'SOCK-NONE-L', qty: 2 },
      ],
    });
    const paths = [
      `/V1/orders/${order.entityId}`,
      '/V1/orders?searchCriteria[pageSize]=10',
      '/V1/products?searchCriteria[pageSize]=10',
      '/V1/inventory/sources',
      `/V1/shipments?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]=${order.entityId}`,
    ];
    for (const p of paths) {
      const res = await call('GET', p);
      expect(res.status, p).toBe(200);
      expect(sim.validator.checkResponse('GET', `/rest/default${p}`, res.json), p).toEqual({ ok: true });
    }
  });

  it("refuses a call without the integration token with 401 and Commerce's error shape", async () => {
    const res = await call('GET', '/V1/orders', undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(res.json.message).toContain("isn't authorized");
  });
});

describe('validation like Commerce', () => {
  it('rejects an unknown property and a missing required field with 400', async () => {
    const { order } = await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 1 }] });
    const unknown = await call('POST', `/V1/orders/${order.entityId}/comments`, {
      statusHistory: {
        comment: 'x',
        is_customer_notified: 0,
        is_visible_on_front: 0,
        parent_id: order.entityId,
        colour: 'red',
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.parameters).toMatchObject({ property: 'colour' });
    const missing = await call('POST', `/V1/order/${order.entityId}/ship`, {
      tracks: [{ track_number: '1', title: 'DPD' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      message: '"%fieldName" is required. Enter and try again.',
      parameters: { fieldName: 'tracks.0.carrier_code' },
    });
    expect(sim.state.shipments.size).toBe(0);
  });

  it('applies a sync source-items save and refuses more than 20 items per list', async () => {
    const okRes = await call('POST', '/V1/inventory/source-items', {
      sourceItems: [{ sku: 'SOCK-NONE-L', source_code: 'leeds', quantity: 7, status: 1 }],
    });
    expect(okRes.status).toBe(200);
    expect(sim.sourceQuantity('SOCK-NONE-L', 'leeds')).toBe(7);
    const many = Array.from({ length: 21 }, () => ({
      sku: 'SOCK-NONE-L',
      source_code: 'leeds',
      quantity: 1,
      status: 1,
    }));
    const tooMany = await call('POST', '/V1/inventory/source-items', { sourceItems: many });
    expect(tooMany.status).toBe(400);
    expect(sim.sourceQuantity('SOCK-NONE-L', 'leeds')).toBe(7);
  });
});

describe('async bulk source items', () => {
  it('accepts an array of synchronous bodies, processes them and reports per-operation status', async () => {
    const before = sim.callCount({ route: 'async/bulk /V1/inventory/source-items' });
    const res = await fetch(`${sim.url}/rest/all/async/bulk/V1/inventory/source-items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { sourceItems: [{ sku: 'ETOS-G-080', source_code: 'default', quantity: 11, status: 1 }] },
        { sourceItems: [{ sku: 'NOPE', source_code: 'default', quantity: 1, status: 1 }] },
      ]),
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as {
      bulk_uuid: string;
      request_items: { status: string }[];
      errors: boolean;
    };
    expect(accepted.request_items.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    await sim.drainBulks();
    const status = await call('GET', `/V1/bulk/${accepted.bulk_uuid}/status`);
    expect(
      sim.validator.checkResponse('GET', `/rest/default/V1/bulk/${accepted.bulk_uuid}/status`, status.json),
    ).toEqual({ ok: true });
    const ops = (status.json as unknown as { operations_list: { status: number }[] }).operations_list;
    expect(ops.map((o) => o.status)).toEqual([1, 3]);
    expect(sim.sourceQuantity('ETOS-G-080', 'default')).toBe(11);
    expect(sim.callCount({ route: 'async/bulk /V1/inventory/source-items' })).toBe(before + 1);
  });

  it('rejects the whole bulk when one element is invalid, and when it exceeds the async list limit', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.url}/rest/all/async/bulk/V1/inventory/source-items`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const good = { sourceItems: [{ sku: 'ETOS-G-090', source_code: 'default', quantity: 1, status: 1 }] };
    const invalid = await post([
      good,
      { sourceItems: [{ sku: 'ETOS-G-090', source_code: 'default', quantity: '1', status: 1 }] },
    ]);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { parameters: Record<string, string> }).parameters.value).toBe(
      '[1].sourceItems.0.quantity',
    );
    const tooLong = await post([good, good, good, good]);
    expect(tooLong.status).toBe(400);
    expect(sim.sourceQuantity('ETOS-G-090', 'default')).toBe(2);
  });
});

describe('shipments', () => {
  it('creates a shipment with tracks from the ship route and refuses shipping more than was ordered', async () => {
    const { order } = await sim.placeOrder({ items: [{ sku: 'ETOS-G-090', qty: 2 }], invoice: true });
    const parent = order.items.find((i) => i.parentItemId === undefined);
    const res = await call('POST', `/V1/order/${order.entityId}/ship`, {
      items: [{ order_item_id: parent?.itemId, qty: 2 }],
      tracks: [{ track_number: 'JD0001', title: 'DPD Next Day', carrier_code: 'custom' }],
      arguments: { extension_attributes: { source_code: 'leeds' } },
    });
    expect(res.status).toBe(200);
    const shipment = sim.state.shipments.get(Number(res.json));
    expect(shipment?.tracks[0]?.trackNumber).toBe('JD0001');
    expect(shipment?.sourceCode).toBe('leeds');
    expect(sim.state.orders.get(order.entityId)?.state).toBe('complete');
    const listPath = `/V1/shipments?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]=${order.entityId}`;
    const list = await call('GET', listPath);
    expect((list.json as unknown as { total_count: number }).total_count).toBe(1);
    expect(sim.validator.checkResponse('GET', `/rest/default${listPath}`, list.json)).toEqual({ ok: true });
    const again = await call('POST', `/V1/order/${order.entityId}/ship`, {
      items: [{ order_item_id: parent?.itemId, qty: 1 }],
    });
    expect(again.status).toBe(400);
  });
});

describe('cancellations', () => {
  it('cancels an order with something left to invoice, through the REST route, and fires the order save event', async () => {
    const { order } = await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 1 }] });
    received.length = 0;
    const res = await call('POST', `/V1/orders/${order.entityId}/cancel`);
    expect(res).toEqual({ status: 200, json: true });
    expect(sim.state.orders.get(order.entityId)).toMatchObject({ state: 'canceled', status: 'canceled' });
    const [event] = received.map(
      (r) => JSON.parse(r.body) as { type: string; data: { value: { state: string } } },
    );
    expect(event?.type).toBe('com.adobe.commerce.observer.sales_order_save_commit_after');
    expect(event?.data.value.state).toBe('canceled');
    // Once canceled, there is nothing left to cancel.
    expect(await call('POST', `/V1/orders/${order.entityId}/cancel`)).toEqual({ status: 200, json: false });
  });

  it('answers false for a fully invoiced (paid) order, as Magento does, and changes nothing', async () => {
    const { order } = await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 1 }], invoice: true });
    received.length = 0;
    expect((await sim.cancelOrder(order.entityId)).cancelled).toBe(false);
    expect(await call('POST', `/V1/orders/${order.entityId}/cancel`)).toEqual({ status: 200, json: false });
    expect(sim.state.orders.get(order.entityId)?.state).toBe('processing');
    expect(received).toEqual([]);
  });
});

describe('I/O Events', () => {
  it('signs each delivery with RSA-SHA256 verifiable by the published public keys', async () => {
    received.length = 0;
    await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 3 }], invoice: true });
    expect(received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual([
      'com.adobe.commerce.observer.sales_order_save_commit_after',
      'com.adobe.commerce.observer.sales_order_invoice_save_after',
      'com.adobe.commerce.observer.sales_order_save_commit_after',
    ]);
    for (const r of received) {
      const pem = await (await fetch(`${sim.url}${r.headers['x-adobe-public-key1-path']}`)).text();
      const sig = Buffer.from(r.headers['x-adobe-digital-signature-1'] ?? '', 'base64');
      expect(verify('sha256', Buffer.from(r.body), pem, sig)).toBe(true);
      expect(verify('sha256', Buffer.from(`${r.body} `), pem, sig)).toBe(false);
    }
  });

  it('sends only fields the Commerce event reference lists, with numbers as strings', async () => {
    const fields = loadEventFields();
    for (const r of received) {
      const env = JSON.parse(r.body) as {
        type: string;
        recipient_client_id: string;
        data: { value: Record<string, unknown>; _metadata: unknown };
      };
      const code = env.type.replace('com.adobe.commerce.', '');
      const known = fields[code];
      expect(known, code).toBeDefined();
      for (const key of Object.keys(env.data.value))
        expect(Object.keys(known ?? {}), `${code}.${key}`).toContain(key);
      expect(env.recipient_client_id).toBe(sim.recipientClientId);
      if (code === 'observer.sales_order_save_commit_after') {
        const value = env.data.value as {
          grand_total: unknown;
          items: { qty_ordered: unknown }[];
          addresses: Record<string, unknown>[];
        };
        expect(typeof value.grand_total).toBe('string');
        expect(typeof value.items[0]?.qty_ordered).toBe('string');
        const itemFields = Object.keys(((known?.items ?? []) as Record<string, unknown>[])[0] ?? {});
        for (const key of Object.keys(value.items[0] ?? {}))
          expect(itemFields, `items.${key}`).toContain(key);
        const addressFields = Object.keys(((known?.addresses ?? []) as Record<string, unknown>[])[0] ?? {});
        for (const key of Object.keys(value.addresses[0] ?? {}))
          expect(addressFields, `addresses.${key}`).toContain(key);
      }
    }
  });

  it('a credit memo event carries only listed fields, numbers as strings', async () => {
    const fields = loadEventFields()['observer.sales_order_creditmemo_save_after'] ?? {};
    const { order } = await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 2 }], invoice: true });
    const [delivery] = await sim.refundOrder(order.entityId, { items: [{ sku: 'SOCK-NONE-L', qty: 1 }] });
    const value = JSON.parse(delivery?.body ?? '{}').data.value as Record<string, unknown> & {
      items: Record<string, unknown>[];
    };
    for (const key of Object.keys(value)) expect(Object.keys(fields), key).toContain(key);
    const itemFields = Object.keys(((fields.items ?? []) as Record<string, unknown>[])[0] ?? {});
    for (const key of Object.keys(value.items[0] ?? {})) expect(itemFields, `items.${key}`).toContain(key);
    expect(value.grand_total).toBe('4.5');
    expect(value.items[0]?.qty).toBe('1');
  });

  it('a silent order and a silent credit memo are in the store, but no event leaves (lost deliveries)', async () => {
    received.length = 0;
    const sent = sim.state.deliveries.length;
    const { order, deliveries } = await sim.placeOrder({
      items: [{ sku: 'SOCK-NONE-L', qty: 2 }],
      invoice: true,
      silent: true,
    });
    const refunded = await sim.refundOrder(order.entityId, {
      items: [{ sku: 'SOCK-NONE-L', qty: 1 }],
      silent: true,
    });
    expect(deliveries).toEqual([]);
    expect(refunded).toEqual([]);
    expect(received).toEqual([]);
    expect(sim.state.deliveries).toHaveLength(sent);
    // The order reads as invoiced and partly refunded, in a body the response schema accepts.
    const res = await call('GET', `/V1/orders/${order.entityId}`);
    expect(res.json).toMatchObject({ state: 'processing', total_paid: 14, total_refunded: 4.5 });
    expect(sim.validator.checkResponse('GET', `/rest/default/V1/orders/${order.entityId}`, res.json)).toEqual(
      {
        ok: true,
      },
    );
  });

  it('redelivers with x-adobe-retry-count and the same event id', async () => {
    const first = sim.state.deliveries.at(-1);
    const again = await sim.redeliver(first?.eventId ?? '');
    expect(again.headers['x-adobe-retry-count']).toBe('1');
    expect(JSON.parse(again.body).event_id).toBe(first?.eventId);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the configured requests per second', async () => {
    // A frozen clock: all three calls fall in the same one-second window, however slow the machine.
    const limited = await startAdobeCommerceEmulator({
      rateLimitPerSecond: 2,
      now: () => new Date('2026-11-22T10:00:00.000Z'),
    });
    try {
      const get = () =>
        fetch(`${limited.restUrl}/V1/inventory/sources`, {
          headers: { authorization: `Bearer ${limited.accessToken}` },
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await get());
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(statuses[2]?.headers.get('retry-after')).toBe('1');
    } finally {
      await limited.close();
    }
  });
});
