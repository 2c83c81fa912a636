import { afterEach, describe, expect, it } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './emulator.js';
import { processingFee } from './payments.js';

const PAYOUTS = `query Payouts($query: String, $after: String) {
  shopifyPaymentsAccount {
    payouts(first: 2, after: $after, query: $query, sortKey: ISSUED_AT) {
      nodes { id legacyResourceId issuedAt status transactionType net { amount currencyCode } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const TRANSACTIONS = `query Txs($query: String, $after: String, $hide: Boolean) {
  shopifyPaymentsAccount {
    balanceTransactions(first: 2, after: $after, query: $query, hideTransfers: $hide) {
      nodes {
        id type sourceType
        amount { amount currencyCode } fee { amount currencyCode } net { amount currencyCode }
        associatedOrder { id } associatedPayout { id status }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

let emu: ShopifyEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function shop(opts: Parameters<typeof startShopifyEmulator>[0] = {}) {
  const clock = { t: Date.parse('2026-03-02T09:00:00.000Z') };
  emu = await startShopifyEmulator({ nowMs: () => clock.t, ...opts });
  emu.addLocation('Warehouse');
  emu.seedSkus(['ETOS-G-080'], { available: 10, priceMinor: 10_000 });
  return { e: emu, clock };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary GraphQL replies
const run = (e: ShopifyEmulator, q: string, v: Record<string, unknown> = {}) => e.graphql(q, v) as any;

describe('Shopify Payments ledger', () => {
  it('records a paid order as a CHARGE less the fee, and a refund as a REFUND', async () => {
    const { e } = await shop();
    const { order } = await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }], shipping: null });
    await e.refundOrder(order.id, { lines: [{ sku: 'ETOS-G-080', quantity: 1 }] });
    // 1.5% of 100.00 is 1.50, plus 0.25.
    expect(processingFee(10_000, { basisPoints: 150, fixedMinor: 25 })).toBe(175);
    expect(e.state.balanceTransactions.map((t) => [t.type, t.amountMinor, t.feeMinor, t.orderId])).toEqual([
      ['CHARGE', 10_000, 175, order.id],
      ['REFUND', -10_000, 0, order.id],
    ]);
  });

  it('adds nothing for an order paid through another gateway, or an authorised one until captured', async () => {
    const { e } = await shop();
    await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }], gateway: 'paypal' });
    const { order } = await e.placeOrder({
      lines: [{ sku: 'ETOS-G-080', quantity: 1 }],
      financialStatus: 'authorized',
      shipping: null,
    });
    expect(e.state.balanceTransactions).toEqual([]);
    await e.captureOrder(order.id);
    expect(e.state.balanceTransactions.map((t) => [t.type, t.amountMinor])).toEqual([['CHARGE', 10_000]]);
  });

  it('pays out what is pending: net = the sum of the nets, with its TRANSFER entry; nothing pending gives null', async () => {
    const { e } = await shop();
    const { order } = await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 2 }], shipping: null });
    e.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: -300, adjustmentReason: 'Shipping label' });
    const payout = e.payOut();
    expect(payout).toMatchObject({ status: 'PAID', netMinor: 20_000 - 325 - 300 });
    const inPayout = e.state.balanceTransactions.filter((t) => t.payoutId === payout?.id);
    expect(inPayout.map((t) => [t.type, t.amountMinor - t.feeMinor])).toEqual([
      ['CHARGE', 19_675],
      ['ADJUSTMENT', -300],
      ['TRANSFER', -19_375],
    ]);
    expect(inPayout[0]?.orderId).toBe(order.id);
    expect(e.payOut()).toBeNull();
  });
});

describe('shopifyPaymentsAccount over GraphQL', () => {
  it('lists payouts issued since an instant, in pages with cursors', async () => {
    const { e, clock } = await shop();
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      e.addBalanceTransaction({ type: 'CHARGE', amountMinor: 1000 * (i + 1), feeMinor: 10 });
      ids.push(e.payOut({ status: i === 3 ? 'SCHEDULED' : 'PAID' })?.id ?? 0);
      clock.t += 24 * 3600_000;
    }
    const query = "issued_at:>='2026-03-03T00:00:00.000Z'";
    const first = run(e, PAYOUTS, { query });
    const page1 = first.data.shopifyPaymentsAccount.payouts;
    expect(page1.nodes.map((n: { legacyResourceId: string }) => Number(n.legacyResourceId))).toEqual([
      ids[1],
      ids[2],
    ]);
    expect(page1.nodes[0]).toEqual({
      id: `gid://shopify/ShopifyPaymentsPayout/${ids[1]}`,
      legacyResourceId: String(ids[1]),
      issuedAt: '2026-03-03T09:00:00.000Z',
      status: 'PAID',
      transactionType: 'DEPOSIT',
      net: { amount: '19.90', currencyCode: 'GBP' },
    });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = run(e, PAYOUTS, { query, after: page1.pageInfo.endCursor }).data.shopifyPaymentsAccount
      .payouts;
    expect(second.nodes.map((n: { status: string }) => n.status)).toEqual(['SCHEDULED']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    // Requested cost: account 1 + connection 2 + 2 x (payout 1 + net 1) + pageInfo 1; actual for 1 payout.
    expect(first.extensions.cost.requestedQueryCost).toBe(8);
    expect(
      run(e, PAYOUTS, { query: 'status:scheduled' }).data.shopifyPaymentsAccount.payouts.nodes,
    ).toHaveLength(1);
  });

  it("lists one payout's balance transactions by payments_transfer_id, without the transfer when asked", async () => {
    const { e } = await shop();
    const { order } = await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }], shipping: null });
    e.addBalanceTransaction({ type: 'DISPUTE_WITHDRAWAL', amountMinor: -2500 });
    e.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: 150 });
    const payout = e.payOut();
    e.addBalanceTransaction({ type: 'CHARGE', amountMinor: 999, feeMinor: 40 }); // pending: another payout
    const query = `payments_transfer_id:${payout?.id}`;
    const page1 = run(e, TRANSACTIONS, { query, hide: true }).data.shopifyPaymentsAccount.balanceTransactions;
    expect(page1.nodes[0]).toEqual({
      id: `gid://shopify/ShopifyPaymentsBalanceTransaction/${e.state.balanceTransactions[0]?.id}`,
      type: 'CHARGE',
      sourceType: 'CHARGE',
      amount: { amount: '100.00', currencyCode: 'GBP' },
      fee: { amount: '1.75', currencyCode: 'GBP' },
      net: { amount: '98.25', currencyCode: 'GBP' },
      associatedOrder: { id: `gid://shopify/Order/${order.id}` },
      associatedPayout: { id: `gid://shopify/ShopifyPaymentsPayout/${payout?.id}`, status: 'PAID' },
    });
    expect(page1.nodes[1]).toMatchObject({ type: 'DISPUTE_WITHDRAWAL', sourceType: 'DISPUTE' });
    const page2 = run(e, TRANSACTIONS, { query, hide: true, after: page1.pageInfo.endCursor }).data
      .shopifyPaymentsAccount.balanceTransactions;
    expect(page2.nodes.map((n: { type: string }) => n.type)).toEqual(['ADJUSTMENT']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const withTransfer = run(e, TRANSACTIONS, { query, after: page1.pageInfo.endCursor }).data
      .shopifyPaymentsAccount.balanceTransactions;
    expect(
      withTransfer.nodes.map((n: { type: string; net: { amount: string } }) => [n.type, n.net.amount]),
    ).toEqual([
      ['ADJUSTMENT', '1.50'],
      ['TRANSFER', '-74.75'],
    ]);
    const pending = run(e, TRANSACTIONS, { query: 'payout_status:pending' }).data.shopifyPaymentsAccount
      .balanceTransactions.nodes;
    expect(pending).toHaveLength(1);
    expect(pending[0].associatedPayout).toEqual({ id: null, status: 'PENDING' });
  });

  it('hides a transaction from the listing while its payout still counts it (fault injection)', async () => {
    const { e } = await shop();
    e.addBalanceTransaction({ type: 'CHARGE', amountMinor: 5000, feeMinor: 100 });
    const adjustment = e.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: -700 });
    const payout = e.payOut();
    e.hideBalanceTransaction(adjustment.id);
    expect(payout?.netMinor).toBe(4200);
    const listed = run(e, TRANSACTIONS, { query: `payments_transfer_id:${payout?.id}`, hide: true }).data
      .shopifyPaymentsAccount.balanceTransactions.nodes;
    expect(listed.map((n: { type: string }) => n.type)).toEqual(['CHARGE']);
  });

  it('answers null for a shop without Shopify Payments', async () => {
    const { e } = await shop({ shopifyPayments: false });
    await e.placeOrder({ lines: [{ sku: 'ETOS-G-080', quantity: 1 }] });
    expect(e.state.balanceTransactions).toEqual([]);
    expect(run(e, PAYOUTS).data.shopifyPaymentsAccount).toBeNull();
  });
});
