import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './emulator.js';
import { examplePayload } from './fixtures.js';
import { validateAdminDocument } from './schema.js';

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { code field message } }
}`;

let emu: ShopifyEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function post(
  e: ShopifyEmulator,
  query: string,
  variables: Record<string, unknown> = {},
  token = 'tok',
) {
  const r = await fetch(e.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': token },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary GraphQL replies
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

async function shopWithStock(clock?: { t: number }) {
  emu = await startShopifyEmulator({ accessToken: 'tok', ...(clock ? { nowMs: () => clock.t } : {}) });
  const loc = emu.addLocation('Warehouse');
  emu.seedSkus(['ETOS-G-080', 'ETOS-G-090', 'ETOS-H-080'], { available: 5, priceMinor: 7999 });
  const item = (sku: string) =>
    `gid://shopify/InventoryItem/${emu!.state.variantBySku(sku)!.inventoryItemId}`;
  return { e: emu, loc: `gid://shopify/Location/${loc}`, item };
}

describe('Admin GraphQL schema', () => {
  it('accepts a real document and rejects a field Shopify does not have', () => {
    expect(validateAdminDocument('{ shop { name myshopifyDomain } }')).toHaveLength(0);
    const errors = validateAdminDocument('{ shop { name primaOrderNumber } }');
    expect(errors[0]?.message).toContain('primaOrderNumber');
  });
});

describe('access and cost', () => {
  it('refuses a wrong access token with 401', async () => {
    const { e } = await shopWithStock();
    const r = await post(e, '{ shop { name } }', {}, 'wrong');
    expect(r.status).toBe(401);
  });

  it('reports cost and throttle status on every response, and throttles an empty bucket', async () => {
    const clock = { t: 1_000_000 };
    const { e } = await shopWithStock(clock);
    const q = '{ productVariants(first: 250) { nodes { id sku inventoryItem { id } } } }';
    const ok = await post(e, q);
    expect(ok.body.data.productVariants.nodes).toHaveLength(3);
    const cost = ok.body.extensions.cost;
    // Requested: 2 + 250 x (variant 1 + inventoryItem 1); actual: for the 3 variants returned.
    expect(cost.requestedQueryCost).toBe(502);
    expect(cost.actualQueryCost).toBe(2 + 3 * 2);
    expect(cost.throttleStatus).toEqual({
      maximumAvailable: 1000,
      currentlyAvailable: 992,
      restoreRate: 100,
    });
    e.bucket.drain(400); // a burst elsewhere left 400 points: the 502-point request must wait
    const throttled = await post(e, q);
    expect(throttled.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(throttled.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(400);
    expect(e.counters.throttled).toBe(1);
    clock.t += 1100; // 1.1 s restores 110 points
    expect((await post(e, q)).body.data.productVariants.nodes).toHaveLength(3);
  });

  it('refuses a single query above 1000 points', async () => {
    const { e } = await shopWithStock();
    const r = await post(
      e,
      '{ productVariants(first: 250) { nodes { id product { id } inventoryItem { id } selectedOptions { name } } } }',
    );
    expect(r.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
  });
});

describe('reading inventory items by id', () => {
  it("answers nodes(ids) with each item's available figure at the location, after a sale", async () => {
    const { e, loc, item } = await shopWithStock();
    await e.placeOrder({ lines: [{ sku: 'ETOS-G-090', quantity: 2 }] });
    const r = await post(
      e,
      `query($ids: [ID!]!, $loc: ID!) { nodes(ids: $ids) { ... on InventoryItem { id inventoryLevel(locationId: $loc) { quantities(names: ["available"]) { name quantity } } } } }`,
      { ids: [item('ETOS-G-090'), item('ETOS-G-080'), 'gid://shopify/InventoryItem/424242'], loc },
    );
    expect(r.body.errors).toBeUndefined();
    const nodes = r.body.data.nodes;
    expect(nodes[0]).toEqual({
      id: item('ETOS-G-090'),
      inventoryLevel: { quantities: [{ name: 'available', quantity: 3 }] },
    });
    expect(nodes[1].inventoryLevel.quantities[0].quantity).toBe(5);
    expect(nodes[2]).toBeNull();
  });
});

describe('inventorySetQuantities', () => {
  it('requires the @idempotent directive from 2026-04', async () => {
    const { e, loc, item } = await shopWithStock();
    const r = await post(
      e,
      `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }`,
      {
        input: {
          name: 'available',
          reason: 'correction',
          quantities: [
            { inventoryItemId: item('ETOS-G-080'), locationId: loc, quantity: 3, changeFromQuantity: null },
          ],
        },
      },
    );
    expect(r.body.errors[0].message).toMatch(/@idempotent/);
    expect(e.inventoryOf('ETOS-G-080')).toBe(5);
  });

  it('refuses more than 250 quantities in one call', async () => {
    const { e, loc, item } = await shopWithStock();
    const quantities = Array.from({ length: 251 }, () => ({
      inventoryItemId: item('ETOS-G-080'),
      locationId: loc,
      quantity: 1,
      changeFromQuantity: null,
    }));
    const r = await post(e, SET, {
      key: 'k1',
      input: { name: 'available', reason: 'correction', quantities },
    });
    expect(r.body.errors[0].extensions.code).toBe('MAX_INPUT_SIZE_EXCEEDED');
  });

  it('requires changeFromQuantity on every quantity and applies nothing on a stale compare', async () => {
    const { e, loc, item } = await shopWithStock();
    const missing = await post(e, SET, {
      key: 'k-missing',
      input: {
        name: 'available',
        reason: 'correction',
        quantities: [{ inventoryItemId: item('ETOS-G-080'), locationId: loc, quantity: 3 }],
      },
    });
    expect(missing.body.data.inventorySetQuantities.userErrors[0].code).toBe('COMPARE_QUANTITY_REQUIRED');
    const stale = await post(e, SET, {
      key: 'k-stale',
      input: {
        name: 'available',
        reason: 'correction',
        quantities: [
          { inventoryItemId: item('ETOS-G-080'), locationId: loc, quantity: 9, changeFromQuantity: 5 },
          { inventoryItemId: item('ETOS-G-090'), locationId: loc, quantity: 9, changeFromQuantity: 4 },
        ],
      },
    });
    const errors = stale.body.data.inventorySetQuantities.userErrors;
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: ['input', 'quantities', '1', 'changeFromQuantity'],
      }),
    ]);
    expect(e.inventoryOf('ETOS-G-080')).toBe(5); // all or nothing
  });

  it('applies a key once: the same key and input return the first result without re-applying', async () => {
    const { e, loc, item } = await shopWithStock();
    const input = {
      name: 'available',
      reason: 'correction',
      quantities: [
        { inventoryItemId: item('ETOS-G-080'), locationId: loc, quantity: 2, changeFromQuantity: 5 },
      ],
    };
    const first = await post(e, SET, { key: 'sync-1', input });
    expect(first.body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(e.inventoryOf('ETOS-G-080')).toBe(2);
    await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }] }); // stock moves meanwhile: 1
    const again = await post(e, SET, { key: 'sync-1', input });
    expect(again.body.data.inventorySetQuantities.inventoryAdjustmentGroup.id).toBe(
      first.body.data.inventorySetQuantities.inventoryAdjustmentGroup.id,
    );
    expect(e.inventoryOf('ETOS-G-080')).toBe(1);
    const mismatch = await post(e, SET, { key: 'sync-1', input: { ...input, reason: 'received' } });
    expect(mismatch.body.data.inventorySetQuantities.userErrors[0].code).toBe(
      'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
    );
  });
});

describe('orders, fulfilments and webhooks', () => {
  it('fires orders/create and orders/paid, signed with the app secret and carrying the X-Shopify headers', async () => {
    const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const app = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    try {
      const { e } = await shopWithStock();
      e.setWebhookTarget({
        baseUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
        secret: 'shh',
      });
      const placed = await e.placeOrder({
        lines: [{ sku: 'ETOS-G-080', quantity: 2 }],
        shipping: { code: 'STD', title: 'Standard', priceMinor: 495 },
      });
      expect(received.map((r) => r.path)).toEqual(['/webhooks/orders/create', '/webhooks/orders/paid']);
      const paid = received[1]!;
      const hmac = createHmac('sha256', 'shh').update(paid.body).digest('base64');
      expect(paid.headers['x-shopify-hmac-sha256']).toBe(hmac);
      expect(paid.headers['x-shopify-topic']).toBe('orders/paid');
      expect(paid.headers['x-shopify-shop-domain']).toBe(e.shopDomain);
      expect(paid.headers['x-shopify-webhook-id']).toBeTruthy();
      const body = JSON.parse(paid.body);
      expect(body.admin_graphql_api_id).toBe(placed.orderGid);
      expect(body.total_price).toBe('164.93'); // 2 x 79.99 + 4.95
      // Same top-level shape as Shopify's own example payload.
      expect(Object.keys(body).sort()).toEqual(Object.keys(examplePayload('orders/paid')).sort());
      expect(placed.deliveries.every((d) => d.status === 200)).toBe(true);
    } finally {
      await new Promise((r) => app.close(r));
    }
  });

  it('a silent order and a silent refund are in the shop, but no webhook leaves (lost deliveries)', async () => {
    const { e } = await shopWithStock();
    e.setWebhookTarget({ baseUrl: 'http://127.0.0.1:9', secret: 'shh' });
    const { order, orderGid, deliveries } = await e.placeOrder({
      lines: [{ sku: 'ETOS-G-080', quantity: 2 }],
      silent: true,
    });
    const { delivery } = await e.refundOrder(order.id, {
      lines: [{ sku: 'ETOS-G-080', quantity: 1 }],
      silent: true,
    });
    expect(deliveries).toEqual([]);
    expect(delivery).toBeNull();
    expect(e.deliveries).toEqual([]);
    expect(e.counters.webhooksSent).toBe(0);
    const read = await post(
      e,
      `query($id: ID!) { order(id: $id) { displayFinancialStatus refunds(first: 5) { id } } }`,
      { id: orderGid },
    );
    expect(read.body.data.order.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect(read.body.data.order.refunds).toHaveLength(1);
  });

  it('creates a fulfilment with tracking against the fulfillment order and closes it', async () => {
    const { e } = await shopWithStock();
    const { order, orderGid } = await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 2 }] });
    const fo = (
      await post(
        e,
        `query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 5) { nodes { id remainingQuantity } } } } } }`,
        { id: orderGid },
      )
    ).body.data.order.fulfillmentOrders.nodes[0];
    expect(fo.status).toBe('OPEN');
    const r = await post(
      e,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id trackingInfo { company number url } } userErrors { message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
          trackingInfo: { company: 'DPD', number: 'TRK1', url: 'https://track.example/TRK1' },
          notifyCustomer: true,
        },
      },
    );
    expect(r.body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(r.body.data.fulfillmentCreate.fulfillment.trackingInfo).toEqual([
      { company: 'DPD', number: 'TRK1', url: 'https://track.example/TRK1' },
    ]);
    expect(order.fulfillmentOrders[0]?.status).toBe('CLOSED');
    const twice = await post(
      e,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`,
      {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] },
      },
    );
    expect(twice.body.data.fulfillmentCreate.userErrors[0].message).toMatch(/closed/);
  });
});
