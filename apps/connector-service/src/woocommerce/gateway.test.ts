import { ProblemError, type StockUpdate } from '@prima-connect/prima-core';
import { startWooEmulator, type WooEmulator } from '@prima-connect/sim-woocommerce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { META, WOO_LOCATION_ID, WooGateway } from './gateway.js';

describe('WooGateway against the WooCommerce emulator', () => {
  let woo: WooEmulator;
  let gw: WooGateway;

  beforeEach(async () => {
    woo = await startWooEmulator({ port: 0 });
    gw = new WooGateway({
      siteUrl: woo.url,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
  });
  afterEach(async () => {
    await woo.close();
  });

  it('loads an order as a canonical Order and answers null for an unknown id', async () => {
    woo.seedSimpleProduct({ sku: 'A', priceMinor: 1200, stock: 5 });
    const sim = woo.placeOrder({ lines: [{ sku: 'A', quantity: 2 }], deliverWebhooks: false });
    const order = await gw.getOrder(String(sim.id));
    expect(order?.lines[0]?.sku).toBe('A');
    expect(order?.totalMinor).toBe(2400 + 495 + 99);
    expect(await gw.getOrder('999999')).toBeNull();
  });

  it('turns a refused key into a clerk-readable storefront problem', async () => {
    const bad = new WooGateway({ siteUrl: woo.url, consumerKey: 'ck_wrong', consumerSecret: 'cs_wrong' });
    const err = await bad.getOrder('1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).problem.code).toBe('storefront_api_error');
    expect((err as ProblemError).problem.message).toContain('REST API key');
    expect(JSON.stringify((err as ProblemError).problem)).not.toContain('cs_wrong');
  });

  it('pages through orders modified since an instant, 100 per page', async () => {
    let t = Date.parse('2026-11-20T10:00:00Z');
    const clocked = await startWooEmulator({ port: 0, now: () => new Date(t) });
    try {
      const g = new WooGateway({
        siteUrl: clocked.url,
        consumerKey: clocked.consumerKey,
        consumerSecret: clocked.consumerSecret,
      });
      clocked.seedSimpleProduct({ sku: 'A', stock: 1000 });
      clocked.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false });
      t += 60_000;
      for (let i = 0; i < 150; i++)
        clocked.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false });
      const first = await g.listOrdersUpdatedSince('2026-11-20T10:00:30.000Z');
      expect(first.items).toHaveLength(100);
      expect(first.nextCursor).toBe('2');
      const second = await g.listOrdersUpdatedSince('2026-11-20T10:00:30.000Z', first.nextCursor);
      expect(second.items).toHaveLength(50);
      expect(second.nextCursor).toBeUndefined();
    } finally {
      await clocked.close();
    }
  });

  it('lists simple products and every variation with an inventory id pushStock understands', async () => {
    const { product, variations } = woo.seedVariableProduct({
      name: 'Etos',
      sku: 'ETOS',
      variants: [
        { sku: 'ETOS-G-080', options: { Width: 'G', Size: '8' } },
        { sku: 'ETOS-G-085', options: { Width: 'G', Size: '8.5' } },
      ],
    });
    const simple = woo.seedSimpleProduct({ sku: 'GIFTBOX' });
    const page = await gw.listVariants();
    expect(page.items.map((v) => v.sku).sort()).toEqual(['ETOS-G-080', 'ETOS-G-085', 'GIFTBOX']);
    const v = page.items.find((x) => x.sku === 'ETOS-G-080');
    expect(v).toMatchObject({
      variantId: String(variations[0]!.id),
      productId: String(product.id),
      parentSku: 'ETOS',
      options: { Width: 'G', Size: '8' },
    });
    expect(v?.inventoryItemId).toBe(`${product.id}:${variations[0]!.id}`);
    expect(page.items.find((x) => x.sku === 'GIFTBOX')?.inventoryItemId).toBe(String(simple.id));
    expect(await gw.listLocations()).toEqual([{ id: WOO_LOCATION_ID, name: 'Shop stock' }]);
  });

  it('pushes stock in batches of at most 100, per parent, and reports per-item failures', async () => {
    const { variations } = woo.seedVariableProduct({
      name: 'Big',
      variants: Array.from({ length: 250 }, (_, i) => ({ sku: `BIG-${i}`, stock: 0 })),
    });
    woo.seedSimpleProduct({ sku: 'S1', stock: 0 });
    const variants = (await collect(gw)).filter((v) => v.sku.startsWith('BIG-') || v.sku === 'S1');
    expect(variants).toHaveLength(251);
    const updates: StockUpdate[] = variants.map((v, i) => ({
      sku: v.sku,
      variantId: v.variantId,
      inventoryItemId: v.inventoryItemId,
      locationId: WOO_LOCATION_ID,
      quantity: (i % 7) + 1,
      previousQuantity: 0,
    }));
    updates.push({
      sku: 'GONE',
      variantId: '1',
      inventoryItemId: `${variations[0]!.parent_id}:999999`,
      locationId: WOO_LOCATION_ID,
      quantity: 3,
      previousQuantity: null,
    });
    woo.resetCalls();
    const result = await gw.pushStock(updates, 'sync-1');
    expect(result.calls).toBe(4); // 251 variations of one parent -> 3 calls; the simple product -> 1
    expect(woo.calls.byRoute['POST /wp-json/wc/v3/products/:id/variations/batch']).toBe(3);
    expect(woo.calls.byRoute['POST /wp-json/wc/v3/products/batch']).toBe(1);
    expect(result.applied).toBe(251);
    expect(result.failed).toEqual([{ sku: 'GONE', locationId: WOO_LOCATION_ID, reason: 'Invalid ID.' }]);
    for (const u of updates.slice(0, 251)) expect(woo.state.stockOf(u.sku)).toBe(u.quantity);
  });

  it("reads the shop's current figures (onboarding's before-figures) in one list call per 100 ids", async () => {
    const big = woo.seedVariableProduct({
      name: 'Big',
      variants: Array.from({ length: 150 }, (_, i) => ({ sku: `BIG-${i}`, stock: i })),
    });
    const small = woo.seedVariableProduct({ name: 'Small', variants: [{ sku: 'SM-1', stock: 4 }] });
    const simple = woo.seedSimpleProduct({ sku: 'S1', stock: 9 });
    const unmanaged = woo.seedSimpleProduct({ sku: 'S2', stock: null });
    woo.seedSimpleProduct({ sku: 'NOT-ASKED', stock: 1 });
    const sold = woo.placeOrder({ lines: [{ sku: 'BIG-7', quantity: 2 }], deliverWebhooks: false });
    expect(sold.id).toBeGreaterThan(0);
    const variants = await collect(gw);
    const wanted = variants.filter((v) => v.sku !== 'NOT-ASKED').map((v) => v.inventoryItemId);
    const gone = `${small.product.id}:999999`;
    woo.resetCalls();
    const rows = await gw.readStockLevels([...wanted, gone, 'not-an-id']);

    // 150 variations of one parent: 2 calls; 1 of another: 1 call; the simple products: 1 call.
    expect(woo.calls.byRoute['GET /wp-json/wc/v3/products/:id/variations']).toBe(3);
    expect(woo.calls.byRoute['GET /wp-json/wc/v3/products']).toBe(1);
    const byItem = new Map(rows.map((r) => [r.inventoryItemId, r]));
    expect(rows).toHaveLength(152); // every managed item asked for; not the unmanaged one, nor the gone one
    expect(rows.every((r) => r.locationId === WOO_LOCATION_ID)).toBe(true);
    expect(byItem.get(`${big.product.id}:${big.variations[7]!.id}`)?.quantity).toBe(5); // 7 less the 2 sold
    expect(byItem.get(`${big.product.id}:${big.variations[149]!.id}`)?.quantity).toBe(149);
    expect(byItem.get(`${small.product.id}:${small.variations[0]!.id}`)?.quantity).toBe(4);
    expect(byItem.get(String(simple.id))?.quantity).toBe(9);
    expect(byItem.has(String(unmanaged.id))).toBe(false);
    expect(byItem.has(gone)).toBe(false);
    expect(await gw.readStockLevels([])).toEqual([]);
  });

  it('respects a smaller batch size when the shop lowered its limit', async () => {
    const small = await startWooEmulator({ port: 0, batchLimit: 20 });
    try {
      small.seedVariableProduct({
        name: 'P',
        variants: Array.from({ length: 45 }, (_, i) => ({ sku: `P-${i}` })),
      });
      const g = new WooGateway(
        { siteUrl: small.url, consumerKey: small.consumerKey, consumerSecret: small.consumerSecret },
        { batchSize: 20 },
      );
      const variants = await collect(g);
      const r = await g.pushStock(
        variants.map((v) => ({
          sku: v.sku,
          variantId: v.variantId,
          inventoryItemId: v.inventoryItemId,
          locationId: 'default',
          quantity: 5,
          previousQuantity: null,
        })),
        'k',
      );
      expect(r).toMatchObject({ calls: 3, applied: 45, failed: [] });
    } finally {
      await small.close();
    }
  });

  it('records a dispatch once: tracking note for the customer, then completed', async () => {
    woo.seedSimpleProduct({ sku: 'A', stock: 5 });
    const sim = woo.placeOrder({ lines: [{ sku: 'A', quantity: 2 }], deliverWebhooks: false });
    const order = (await gw.getOrder(String(sim.id)))!;
    const dispatch = {
      dispatchId: 'D-1',
      dispatchedAt: '2026-11-21T09:00:00Z',
      carrier: 'Royal Mail',
      trackingNumber: 'RM123456789GB',
      trackingUrl: 'https://track.example/RM123456789GB',
      lines: [{ lineNo: 1, sku: 'A', quantity: 2 }],
    };
    const first = await gw.createFulfilment(order, dispatch);
    const again = await gw.createFulfilment(order, dispatch);
    expect(again.fulfilmentId).toBe(first.fulfilmentId);
    const stored = woo.state.orders.get(sim.id)!;
    expect(stored.status).toBe('completed');
    expect(stored.notes).toHaveLength(1);
    expect(stored.notes[0]).toMatchObject({ customer_note: true });
    expect(stored.notes[0]?.note).toContain('RM123456789GB');
  });

  it('keeps a part-despatched order processing until every unit has left', async () => {
    woo.seedSimpleProduct({ sku: 'A', stock: 5 });
    const sim = woo.placeOrder({ lines: [{ sku: 'A', quantity: 3 }], deliverWebhooks: false });
    const order = (await gw.getOrder(String(sim.id)))!;
    const base = { dispatchedAt: '2026-11-21T09:00:00Z', carrier: 'DPD' };
    await gw.createFulfilment(order, { ...base, dispatchId: 'D-1', lines: [{ lineNo: 1, quantity: 1 }] });
    expect(woo.state.orders.get(sim.id)?.status).toBe('processing');
    await gw.createFulfilment(order, { ...base, dispatchId: 'D-2', lines: [{ lineNo: 1, quantity: 2 }] });
    expect(woo.state.orders.get(sim.id)?.status).toBe('completed');
    expect(woo.state.orders.get(sim.id)?.notes).toHaveLength(2);
  });

  it('writes the Prima number and status into order meta', async () => {
    woo.seedSimpleProduct({ sku: 'A', stock: 5 });
    const sim = woo.placeOrder({ lines: [{ sku: 'A', quantity: 1 }], deliverWebhooks: false });
    const order = (await gw.getOrder(String(sim.id)))!;
    await gw.writeBack(order, {
      primaOrderNumber: `W${sim.number}`,
      status: 'In Prima',
      primaStatus: 'Entered',
    });
    const meta = woo.state.orders.get(sim.id)!.meta_data;
    expect(meta.find((m) => m.key === META.orderNumber)?.value).toBe(`W${sim.number}`);
    expect(meta.find((m) => m.key === META.status)?.value).toBe('In Prima');
  });
});

async function collect(gw: WooGateway) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await gw.listVariants(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
