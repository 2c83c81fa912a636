import { type AdobeCommerceEmulator, startAdobeCommerceEmulator } from '@prima-connect/sim-adobe-commerce';
import { createRestValidator } from '@prima-connect/sim-adobe-commerce/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommerceGateway } from './gateway.js';
import { createCommerceClient } from './rest-client.js';

const validator = createRestValidator();
let sim: AdobeCommerceEmulator;
const sent: { method: string; path: string; body: unknown }[] = [];
const allSent: typeof sent = [];

/** Records every request the gateway makes, so each body can be checked against Adobe's schema. */
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const request = {
    method: init?.method ?? 'GET',
    path: url.pathname,
    body: init?.body ? JSON.parse(String(init.body)) : undefined,
  };
  sent.push(request);
  allSent.push(request);
  return fetch(input, init);
};

const makeGateway = (over: Partial<Parameters<typeof createCommerceGateway>[0]> = {}) =>
  createCommerceGateway({
    client: createCommerceClient({ baseUrl: sim.url, accessToken: sim.accessToken, fetch: recordingFetch }),
    pricesIncludeTax: true,
    defaultSourceCode: 'default',
    bulkStatusIntervalMs: 5,
    ...over,
  });

beforeAll(async () => {
  sim = await startAdobeCommerceEmulator();
  sim.seedSource('leeds', 'Leeds DC');
  sim.seedProducts([
    ...Array.from({ length: 30 }, (_, i) => ({
      sku: `ETOS-G-${String(60 + i).padStart(3, '0')}`,
      parentSku: 'ETOS',
      priceMinor: 5999,
      quantity: 5,
    })),
    { sku: 'SOCK-NONE-L', priceMinor: 450, quantity: 10 },
  ]);
});
afterAll(() => sim.close());
beforeEach(() => {
  sent.length = 0;
});

afterAll(() => {
  // Done-when: every body the gateway sent validates against admin-schema-2.4.9 (bulk: element by element).
  for (const r of allSent) {
    if (r.method === 'GET') continue;
    expect(validator.checkBody(r.method, r.path, r.body), `${r.method} ${r.path}`).toEqual({ ok: true });
  }
  expect(allSent.filter((r) => r.method === 'POST').length).toBeGreaterThan(4);
});

describe('orders', () => {
  it('reads a configurable + simple order as canonical lines whose money adds up to the grand total', async () => {
    const { order } = await sim.placeOrder({
      items: [
        { sku: 'ETOS-G-080', qty: 2, discountMinor: 1000 },
        { sku: 'SOCK-NONE-L', qty: 3 },
      ],
      shipping: { method: 'tablerate_bestway', description: 'Best Way - Table Rate', amountMinor: 495 },
      invoice: true,
    });
    const canonical = await makeGateway().getOrder(String(order.entityId));
    expect(canonical).not.toBeNull();
    if (!canonical) return;
    expect(canonical.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.discountMinor])).toEqual([
      ['ETOS-G-080', 2, 5999, 1000],
      ['SOCK-NONE-L', 3, 450, 0],
    ]);
    expect(canonical.charges).toEqual([
      expect.objectContaining({ kind: 'shipping', code: 'tablerate_bestway', amountMinor: 495 }),
    ]);
    const sum =
      canonical.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity - l.discountMinor, 0) +
      canonical.charges.reduce((s, c) => s + c.amountMinor - c.discountMinor, 0) -
      canonical.orderDiscountMinor;
    expect(sum).toBe(canonical.totalMinor);
    expect(canonical.totalMinor).toBe(2 * 5999 - 1000 + 3 * 450 + 495);
    expect(canonical.financialStatus).toBe('paid');
    expect(canonical.orderNumber).toBe(order.incrementId);
    expect(canonical.shippingAddress?.country).toBe('GB');
    expect(canonical.createdAt).toMatch(/Z$/);
  });

  it('answers null for an order Commerce does not have', async () => {
    expect(await makeGateway().getOrder('99999')).toBeNull();
  });

  it('pages through orders updated since an instant', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const gw = makeGateway();
    const first = await gw.listOrdersUpdatedSince(since);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.every((o) => o.platform === 'magento')).toBe(true);
    const future = await gw.listOrdersUpdatedSince(new Date(Date.now() + 3_600_000).toISOString());
    expect(future.items).toEqual([]);
  });

  it('writes the Prima number back as a private order comment', async () => {
    const { order } = await sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 1 }] });
    const gw = makeGateway();
    const canonical = await gw.getOrder(String(order.entityId));
    if (!canonical) throw new Error('order missing');
    await gw.writeBack(canonical, {
      status: 'In Prima',
      primaOrderNumber: `W${order.incrementId}`,
      primaStatus: 'Entered',
    });
    expect(sim.state.orders.get(order.entityId)?.histories[0]?.comment).toBe(
      `Prima: In Prima order W${order.incrementId} (Entered)`,
    );
    expect(sim.state.orders.get(order.entityId)?.histories[0]?.isVisibleOnFront).toBe(0);
  });
});

describe('stock through async bulk', () => {
  const updates = (n: number, source: string, qty: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => {
      const sku = `ETOS-G-${String(60 + i).padStart(3, '0')}`;
      return {
        sku,
        variantId: sku,
        inventoryItemId: sku,
        locationId: source,
        quantity: qty(i),
        previousQuantity: null,
      };
    });

  it('sends 45 updates as one bulk request of three operations (20 + 20 + 5) and reads its status', async () => {
    const before = sim.callCount({ route: 'async/bulk /V1/inventory/source-items' });
    const result = await makeGateway().pushStock(
      [...updates(25, 'default', (i) => i), ...updates(20, 'leeds', () => 7)],
      'k1',
    );
    expect(result.failed).toEqual([]);
    expect(result.applied).toBe(45);
    expect(sim.callCount({ route: 'async/bulk /V1/inventory/source-items' })).toBe(before + 1);
    const bulkBody = sent.find((r) => r.path.includes('/async/bulk/'))?.body as { sourceItems: unknown[] }[];
    expect(bulkBody.map((op) => op.sourceItems.length)).toEqual([20, 20, 5]);
    expect(sim.sourceQuantity('ETOS-G-084', 'default')).toBe(24);
    expect(sim.sourceQuantity('ETOS-G-060', 'default')).toBe(0);
    expect(sim.state.sourceItems.get('ETOS-G-060|default')?.status).toBe(0);
    expect(sim.sourceQuantity('ETOS-G-079', 'leeds')).toBe(7);
  });

  it('splits into several bulk requests when the operation cap is reached, and reports refused SKUs', async () => {
    const rows = [
      ...updates(5, 'default', () => 3),
      {
        sku: 'GHOST-1',
        variantId: 'g',
        inventoryItemId: 'GHOST-1',
        locationId: 'default',
        quantity: 1,
        previousQuantity: null,
      },
    ];
    const result = await makeGateway({ sourceItemsPerOperation: 2, operationsPerBulk: 2 }).pushStock(
      rows,
      'k2',
    );
    expect(sent.filter((r) => r.path.includes('/async/bulk/')).length).toBe(2);
    // GHOST-1 shares its operation with ETOS-G-064: Commerce fails the operation as a whole.
    expect(result.failed.map((f) => f.sku).sort()).toEqual(['ETOS-G-064', 'GHOST-1']);
    expect(result.applied).toBe(4);
  });
});

describe('shipments', () => {
  it('ships a Prima despatch with its tracking number from the mapped source, once', async () => {
    const { order } = await sim.placeOrder({
      items: [
        { sku: 'ETOS-G-081', qty: 1 },
        { sku: 'SOCK-NONE-L', qty: 2 },
      ],
      invoice: true,
    });
    const gw = makeGateway({ defaultSourceCode: 'leeds', carrierCodes: { DPD: 'custom' } });
    const canonical = await gw.getOrder(String(order.entityId));
    if (!canonical) throw new Error('order missing');
    const dispatch = {
      dispatchId: 'D-7001',
      dispatchedAt: '2026-11-22T09:00:00.000Z',
      carrier: 'DPD',
      service: 'Next Day',
      trackingNumber: '15501234567890',
      lines: [
        { lineNo: 1, sku: 'ETOS-G-081', quantity: 1 },
        { lineNo: 2, quantity: 2 },
      ],
    };
    const first = await gw.createFulfilment(canonical, dispatch);
    const again = await gw.createFulfilment(canonical, dispatch);
    expect(again.fulfilmentId).toBe(first.fulfilmentId);
    const shipments = [...sim.state.shipments.values()].filter((s) => s.orderId === order.entityId);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]?.tracks).toEqual([
      expect.objectContaining({
        trackNumber: '15501234567890',
        title: 'DPD Next Day',
        carrierCode: 'custom',
      }),
    ]);
    expect(shipments[0]?.sourceCode).toBe('leeds');
    expect(shipments[0]?.items.map((i) => [i.sku, i.qty])).toEqual([
      ['ETOS-G-081', 1],
      ['SOCK-NONE-L', 2],
    ]);
  });

  it('lists MSI sources as locations', async () => {
    expect(await makeGateway().listLocations()).toEqual(
      expect.arrayContaining([
        { id: 'leeds', name: 'Leeds DC' },
        { id: 'default', name: 'Default Source' },
      ]),
    );
  });
});

describe('current stock figures (onboarding preview)', () => {
  it('reads every source item of the asked SKUs in batches of 100 SKUs, paging at 300 rows', async () => {
    const sources = ['default', 'york', 'bath', 'leeds'];
    for (const s of sources.slice(1, 3)) sim.seedSource(s, s);
    const skus = Array.from({ length: 120 }, (_, i) => `READ-${String(i).padStart(3, '0')}`);
    // Every SKU at four sources (400 rows for the first 100 SKUs: two pages); one decimal figure.
    for (const [n, source] of sources.entries())
      sim.seedProducts(skus.map((sku, i) => ({ sku, quantity: (i + n) % 9, sourceCode: source })));
    sim.seedProducts([
      { sku: 'READ-DECIMAL', quantity: 2.75 },
      { sku: 'BELT,32IN', quantity: 4 },
    ]);
    const urls: string[] = [];
    const responses: unknown[] = [];
    const gw = makeGateway({
      client: createCommerceClient({
        baseUrl: sim.url,
        accessToken: sim.accessToken,
        fetch: async (input, init) => {
          urls.push(String(input));
          const res = await fetch(input, init);
          responses.push(await res.clone().json());
          return res;
        },
      }),
    });
    const asked = [...skus, 'READ-DECIMAL', 'BELT,32IN', 'NOT-IN-COMMERCE'];
    const reads = sim.callCount({ method: 'GET', route: '/V1/inventory/source-items' });
    const levels = await gw.readStockLevels?.(asked);
    if (!levels) throw new Error('the Commerce gateway has no readStockLevels');

    expect(levels).toHaveLength(120 * 4 + 2);
    const at = (sku: string, source: string) =>
      levels.filter((l) => l.inventoryItemId === sku && l.locationId === source).map((l) => l.quantity);
    expect(at('READ-000', 'default')).toEqual([0]);
    expect(at('READ-007', 'bath')).toEqual([(7 + 2) % 9]);
    expect(at('READ-119', 'leeds')).toEqual([(119 + 3) % 9]);
    expect(at('READ-DECIMAL', 'default')).toEqual([2]);
    expect(at('BELT,32IN', 'default')).toEqual([4]);
    expect(levels.some((l) => l.inventoryItemId === 'NOT-IN-COMMERCE')).toBe(false);

    // 123 SKUs: batches of 100 (two pages of 300) and 23 (one page); only the read route is called.
    expect(urls).toHaveLength(3);
    expect(sim.callCount({ method: 'GET', route: '/V1/inventory/source-items' })).toBe(reads + 3);
    for (const u of urls) expect(new URL(u).pathname).toBe('/rest/default/V1/inventory/source-items');
    const query = (u: string) => new URL(u).searchParams;
    expect(query(urls[0] ?? '').get('searchCriteria[filterGroups][0][filters][0][conditionType]')).toBe('in');
    expect(
      query(urls[0] ?? '')
        .get('searchCriteria[filterGroups][0][filters][0][value]')
        ?.split(','),
    ).toHaveLength(100);
    expect(query(urls[1] ?? '').get('searchCriteria[currentPage]')).toBe('2');
    // The comma SKU cannot ride in an `in` list: it has its own `eq` filter in the same (ORed) group.
    expect(query(urls[2] ?? '').get('searchCriteria[filterGroups][0][filters][1][value]')).toBe('BELT,32IN');
    expect(query(urls[2] ?? '').get('searchCriteria[filterGroups][0][filters][1][conditionType]')).toBe('eq');
    for (const u of urls) expect(Number(query(u).get('searchCriteria[pageSize]'))).toBeLessThanOrEqual(300);
    // What the emulator answered is what Adobe's schema says the route answers.
    for (const body of responses)
      expect(validator.checkResponse('GET', '/V1/inventory/source-items', body)).toEqual({ ok: true });
  });

  it('reads nothing for no SKUs', async () => {
    const before = sim.callCount({ method: 'GET', route: '/V1/inventory/source-items' });
    expect(await makeGateway().readStockLevels?.([])).toEqual([]);
    expect(sim.callCount({ method: 'GET', route: '/V1/inventory/source-items' })).toBe(before);
  });
});

describe('REST client', () => {
  it('waits out a 429 and retries, then turns a 400 into a readable Problem', async () => {
    const replies = [
      new Response(JSON.stringify({ message: 'Too many requests' }), {
        status: 429,
        headers: { 'retry-after': '2' },
      }),
      new Response(
        JSON.stringify({
          message: '"%fieldName" is required. Enter and try again.',
          parameters: { fieldName: 'sku' },
        }),
        { status: 400 },
      ),
    ];
    const waits: number[] = [];
    const client = createCommerceClient({
      baseUrl: 'http://x',
      accessToken: 't',
      fetch: async () => replies.shift() as Response,
      sleep: async (ms) => void waits.push(ms),
    });
    await expect(client.post('/V1/inventory/source-items', {})).rejects.toMatchObject({
      problem: {
        code: 'storefront_api_error',
        retryable: false,
        message: expect.stringContaining('"sku" is required'),
      },
    });
    expect(waits).toEqual([2000]);
    expect(client.calls).toBe(2);
  });
});
