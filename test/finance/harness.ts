/**
 * One tenant's engine against the Prima sandbox over HTTP (prima-core's real OMLink gateway), a fake
 * storefront, in-memory store and queue, and a hand-moved clock: the finance tests drive it.
 */
import {
  type Alert,
  type Alerter,
  createEngine,
  createPrimaGateway,
  type Engine,
  type ManualClock,
  manualClock,
  type Order,
  type Payout,
  parseSettings,
  type Refund,
  recordingLogger,
  type SettingsInput,
} from '@prima-connect/prima-core';
import {
  createFakeStorefront,
  createMemoryQueue,
  createMemoryStore,
  drainQueue,
  type FakeStorefront,
  sampleOrder,
} from '@prima-connect/prima-core/testing';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';

export const T = 'tenant-finance';

export interface FinanceWorld {
  sandbox: Sandbox;
  engine: Engine;
  clock: ManualClock;
  storefront: FakeStorefront;
  store: ReturnType<typeof createMemoryStore>;
  queue: ReturnType<typeof createMemoryQueue>;
  /** Payouts the storefront's payments ledger returns. */
  payouts: Payout[];
  /** Alerts the engine sent. */
  alerts: Alert[];
  drain(): Promise<void>;
  post(order: Order): Promise<void>;
  change(id: string, order: Order, topic?: 'order.updated' | 'order.cancelled'): Promise<void>;
  refund(refund: Partial<Refund> & { storefrontRefundId: string; storefrontOrderId: string }): Promise<void>;
  close(): Promise<void>;
}

export function financeSettings(url: string, over: Partial<SettingsInput> = {}) {
  return parseSettings({
    prima: { url, timeoutMs: 3000 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN' },
    maps: {
      shipping: { standard: { charge: 'RM48' } },
      payment: { shopify_payments: { payMethod: 'CC' } },
      locations: { 'loc-1': 'MAIN' },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
    alerts: { enabled: true, handbookUrl: 'https://help.example.test/exceptions' },
    ...over,
  });
}

export async function financeWorld(over: Partial<SettingsInput> = {}): Promise<FinanceWorld> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  const clock = manualClock('2026-03-01T10:00:00.000Z');
  const store = createMemoryStore();
  const queue = createMemoryQueue({ clock });
  const storefront = createFakeStorefront();
  const payouts: Payout[] = [];
  const alerts: Alert[] = [];
  // The Shopify app implements this over GraphQL; here the payments ledger is a list.
  Object.assign(storefront, {
    async listPayouts(sinceIso: string) {
      return { items: payouts.filter((p) => p.date >= sinceIso) };
    },
  });
  const recorder: Alerter = {
    async send(alert) {
      alerts.push(alert);
    },
  };
  await store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'finance.myshopify.com',
    createdAt: clock.now().toISOString(),
  });
  await store.settings.put(T, financeSettings(sandbox.wsdlUrl, over));
  const gateway = createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } });
  const engine = createEngine({
    store,
    queue,
    clock,
    logger: recordingLogger(),
    prima: async () => gateway,
    storefront: async () => storefront,
    alerters: async () => [recorder],
    backoff: { baseMs: 1000, capMs: 10_000, factor: 2 },
  });

  async function drain(): Promise<void> {
    await drainQueue({ queue, clock, work: () => engine.work('w1'), rounds: 50 });
  }

  return {
    sandbox,
    engine,
    clock,
    storefront,
    store,
    queue,
    payouts,
    alerts,
    drain,
    async post(order) {
      storefront.putOrder(order);
      await engine.handleOrderEvent({
        tenantId: T,
        eventKey: `paid-${order.storefrontOrderId}`,
        topic: 'order.paid',
        storefrontOrderId: order.storefrontOrderId,
        correlationId: `c-${order.storefrontOrderId}`,
      });
      await drain();
    },
    async change(id, order, topic = 'order.updated') {
      storefront.putOrder(order);
      await engine.handleOrderEvent({
        tenantId: T,
        eventKey: `${topic}-${id}-${order.updatedAt}-${order.lines.map((l) => l.quantity).join('.')}`,
        topic,
        storefrontOrderId: id,
        correlationId: `c-${id}`,
      });
      await drain();
    },
    async refund(r) {
      await engine.handleRefundEvent({
        tenantId: T,
        eventKey: `refund-${r.storefrontRefundId}`,
        correlationId: `c-${r.storefrontRefundId}`,
        refund: {
          platform: 'shopify',
          createdAt: clock.now().toISOString(),
          currency: 'GBP',
          amountMinor: 0,
          lines: [],
          shippingMinor: 0,
          ...r,
        },
      });
      await drain();
    },
    close: () => sandbox.close(),
  };
}

/** Two lines: 2 x ETOS-G-080 at 50.00 and 1 x ETOS-H-090 at 30.00, shipping 5.00 (total 135.00). */
export function twoLineOrder(id: string, over: Partial<Order> = {}): Order {
  return sampleOrder(id, {
    items: [
      { sku: 'ETOS-G-080', quantity: 2, unitPriceMinor: 5000 },
      { sku: 'ETOS-H-090', quantity: 1, unitPriceMinor: 3000 },
    ],
    ...over,
  });
}
