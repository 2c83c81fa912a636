import {
  creditmemoEventValue,
  orderEventValue,
  orderPayload,
  startAdobeCommerceEmulator,
} from '@prima-connect/sim-adobe-commerce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commerceTimeToIso,
  ioEventSchema,
  toCanonicalOrder,
  toCanonicalRefund,
  toOrderEvent,
} from './order-converter.js';

/** Deep-converts numbers to strings, as Commerce events (and some REST proxies) deliver them. */
const stringify = (v: unknown): unknown =>
  typeof v === 'number'
    ? String(v)
    : Array.isArray(v)
      ? v.map(stringify)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringify(x)]))
        : v;

let sim: Awaited<ReturnType<typeof startAdobeCommerceEmulator>>;
beforeAll(async () => {
  sim = await startAdobeCommerceEmulator();
  sim.seedProducts([
    { sku: 'ETOS-G-080', parentSku: 'ETOS', priceMinor: 8999 },
    { sku: 'SOCK-NONE-L', priceMinor: 333 },
  ]);
});
afterAll(() => sim.close());

async function sampleOrder() {
  const { order } = await sim.placeOrder({
    items: [
      { sku: 'ETOS-G-080', qty: 1, discountMinor: 900 },
      { sku: 'SOCK-NONE-L', qty: 3 },
    ],
    shipping: { method: 'flatrate_flatrate', description: 'Flat Rate', amountMinor: 395, discountMinor: 95 },
  });
  return order;
}

describe('Commerce order -> canonical Order', () => {
  it('reads amounts exactly whether Commerce sends numbers or decimal strings', async () => {
    const order = await sampleOrder();
    const asNumbers = toCanonicalOrder(orderPayload(order), { pricesIncludeTax: true });
    const asStrings = toCanonicalOrder(stringify(orderPayload(order)), { pricesIncludeTax: true });
    expect(asNumbers.ok && asStrings.ok).toBe(true);
    if (!asNumbers.ok || !asStrings.ok) return;
    expect(asStrings.value).toEqual(asNumbers.value);
    const o = asNumbers.value;
    expect(o.lines.map((l) => [l.sku, l.unitPriceMinor, l.discountMinor, l.quantity])).toEqual([
      ['ETOS-G-080', 8999, 900, 1],
      ['SOCK-NONE-L', 333, 0, 3],
    ]);
    expect(o.charges[0]).toMatchObject({ code: 'flatrate_flatrate', amountMinor: 395, discountMinor: 95 });
    expect(o.totalMinor).toBe(8999 - 900 + 999 + 395 - 95);
    expect(o.orderDiscountMinor).toBe(0);
    expect(o.financialStatus).toBe('pending');
  });

  it('uses the tax-exclusive prices when the catalogue prices exclude tax', async () => {
    const order = await sampleOrder();
    const r = toCanonicalOrder(orderPayload(order), { pricesIncludeTax: false });
    expect(r.ok && r.value.lines[0]?.unitPriceMinor).toBe(8999 - Math.round((8999 * 20) / 120));
  });

  it('refuses fractional quantities and unreadable money with a clerk-readable problem', async () => {
    const order = await sampleOrder();
    const bad = orderPayload(order) as { items: { qty_ordered: unknown }[]; grand_total: unknown };
    const first = bad.items[0];
    if (first) first.qty_ordered = 1.5;
    const r = toCanonicalOrder(bad, { pricesIncludeTax: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/ETOS-G-080.*1\.5/);
    const noCurrency = toCanonicalOrder(
      { ...orderPayload(order), order_currency_code: undefined },
      { pricesIncludeTax: true },
    );
    expect(noCurrency.ok).toBe(false);
    if (!noCurrency.ok) expect(noCurrency.problems[0]?.code).toBe('invalid_order');
  });

  it('reads Commerce times (UTC without zone) as ISO instants', () => {
    expect(commerceTimeToIso('2026-11-22 06:45:00')).toBe('2026-11-22T06:45:00.000Z');
    expect(commerceTimeToIso('2026-11-22T06:45:00Z')).toBe('2026-11-22T06:45:00.000Z');
  });
});

describe('Commerce I/O event -> canonical order event', () => {
  const envelope = (type: string, value: Record<string, unknown>) =>
    ioEventSchema.parse({
      id: 'evt-1',
      event_id: 'evt-1',
      type: `com.adobe.commerce.${type}`,
      data: { value },
    });

  it('finds the order id of an order save event in its items or payment (the event has no entity_id)', async () => {
    const order = await sampleOrder();
    const value = orderEventValue(order, true);
    expect(value.entity_id).toBeUndefined();
    const e = toOrderEvent(envelope('observer.sales_order_save_commit_after', value));
    expect(e).toEqual({
      ok: true,
      value: {
        eventKey: 'evt-1',
        topic: 'order.created',
        storefrontOrderId: String(order.entityId),
        commerceEvent: 'observer.sales_order_save_commit_after',
      },
    });
    const onlyPayment = toOrderEvent(
      envelope('observer.sales_order_save_commit_after', { payment: { parent_id: '77' }, state: 'canceled' }),
    );
    expect(onlyPayment.ok === true && onlyPayment.value).toMatchObject({
      topic: 'order.cancelled',
      storefrontOrderId: '77',
    });
  });

  it('maps the invoice event to order.paid, ignores other events, and reports an order event without ids', () => {
    expect(
      toOrderEvent(envelope('observer.sales_order_invoice_save_after', { order_id: '12', state: '2' })),
    ).toMatchObject({ ok: true, value: { topic: 'order.paid', storefrontOrderId: '12' } });
    expect(toOrderEvent(envelope('observer.catalog_product_save_after', {})).ok).toBe('ignored');
    const noIds = toOrderEvent(envelope('observer.sales_order_save_commit_after', { state: 'new' }));
    expect(noIds.ok).toBe(false);
  });
});

describe('Commerce credit memo -> canonical Refund', () => {
  it('reads a partial refund with discount share and shipping, skipping zero-value child rows', async () => {
    const order = await sampleOrder();
    const shoe = order.items.find((i) => i.sku === 'ETOS-G-080' && i.parentItemId === undefined);
    const child = order.items.find((i) => i.parentItemId !== undefined);
    if (!shoe || !child) throw new Error('rows missing');
    const value = creditmemoEventValue(order, {
      incrementId: '000000042',
      rows: [
        { item: shoe, qty: 1 },
        { item: child, qty: 1 },
      ],
      shippingMinor: 300,
      createdAt: '2026-11-22 08:00:00',
    });
    const r = toCanonicalRefund(value, { pricesIncludeTax: true });
    expect(r).toEqual({
      ok: true,
      value: {
        platform: 'magento',
        storefrontOrderId: String(order.entityId),
        storefrontRefundId: '000000042',
        createdAt: '2026-11-22T08:00:00.000Z',
        currency: 'GBP',
        amountMinor: 8999 - 900 + 300,
        lines: [
          {
            lineId: String(shoe.itemId),
            sku: 'ETOS-G-080',
            quantity: 1,
            amountMinor: 8999 - 900,
            restock: false,
          },
        ],
        shippingMinor: 300,
      },
    });
    expect(
      toCanonicalRefund({ ...value, order_currency_code: undefined }, { pricesIncludeTax: true }).ok,
    ).toBe(false);
  });
});
