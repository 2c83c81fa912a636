import type { Dispatch, StockUpdate } from '@prima-connect/prima-core';
import { type ShopifyEmulator, startShopifyEmulator } from '@prima-connect/sim-shopify';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminClient, fetchTransport } from './admin-client.server.js';
import { createShopifyGateway, noteWithPrimaLine } from './gateway.server.js';

let shop: ShopifyEmulator | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** The emulator and the client share a fake clock: "waiting" advances it, so tests never sleep. */
async function setup(
  opts: { skus?: number; writeBack?: { metafield: boolean; note: boolean; tag: boolean } } = {},
) {
  const clock = { t: Date.UTC(2026, 10, 22, 8, 0, 0) };
  shop = await startShopifyEmulator({ accessToken: 'shpat_test', nowMs: () => clock.t });
  const warehouse = shop.addLocation('Warehouse');
  const skus = Array.from({ length: opts.skus ?? 3 }, (_, i) => `ETOS-G-${String(80 + i).padStart(4, '0')}`);
  shop.seedSkus(skus, { available: 5, priceMinor: 7999 });
  const client = new AdminClient({
    transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: 'shpat_test' }),
    sleep: async (ms) => {
      clock.t += ms;
    },
    now: () => clock.t,
  });
  const gateway = createShopifyGateway({
    client,
    ...(opts.writeBack ? { writeBack: () => opts.writeBack! } : {}),
  });
  return { shop, clock, client, gateway, warehouse: String(warehouse), skus };
}

async function allVariants(gateway: ReturnType<typeof createShopifyGateway>) {
  const out = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await gateway.listVariants(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { variants: out, pages };
}

describe('Shopify gateway over the Admin GraphQL API (emulator)', () => {
  it('reads an order as a canonical Order', async () => {
    const { shop, gateway } = await setup();
    const { order } = await shop.placeOrder({
      lines: [{ sku: 'ETOS-G-0080', quantity: 2 }],
      shipping: { code: 'STD', title: 'Standard', priceMinor: 495 },
    });
    const o = await gateway.getOrder(String(order.id));
    expect(o).toMatchObject({
      storefrontOrderId: String(order.id),
      orderNumber: '1001',
      totalMinor: 2 * 7999 + 495,
      financialStatus: 'paid',
    });
    expect(o?.lines[0]).toMatchObject({ sku: 'ETOS-G-0080', quantity: 2, unitPriceMinor: 7999 });
    expect(await gateway.getOrder('999999')).toBeNull();
  });

  it('pages an order with more than 50 lines', async () => {
    const { shop, gateway, skus } = await setup({ skus: 60 });
    const { order } = await shop.placeOrder({ lines: skus.map((sku) => ({ sku, quantity: 1 })) });
    const o = await gateway.getOrder(String(order.id));
    expect(o?.lines).toHaveLength(60);
    expect(o?.totalMinor).toBe(60 * 7999 + 495);
  });

  it('lists variants page by page and active locations', async () => {
    const { gateway, warehouse } = await setup({ skus: 450 });
    const { variants, pages } = await allVariants(gateway);
    expect(pages).toBe(3); // 200 per page
    expect(new Set(variants.map((v) => v.sku)).size).toBe(450);
    expect(variants[0]).toMatchObject({
      sku: 'ETOS-G-0080',
      inventoryItemId: expect.stringMatching(/^\d+$/),
    });
    expect(await gateway.listLocations()).toEqual([{ id: warehouse, name: 'Warehouse' }]);
  });

  it("reads the store's current figures per inventory item and location (onboarding's before-figures)", async () => {
    const { shop, gateway, warehouse, skus } = await setup();
    const shed = String(shop.addLocation('Shed'));
    const { variants } = await allVariants(gateway);
    const [first, second] = variants;
    if (!first || !second) throw new Error('no variants');
    await shop.placeOrder({ lines: [{ sku: skus[0] as string, quantity: 2 }] }); // takes 2 from Warehouse
    if (!gateway.readStockLevels) throw new Error('the Shopify gateway reads stock levels');
    const rows = await gateway.readStockLevels([first.inventoryItemId, second.inventoryItemId]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { inventoryItemId: first.inventoryItemId, locationId: warehouse, quantity: 3 },
        { inventoryItemId: second.inventoryItemId, locationId: warehouse, quantity: 5 },
        { inventoryItemId: first.inventoryItemId, locationId: shed, quantity: 0 },
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('waits for the cost bucket instead of failing when a burst emptied it', async () => {
    const { shop, gateway, client, clock } = await setup({ skus: 450 });
    const start = clock.t;
    await gateway.listVariants(); // learns the page's requested cost (802 points)
    shop.bucket.drain(0);
    const { variants } = await allVariants(gateway);
    expect(variants).toHaveLength(450);
    // It waited for the bucket to refill (100 points/s) rather than hammering Shopify.
    expect(client.stats.waitedMs).toBeGreaterThanOrEqual(8000);
    expect(clock.t - start).toBeGreaterThanOrEqual(8000);
    expect(shop.counters.throttled).toBeLessThanOrEqual(1);
  });

  it('retries a THROTTLED reply after the bucket refills', async () => {
    const { shop, gateway, client } = await setup({ skus: 10 });
    shop.bucket.drain(0); // the client has no figure yet: its first call is throttled
    const page = await gateway.listVariants();
    expect(page.items).toHaveLength(10);
    expect(client.stats.throttled).toBe(1);
    expect(shop.counters.throttled).toBe(1);
  });

  it('pushes stock in batches of 250 with changeFromQuantity and idempotency keys', async () => {
    const { shop, gateway, warehouse } = await setup({ skus: 600 });
    const { variants } = await allVariants(gateway);
    const updates: StockUpdate[] = variants.map((v, i) => ({
      sku: v.sku,
      variantId: v.variantId,
      inventoryItemId: v.inventoryItemId,
      locationId: warehouse,
      quantity: i % 7,
      previousQuantity: 5,
    }));
    shop.resetCounters();
    const result = await gateway.pushStock(updates, 'sync-1');
    expect(result).toEqual({ calls: 3, applied: 600, failed: [] });
    expect(shop.counters.byOperation.PrimaInventorySet).toBe(3);
    expect(shop.inventoryOf(variants[13]!.sku)).toBe(13 % 7);
    // A retried sync (same key) is not applied twice, even though the stock moved meanwhile.
    await shop.placeOrder({ lines: [{ sku: variants[13]!.sku, quantity: 1 }] });
    const again = await gateway.pushStock(updates, 'sync-1');
    expect(again.applied).toBe(600);
    expect(shop.inventoryOf(variants[13]!.sku)).toBe((13 % 7) - 1);
  });

  it('retries a row refused as CHANGE_FROM_QUANTITY_STALE once, against the figure Shopify holds after a sale', async () => {
    const { shop, gateway, warehouse } = await setup({ skus: 3 });
    const { variants } = await allVariants(gateway);
    const push = (quantity: number, previousQuantity: number) =>
      variants.map((v) => ({
        sku: v.sku,
        variantId: v.variantId,
        inventoryItemId: v.inventoryItemId,
        locationId: warehouse,
        quantity,
        previousQuantity,
      }));
    expect(await gateway.pushStock(push(9, 5), 'sync-a')).toMatchObject({ applied: 3, failed: [] });
    // A sale in Shopify: the emulator takes it off the stock, so Shopify holds 8 where we last pushed 9.
    await shop.placeOrder({ lines: [{ sku: variants[1]!.sku, quantity: 1 }] });
    expect(shop.inventoryOf(variants[1]!.sku)).toBe(8);

    shop.resetCounters();
    const next = push(7, 9);
    const result = await gateway.pushStock(next, 'sync-b');
    expect(result).toEqual({ calls: 4, applied: 3, failed: [] });
    // Refused batch, the rest resent, one read of the refused row, one retry of it.
    expect(shop.counters.byOperation.PrimaInventorySet).toBe(3);
    expect(shop.counters.byOperation.PrimaInventoryAvailable).toBe(1);
    expect(variants.map((v) => shop.inventoryOf(v.sku))).toEqual([7, 7, 7]);

    // The same sync retried (same key) applies nothing twice and needs no further write for the stale row.
    await shop.placeOrder({ lines: [{ sku: variants[0]!.sku, quantity: 1 }] });
    shop.resetCounters();
    const again = await gateway.pushStock(next, 'sync-b');
    expect(again).toMatchObject({ applied: 3, failed: [] });
    expect(shop.counters.byOperation.PrimaInventorySet).toBe(2);
    expect(variants.map((v) => shop.inventoryOf(v.sku))).toEqual([6, 7, 7]);
  });

  it('still reports rows Shopify refuses for other reasons, and applies the rest of the batch', async () => {
    const { shop, gateway, warehouse } = await setup({ skus: 2 });
    const { variants } = await allVariants(gateway);
    const updates = [
      ...variants.map((v) => ({
        sku: v.sku,
        variantId: v.variantId,
        inventoryItemId: v.inventoryItemId,
        locationId: warehouse,
        quantity: 3,
        previousQuantity: 5,
      })),
      {
        sku: 'GONE-1',
        variantId: '1',
        inventoryItemId: '999999',
        locationId: warehouse,
        quantity: 3,
        previousQuantity: 5,
      },
    ];
    const result = await gateway.pushStock(updates, 'sync-c');
    expect(result.applied).toBe(2);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ sku: 'GONE-1', locationId: warehouse });
    expect(result.failed[0]?.reason).not.toContain('CHANGE_FROM_QUANTITY_STALE');
    expect(shop.counters.byOperation.PrimaInventoryAvailable ?? 0).toBe(0);
    expect(variants.map((v) => shop.inventoryOf(v.sku))).toEqual([3, 3]);
  });

  it('creates one fulfilment per Prima dispatch, with tracking, and never twice', async () => {
    const { shop, gateway } = await setup();
    const { order } = await shop.placeOrder({
      lines: [
        { sku: 'ETOS-G-0080', quantity: 2 },
        { sku: 'ETOS-G-0081', quantity: 1 },
      ],
    });
    const canonical = (await gateway.getOrder(String(order.id)))!;
    const dispatch: Dispatch = {
      dispatchId: 'D-1',
      dispatchedAt: '2026-11-22T09:00:00Z',
      carrier: 'DPD',
      trackingNumber: '15501234',
      trackingUrl: 'https://track.dpd.co.uk/15501234',
      lines: [{ lineNo: 1, sku: 'ETOS-G-0080', quantity: 2 }],
    };
    const first = await gateway.createFulfilment(canonical, dispatch);
    const again = await gateway.createFulfilment(canonical, dispatch);
    expect(again.fulfilmentId).toBe(first.fulfilmentId);
    expect(order.fulfillments).toHaveLength(1);
    expect(order.fulfillments[0]).toMatchObject({
      notifyCustomer: true,
      tracking: [{ company: 'DPD', number: '15501234', url: 'https://track.dpd.co.uk/15501234' }],
    });
    // Only the dispatched line was fulfilled; the other stays open for a later dispatch.
    const remaining = order.fulfillmentOrders[0]!.lines.map((l) => l.remaining);
    expect(remaining).toEqual([0, 1]);
    await gateway.createFulfilment(canonical, { ...dispatch, dispatchId: 'D-2', lines: [] });
    expect(order.fulfillmentOrders[0]!.status).toBe('CLOSED');
  });

  it('writes the Prima number and status back as metafields, a note line and a tag', async () => {
    const { shop, gateway } = await setup();
    const { order } = await shop.placeOrder({
      lines: [{ sku: 'ETOS-G-0080', quantity: 1 }],
      note: 'Leave with neighbour',
    });
    let canonical = (await gateway.getOrder(String(order.id)))!;
    await gateway.writeBack(canonical, {
      primaOrderNumber: 'W1001',
      status: 'In Prima',
      primaStatus: 'Entered',
    });
    expect(order.metafields.get('prima.order_number')?.value).toBe('W1001');
    expect(order.metafields.get('prima.status')?.value).toBe('In Prima');
    expect(order.note).toBe('Leave with neighbour\nPrima order W1001: In Prima');
    expect(order.tags).toEqual(['Prima: In Prima']);
    canonical = (await gateway.getOrder(String(order.id)))!;
    await gateway.writeBack(canonical, { primaOrderNumber: 'W1001', status: 'Despatched' });
    expect(order.note).toBe('Leave with neighbour\nPrima order W1001: Despatched');
    expect(order.tags).toEqual(['Prima: Despatched']);
  });

  it('writes back only what the merchant chose', async () => {
    const { shop, gateway } = await setup({ writeBack: { metafield: true, note: false, tag: false } });
    const { order } = await shop.placeOrder({ lines: [{ sku: 'ETOS-G-0080', quantity: 1 }] });
    await gateway.writeBack((await gateway.getOrder(String(order.id)))!, {
      primaOrderNumber: 'W1001',
      status: 'In Prima',
    });
    expect(order.metafields.get('prima.order_number')?.value).toBe('W1001');
    expect(order.note).toBeNull();
    expect(order.tags).toEqual([]);
  });

  it('keeps the rest of the note when replacing its Prima line', () => {
    expect(noteWithPrimaLine(undefined, { status: 'Needs attention', message: 'SKU X not mapped' })).toBe(
      'Prima order: Needs attention (SKU X not mapped)',
    );
  });
});
