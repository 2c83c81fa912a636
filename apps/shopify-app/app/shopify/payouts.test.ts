/**
 * The gateway's listPayouts against the emulator's Shopify Payments ledger, and prima-core's syncPayouts on
 * top of it: a payout that adds up becomes one balanced journal, one whose ledger lost an entry becomes a
 * payout_mismatch exception for finance.
 */
import {
  createEngine,
  manualClock,
  type Payout,
  ProblemError,
  parseSettings,
  recordingLogger,
} from '@prima-connect/prima-core';
import { createFakePrima, createMemoryQueue, createMemoryStore } from '@prima-connect/prima-core/testing';
import { type ShopifyEmulator, startShopifyEmulator } from '@prima-connect/sim-shopify';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminClient, fetchTransport } from './admin-client.server.js';
import { PAYOUTS_PAGE } from './documents.js';
import { createShopifyGateway } from './gateway.server.js';
import { payoutTransactionType } from './payouts.server.js';

const T = 'payouts.myshopify.com';
const SINCE = '2026-03-01T00:00:00.000Z';

let shop: ShopifyEmulator | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function setup(opts: { shopifyPayments?: false } = {}) {
  const clock = { t: Date.parse('2026-03-02T09:00:00.000Z') };
  shop = await startShopifyEmulator({ accessToken: 'shpat_test', nowMs: () => clock.t, ...opts });
  shop.addLocation('Warehouse');
  shop.seedSkus(['ETOS-G-080', 'ETOS-G-090'], { available: 50, priceMinor: 7999 });
  const client = new AdminClient({
    transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: 'shpat_test' }),
    sleep: async (ms) => {
      clock.t += ms;
    },
    now: () => clock.t,
  });
  const gateway = createShopifyGateway({ client });
  return { shop, clock, gateway };
}

async function listAll(gateway: ReturnType<typeof createShopifyGateway>, since = SINCE) {
  if (!gateway.listPayouts) throw new Error('the Shopify gateway lists payouts');
  const out: Payout[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await gateway.listPayouts(since, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { payouts: out, pages };
}

/** prima-core's engine with the Shopify gateway as the storefront (payout journals kept as CSV). */
async function engineOver(gateway: ReturnType<typeof createShopifyGateway>) {
  const clock = manualClock('2026-03-04T09:00:00.000Z');
  const store = createMemoryStore();
  await store.tenants.put({ id: T, platform: 'shopify', shop: T, createdAt: '2026-02-01T00:00:00.000Z' });
  await store.settings.put(T, parseSettings({ prima: { url: 'http://prima.invalid/wsdl' } }));
  const engine = createEngine({
    store,
    queue: createMemoryQueue({ clock }),
    clock,
    logger: recordingLogger(),
    prima: async () => createFakePrima(),
    storefront: async () => gateway,
  });
  return { engine, store };
}

const sumNets = (p: Payout) => p.transactions.reduce((s, t) => s + t.netMinor, 0);

describe('Shopify Payments payouts through the gateway (emulator)', () => {
  it('reads a payout with all its transactions in minor units, and syncPayouts journals it balanced', async () => {
    const { shop, gateway, clock } = await setup();
    const { order } = await shop.placeOrder({
      lines: [{ sku: 'ETOS-G-080', quantity: 2 }],
      shipping: { code: 'STD', title: 'Standard', priceMinor: 495 },
    });
    await shop.refundOrder(order.id, { lines: [{ sku: 'ETOS-G-080', quantity: 1 }] });
    shop.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: -300, adjustmentReason: 'Label' });
    shop.addBalanceTransaction({ type: 'DISPUTE_WITHDRAWAL', amountMinor: -1500 });
    shop.addBalanceTransaction({ type: 'CHARGEBACK_FEE', amountMinor: -1500 });
    clock.t += 24 * 3600_000;
    const paid = shop.payOut();
    // A payout the bank refused is never journalled; one issued before the window is not read.
    shop.addBalanceTransaction({ type: 'CHARGE', amountMinor: 1000, feeMinor: 40 });
    shop.payOut({ status: 'FAILED' });
    shop.addBalanceTransaction({ type: 'CHARGE', amountMinor: 2000, feeMinor: 55 });
    shop.payOut({ issuedAt: '2026-02-27T09:00:00.000Z' });

    const { payouts } = await listAll(gateway);
    expect(payouts).toHaveLength(1);
    const [p] = payouts as [Payout];
    // 2 x 79.99 + 4.95 = 164.93, fee 1.5% + 0.25 = 2.72; refund 79.99; the rest as added.
    const fee = 272;
    expect(p).toEqual({
      payoutId: String(paid?.id),
      date: '2026-03-03T09:00:00.000Z',
      currency: 'GBP',
      netMinor: 16_493 - fee - 7999 - 300 - 1500 - 1500,
      transactions: [
        {
          id: expect.any(String),
          type: 'charge',
          orderId: String(order.id),
          grossMinor: 16_493,
          feeMinor: fee,
          netMinor: 16_493 - fee,
        },
        {
          id: expect.any(String),
          type: 'refund',
          orderId: String(order.id),
          grossMinor: -7999,
          feeMinor: 0,
          netMinor: -7999,
        },
        { id: expect.any(String), type: 'adjustment', grossMinor: -300, feeMinor: 0, netMinor: -300 },
        { id: expect.any(String), type: 'chargeback', grossMinor: -1500, feeMinor: 0, netMinor: -1500 },
        { id: expect.any(String), type: 'fee', grossMinor: -1500, feeMinor: 0, netMinor: -1500 },
      ],
    });
    expect(sumNets(p)).toBe(p.netMinor);

    const { engine, store } = await engineOver(gateway);
    const run = await engine.syncPayouts(T, SINCE);
    expect(run.supported).toBe(true);
    expect(run.payouts.map((x) => [x.payoutId, x.outcome])).toEqual([[p.payoutId, 'exported']]);
    // The sale is split by the order's own figures (read through the same gateway): goods and shipping.
    expect(run.payouts[0]?.journal?.amounts).toEqual({
      grossSales: 15_998,
      shipping: 495,
      tax: 0,
      fees: -fee - 1500,
      refunds: -7999,
      chargebacks: -1500,
      adjustments: -300,
    });
    expect(run.payouts[0]?.csv).toContain(`PO${p.payoutId}`);
    expect(await store.exceptions.list(T, { status: 'open' })).toEqual([]);
  });

  it('leaves a payout whose ledger lost an adjustment unbalanced, and syncPayouts raises payout_mismatch', async () => {
    const { shop, gateway } = await setup();
    await shop.placeOrder({ lines: [{ sku: 'ETOS-G-090', quantity: 1 }], shipping: null });
    const adjustment = shop.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: -650 });
    const paid = shop.payOut();
    shop.hideBalanceTransaction(adjustment.id);

    const { payouts } = await listAll(gateway);
    const [p] = payouts as [Payout];
    expect(p.netMinor).toBe(paid?.netMinor);
    expect(sumNets(p) - p.netMinor).toBe(650);

    const { engine, store } = await engineOver(gateway);
    const run = await engine.syncPayouts(T, SINCE);
    expect(run.payouts.map((x) => x.outcome)).toEqual(['mismatch']);
    const [ex] = await store.exceptions.list(T, { status: 'open', code: 'payout_mismatch' });
    expect(ex?.subject).toBe(`payout:${p.payoutId}`);
    expect(ex?.problem.message).toContain('a difference of GBP -6.50');
  });

  it('pages payouts past one page, and a payout with more than 100 transactions', async () => {
    const { shop, gateway, clock } = await setup();
    for (let i = 0; i < 130; i++)
      shop.addBalanceTransaction({ type: 'CHARGE', amountMinor: 1000 + i, feeMinor: 40 });
    const big = shop.payOut();
    for (let i = 0; i < PAYOUTS_PAGE + 4; i++) {
      clock.t += 3600_000;
      shop.addBalanceTransaction({ type: 'CHARGE', amountMinor: 500, feeMinor: 20 });
      shop.payOut();
    }
    shop.resetCounters();
    const { payouts, pages } = await listAll(gateway);
    expect(pages).toBe(2);
    expect(payouts).toHaveLength(PAYOUTS_PAGE + 5);
    expect(new Set(payouts.map((p) => p.payoutId)).size).toBe(payouts.length);
    const first = payouts[0] as Payout;
    expect(first.payoutId).toBe(String(big?.id));
    expect(first.transactions).toHaveLength(130);
    for (const p of payouts) expect(sumNets(p)).toBe(p.netMinor);
    expect(shop.counters.byOperation.PrimaPayouts).toBe(2);
    // Two pages for the big payout, one for each other payout.
    expect(shop.counters.byOperation.PrimaPayoutTransactions).toBe(2 + PAYOUTS_PAGE + 4);
  });

  it('gives a withdrawal (the balance went negative) as a negative deposit', async () => {
    const { shop, gateway } = await setup();
    shop.addBalanceTransaction({ type: 'ADJUSTMENT', amountMinor: -1200 });
    shop.payOut();
    const { payouts } = await listAll(gateway);
    expect(payouts.map((p) => [p.netMinor, sumNets(p)])).toEqual([[-1200, -1200]]);
  });

  it('reads no payouts on a shop without Shopify Payments', async () => {
    const { gateway } = await setup({ shopifyPayments: false });
    expect(await gateway.listPayouts?.(SINCE)).toEqual({ items: [] });
  });

  it('says in plain words when the app may not read payouts', async () => {
    const client = new AdminClient({
      transport: async () => ({
        data: null,
        errors: [
          {
            message: 'Access denied for shopifyPaymentsAccount field.',
            extensions: { code: 'ACCESS_DENIED' },
          },
        ],
      }),
    });
    const gateway = createShopifyGateway({ client });
    const error = await gateway.listPayouts?.(SINCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem.message).toContain(
      'not allowed to read your Shopify Payments payouts',
    );
  });
});

describe('payoutTransactionType', () => {
  it.each([
    ['CHARGE', null, 'charge'],
    ['REFUND', 'REFUND', 'refund'],
    ['REFUND_FAILURE', null, 'refund'],
    ['DISPUTE_WITHDRAWAL', 'DISPUTE', 'chargeback'],
    ['DISPUTE_REVERSAL', 'DISPUTE', 'chargeback'],
    ['CHARGEBACK_HOLD', null, 'chargeback'],
    ['ADJUSTMENT', 'DISPUTE', 'chargeback'],
    ['ADJUSTMENT', 'ADJUSTMENT', 'adjustment'],
    ['RESERVED_FUNDS_WITHDRAWAL', null, 'adjustment'],
    ['CHARGEBACK_FEE', 'DISPUTE', 'fee'],
    ['STRIPE_FEE', null, 'fee'],
    ['BILLING_DEBIT', null, 'fee'],
    ['TRANSFER', 'TRANSFER', 'payout'],
    ['SHOP_CASH_CREDIT', null, 'other'],
  ] as const)('%s (source %s) is booked as %s', (type, source, expected) => {
    expect(payoutTransactionType(type, source)).toBe(expected);
  });
});
