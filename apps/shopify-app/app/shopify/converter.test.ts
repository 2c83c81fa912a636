import { type Order, orderContentHash } from '@prima-connect/prima-core';
import { examplePayload, startShopifyEmulator } from '@prima-connect/sim-shopify';
import { describe, expect, it } from 'vitest';
import {
  graphqlOrderToCanonical,
  orderedQuantity,
  restOrderToCanonical,
  restRefundToCanonical,
} from './converter.server.js';
import { ORDER_QUERY } from './documents.js';

/** lines - discounts + charges (+ tax when prices exclude it): must equal Shopify's total. */
function recomputedTotal(o: Order): number {
  const lines = o.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity - l.discountMinor, 0);
  const charges = o.charges.reduce((s, c) => s + c.amountMinor - c.discountMinor, 0);
  return lines + charges - o.orderDiscountMinor + (o.pricesIncludeTax ? 0 : o.taxMinor);
}

describe('Shopify webhook order -> canonical Order (Shopify example payloads)', () => {
  it.each(['orders/create', 'orders/paid', 'orders/updated', 'orders/cancelled'] as const)(
    '%s converts and adds up to the penny',
    (topic) => {
      const r = restOrderToCanonical(examplePayload(topic));
      if (!r.ok) throw new Error(r.problems[0]?.message);
      const o = r.value;
      expect(o.platform).toBe('shopify');
      // The example's numeric id lost precision; the gid keeps it.
      expect(o.storefrontOrderId).toBe('820982911946154508');
      expect(o.orderNumber).toBe('9999');
      expect(o.currency).toBe('USD');
      expect(o.lines).toHaveLength(5);
      expect(o.lines[0]).toMatchObject({
        sku: 'SKU2006-001',
        unitPriceMinor: 8999,
        quantity: 1,
        discountMinor: 0,
      });
      expect(o.charges).toEqual([
        expect.objectContaining({ kind: 'shipping', title: 'Generic Shipping', amountMinor: 1000 }),
      ]);
      expect(o.totalMinor).toBe(40495);
      // 20.00 of discount is not allocated to any line: it is the order-level discount.
      expect(o.orderDiscountMinor).toBe(2000);
      expect(recomputedTotal(o)).toBe(o.totalMinor);
      expect(o.shippingAddress).toMatchObject({
        lines: ['123 Shipping Street'],
        postcode: '40003',
        country: 'US',
        region: 'KY',
      });
      expect(o.tags).toEqual(['tag1', 'tag2']);
      expect(o.payments[0]?.gateway).toBe('visa');
    },
  );

  it('reads the example orders/cancelled as cancelled and voided', () => {
    const r = restOrderToCanonical(examplePayload('orders/cancelled'));
    expect(r.ok && r.value.cancelledAt).toBe('2022-01-01T00:00:00.000Z');
    expect(r.ok && r.value.financialStatus).toBe('voided');
  });

  it('refuses a payload that is not an order, with a clerk-readable problem', () => {
    const r = restOrderToCanonical({ id: 1, name: '#1' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('invalid_order');
      expect(r.problems[0]?.message).toMatch(/could not be read/);
    }
  });

  it('refuses an amount with more decimals than the currency has', () => {
    const p = examplePayload('orders/paid') as {
      line_items: { price_set: { shop_money: { amount: string } } }[];
    };
    const first = p.line_items[0];
    if (first) first.price_set.shop_money.amount = '89.999';
    const r = restOrderToCanonical(p);
    expect(r.ok).toBe(false);
  });
});

describe('Shopify refunds/create -> canonical Refund (Shopify example payload)', () => {
  it('converts lines, restock flags and the amount returned', () => {
    const r = restRefundToCanonical(examplePayload('refunds/create'));
    if (!r.ok) throw new Error(r.problems[0]?.message);
    expect(r.value.currency).toBe('USD');
    expect(r.value.storefrontRefundId).toBe('890088186047892319');
    expect(r.value.lines[0]).toMatchObject({
      lineId: '487817672276298554',
      sku: 'SKU2006-001',
      quantity: 1,
      amountMinor: 8999,
      restock: false,
    });
    // The amount returned is what the refund transactions moved (75.00 + 10.00), not the lines' list value.
    expect(r.value.amountMinor).toBe(8500);
    expect(r.value.lines).toHaveLength(5);
  });
});

describe('the two inputs agree', () => {
  it('the webhook payload and the GraphQL order of the same emulator order give the same canonical Order', async () => {
    const shop = await startShopifyEmulator();
    try {
      shop.addLocation('Warehouse');
      shop.seedSkus(['ETOS-G-080', 'ETOS-H-090'], { priceMinor: 7999, available: 10 });
      const { order, orderGid } = await shop.placeOrder({
        lines: [
          { sku: 'ETOS-G-080', quantity: 2, discountMinor: 500, taxMinor: 2500 },
          { sku: 'ETOS-H-090', quantity: 1, taxMinor: 1333 },
        ],
        shipping: { code: 'EXP', title: 'Express', priceMinor: 995, taxMinor: 166 },
        orderDiscountMinor: 300,
        taxesIncluded: true,
      });
      const rest = restOrderToCanonical(JSON.parse(shop.deliveries[1]!.body));
      const gql = shop.graphql(ORDER_QUERY, { id: orderGid }) as { data: { order: unknown } };
      const fromGql = graphqlOrderToCanonical(gql.data.order);
      if (!rest.ok || !fromGql.ok) throw new Error('conversion failed');
      const strip = (o: Order) => ({
        ...o,
        payments: o.payments.map((p) => ({ ...p, transactionId: undefined })),
        lines: o.lines.map((l) => ({ ...l })),
      });
      expect(strip(fromGql.value)).toEqual(strip(rest.value));
      expect(rest.value.storefrontOrderId).toBe(String(order.id));
      expect(rest.value.orderDiscountMinor).toBe(300);
      expect(recomputedTotal(rest.value)).toBe(rest.value.totalMinor);
      expect(rest.value.totalMinor).toBe(2 * 7999 - 500 + 7999 + 995 - 300);
    } finally {
      await shop.close();
    }
  });
});

describe('refunded units stay ordered; edited-out units come off (Shopify quantity vs current_quantity)', () => {
  /** Shopify's example orders/updated with its first line bought twice: the order before anything happened. */
  function boughtTwice(): Record<string, unknown> & { line_items: Record<string, unknown>[] } {
    const p = structuredClone(examplePayload('orders/updated')) as Record<string, unknown> & {
      line_items: Record<string, unknown>[];
    };
    p.line_items = p.line_items.map((l, i) =>
      i === 0 ? { ...l, quantity: 2, current_quantity: 2 } : { ...l, current_quantity: l.quantity },
    );
    p.refunds = [];
    return p;
  }
  const convert = (payload: unknown) => {
    const r = restOrderToCanonical(payload);
    if (!r.ok) throw new Error(r.problems[0]?.message);
    return r.value;
  };

  it('a partial refund (current_quantity down, the unit listed under refunds) keeps the ordered quantity and the fingerprint', () => {
    const before = boughtTwice();
    const lineId = before.line_items[0]?.id;
    const refunded = boughtTwice();
    refunded.line_items[0] = { ...refunded.line_items[0], current_quantity: 1 };
    refunded.refunds = [
      {
        ...(examplePayload('refunds/create') as Record<string, unknown>),
        refund_line_items: [{ line_item_id: lineId, quantity: 1, restock_type: 'return' }],
      },
    ];
    expect(convert(refunded).lines[0]?.quantity).toBe(2);
    expect(orderContentHash(convert(refunded))).toBe(orderContentHash(convert(before)));
  });

  it('an order edit that removes a line (current_quantity 0, no refund) is seen as a change', () => {
    const before = boughtTwice();
    const edited = boughtTwice();
    edited.line_items[1] = { ...edited.line_items[1], current_quantity: 0 };
    expect(convert(edited).lines[1]?.quantity).toBe(0);
    expect(orderContentHash(convert(edited))).not.toBe(orderContentHash(convert(before)));
  });

  it('orderedQuantity: refunds add back, edits do not, and a payload without current_quantity keeps quantity', () => {
    expect(orderedQuantity(3, 1, 2)).toBe(3);
    expect(orderedQuantity(3, 1, 1)).toBe(2);
    expect(orderedQuantity(3, 0, 0)).toBe(0);
    expect(orderedQuantity(3, undefined, 0)).toBe(3);
    expect(orderedQuantity(3, 3, 5)).toBe(3);
  });
});

describe('Admin GraphQL order: refunded units stay ordered, edited-out units come off (emulator)', () => {
  it('reads the same fingerprint after a partial refund, and a different one after an edit removes a line', async () => {
    const shop = await startShopifyEmulator();
    try {
      shop.addLocation('Warehouse');
      shop.seedSkus(['ETOS-G-080', 'ETOS-H-090'], { priceMinor: 7999, available: 10 });
      const { order, orderGid } = await shop.placeOrder({
        lines: [
          { sku: 'ETOS-G-080', quantity: 2 },
          { sku: 'ETOS-H-090', quantity: 1 },
        ],
      });
      const read = () => {
        const gql = shop.graphql(ORDER_QUERY, { id: orderGid }) as { data: { order: unknown } };
        const r = graphqlOrderToCanonical(gql.data.order);
        if (!r.ok) throw new Error(r.problems[0]?.message);
        return r.value;
      };
      const before = read();
      await shop.refundOrder(order.id, { lines: [{ sku: 'ETOS-G-080', quantity: 1, restock: true }] });
      // The emulator, like Shopify, now answers currentQuantity 1 and lists the refunded unit.
      const raw = shop.graphql(ORDER_QUERY, { id: orderGid }) as {
        data: { order: { lineItems: { nodes: { currentQuantity: number }[] } } };
      };
      expect(raw.data.order.lineItems.nodes[0]?.currentQuantity).toBe(1);
      const refunded = read();
      expect(refunded.lines.map((l) => l.quantity)).toEqual([2, 1]);
      expect(orderContentHash(refunded)).toBe(orderContentHash(before));

      // Shopify's own edit keeps `quantity` and lowers `currentQuantity` without a refund: a removed line.
      const edited = structuredClone(raw.data.order) as unknown as {
        lineItems: { nodes: { quantity: number; currentQuantity: number }[] };
      };
      const second = edited.lineItems.nodes[1];
      if (second) second.currentQuantity = 0;
      const editedOrder = graphqlOrderToCanonical(edited);
      if (!editedOrder.ok) throw new Error('conversion failed');
      expect(editedOrder.value.lines.map((l) => l.quantity)).toEqual([2, 0]);

      await shop.updateOrder(order.id, (o) => {
        o.lines = o.lines.filter((l) => l.sku !== 'ETOS-H-090');
      });
      expect(orderContentHash(read())).not.toBe(orderContentHash(before));
    } finally {
      await shop.close();
    }
  });
});
