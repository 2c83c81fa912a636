/**
 * startShopifyEmulator: one shop's Admin GraphQL API on 127.0.0.1, plus helpers to seed a catalogue,
 * place orders and fire signed webhooks at an app. Enforces what Shopify enforces so tests prove the
 * client respects it: calculated query cost against a leaky bucket (THROTTLED when empty), 250 quantities
 * per inventorySetQuantities, changeFromQuantity compare-and-swap, the @idempotent key, access tokens.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DocumentNode,
  execute,
  type FragmentDefinitionNode,
  GraphQLError,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { z } from 'zod';
import {
  actualQueryCost,
  LeakyBucket,
  MAX_SINGLE_QUERY_COST,
  requestedQueryCost,
  type ThrottleStatus,
} from './cost.js';
import type { WebhookTopic } from './fixtures.js';
import { type ApiContext, rootValue } from './graphql-api.js';
import { gid } from './ids.js';
import {
  addBalanceTransaction,
  type BalanceTransactionSpec,
  DEFAULT_PAYMENTS_FEE,
  PAYMENTS_GATEWAY,
  type PaymentsFee,
  type PayOutOptions,
  payOut,
  processingFee,
} from './payments.js';
import { DEFAULT_API_VERSION, loadAdminSchema } from './schema.js';
import {
  orderTotals,
  ShopState,
  type ShopState as ShopStateT,
  type SimAddress,
  type SimFinancialStatus,
  type SimOrder,
} from './state.js';
import {
  compliancePayload,
  orderPayload,
  refundAmount,
  refundPayload,
  uninstalledPayload,
  type WebhookDelivery,
  webhookHeaders,
} from './webhooks.js';

export interface ShopifyEmulatorOptions {
  port?: number;
  host?: string;
  apiVersion?: string;
  shopDomain?: string;
  shopName?: string;
  currency?: string;
  /** When set, requests must carry X-Shopify-Access-Token with this value. */
  accessToken?: string;
  /** Standard plan: 1000-point bucket restoring 100 points/s. */
  bucket?: { maximumAvailable?: number; restoreRate?: number };
  /** Clock for the bucket and timestamps (tests drive it to avoid waiting). */
  nowMs?: () => number;
  webhooks?: { baseUrl: string; secret: string; pathFor?: (topic: WebhookTopic) => string };
  /**
   * Send orders/updated when an API client changes an order's note or tags or fulfils it, as Shopify does
   * (default true): the app's own write-backs come back to it, so tests prove echoes change nothing.
   */
  echoOrderUpdates?: boolean;
  /**
   * Shopify Payments (default on): paid `shopify_payments` orders add a CHARGE less this fee to the balance,
   * refunds a REFUND, and `payOut()` sweeps the balance into a payout. `false`: the shop does not use it.
   */
  shopifyPayments?: false | { fee?: PaymentsFee };
}

export interface SeedVariant {
  sku: string;
  title?: string;
  priceMinor?: number;
  options?: Record<string, string>;
  /** Starting available quantity at every location (default 0). */
  available?: number;
}

export interface OrderLineSpec {
  sku: string;
  quantity: number;
  /** Defaults to the variant's price. */
  priceMinor?: number;
  discountMinor?: number;
  taxMinor?: number;
}

export interface PlaceOrderSpec {
  lines: OrderLineSpec[];
  shipping?: {
    code: string;
    title: string;
    priceMinor: number;
    taxMinor?: number;
    discountMinor?: number;
  } | null;
  /** 'paid' fires orders/create then orders/paid; 'authorized' and 'pending' fire orders/create only. */
  financialStatus?: 'paid' | 'authorized' | 'pending';
  taxesIncluded?: boolean;
  orderDiscountMinor?: number;
  gateway?: string;
  email?: string;
  customer?: { firstName: string; lastName: string; email?: string; phone?: string | null };
  shippingAddress?: SimAddress;
  billingAddress?: SimAddress;
  note?: string;
  tags?: string[];
  /** Fulfilment location (default: the first location). */
  locationId?: number;
  /** Don't fire webhooks (a "lost" delivery for catch-up tests). */
  silent?: boolean;
}

const bodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const DEFAULT_ADDRESS: SimAddress = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  address1: '12 Analytical Row',
  city: 'London',
  zip: 'N1 9GU',
  countryCode: 'GB',
  phone: '+44 20 7946 0000',
};

export type ShopifyEmulator = Awaited<ReturnType<typeof startShopifyEmulator>>;

export async function startShopifyEmulator(options: ShopifyEmulatorOptions = {}) {
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const schema = loadAdminSchema(apiVersion);
  const nowMs = options.nowMs ?? (() => Date.now());
  const nowIso = () => new Date(nowMs()).toISOString();
  const state: ShopStateT = new ShopState(
    options.shopDomain ?? 'prima-demo.myshopify.com',
    options.currency ?? 'GBP',
    options.shopName ?? 'Prima Demo Store',
  );
  const bucket = new LeakyBucket(
    options.bucket?.maximumAvailable ?? 1000,
    options.bucket?.restoreRate ?? 100,
    nowMs,
  );
  state.paymentsEnabled = options.shopifyPayments !== false;
  const paymentsFee = (options.shopifyPayments || undefined)?.fee ?? DEFAULT_PAYMENTS_FEE;
  const ctx: ApiContext = { state, schema, apiVersion, nowIso, idempotency: new Map() };
  const root = rootValue(ctx);
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<unknown>>();
  if (options.echoOrderUpdates !== false) {
    ctx.onOrderChanged = (order) => {
      // Resolvers are synchronous: the webhook leaves after the response, like Shopify's.
      const p = Promise.resolve().then(() =>
        sendWebhook('orders/updated', orderPayload(state, order, 'orders/updated')),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
  }
  let webhookTarget = options.webhooks;
  let nextOrderNumber = 1001;

  function costExtension(requested: number, actual: number | null, status: ThrottleStatus) {
    return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status } };
  }

  /** One GraphQL request, exactly as the HTTP endpoint answers it (also usable in-process). */
  function runGraphql(query: string, variables: Record<string, unknown> = {}, operationName?: string | null) {
    state.counters.graphql += 1;
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (e) {
      return { errors: [{ message: (e as Error).message, extensions: { code: 'PARSE_ERROR' } }] };
    }
    const invalid = validate(schema, doc);
    if (invalid.length) return { errors: invalid.map((e) => e.toJSON()) };
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
    if (!op) return { errors: [{ message: 'No operation to run' }] };
    const opName = op.name?.value ?? op.operation;
    state.counters.byOperation[opName] = (state.counters.byOperation[opName] ?? 0) + 1;
    const fragments = Object.fromEntries(
      doc.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
        .map((f) => [f.name.value, f]),
    );
    const cost = requestedQueryCost(schema, op, fragments, variables);
    if (cost > MAX_SINGLE_QUERY_COST) {
      return {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_SINGLE_QUERY_COST },
          },
        ],
        extensions: costExtension(cost, null, bucket.status()),
      };
    }
    if (!bucket.canAfford(cost)) {
      state.counters.throttled += 1;
      return {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: costExtension(cost, null, bucket.status()),
      };
    }
    const result = execute({
      schema,
      document: doc,
      rootValue: root,
      contextValue: ctx,
      variableValues: variables,
      operationName: op.name?.value,
    });
    if (result instanceof Promise) throw new Error('resolvers are synchronous');
    const actual = actualQueryCost(schema, op, fragments, result.data ?? null);
    bucket.spend(actual);
    const out: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors?.length) out.errors = result.errors.map((e: GraphQLError) => e.toJSON());
    out.extensions = costExtension(cost, actual, bucket.status());
    return out;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
      if (!m || req.method !== 'POST') return send(res, 404, { errors: 'Not Found' });
      if (m[1] !== apiVersion)
        return send(res, 404, { errors: `This emulator serves API version ${apiVersion}` });
      if (options.accessToken && req.headers['x-shopify-access-token'] !== options.accessToken) {
        return send(res, 401, {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        });
      }
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
      }
      const body = bodySchema.safeParse(json);
      if (!body.success)
        return send(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
      const result = runGraphql(body.data.query, body.data.variables ?? {}, body.data.operationName);
      const status = (result as { extensions?: { cost?: { throttleStatus?: ThrottleStatus } } }).extensions
        ?.cost?.throttleStatus;
      send(res, 200, result, status ? { 'X-Request-Id': randomUUID() } : {});
    } catch (e) {
      send(res, 500, { errors: [{ message: (e as Error).message }] });
    }
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address}:${addr.port}`;

  // ------------------------------------------------------------------ webhooks

  async function sendWebhook(
    topic: WebhookTopic,
    payload: unknown,
    opts: { secret?: string; webhookId?: string; eventId?: string } = {},
  ): Promise<WebhookDelivery> {
    const body = JSON.stringify(payload);
    const target = webhookTarget;
    const path = target?.pathFor ? target.pathFor(topic) : `/webhooks/${topic}`;
    const deliveryUrl = target ? new URL(path, target.baseUrl).toString() : '';
    const headers = webhookHeaders({
      topic,
      body,
      secret: opts.secret ?? target?.secret ?? 'no-secret',
      shopDomain: state.shopDomain,
      apiVersion,
      webhookId: opts.webhookId,
      eventId: opts.eventId,
      triggeredAt: nowIso(),
    });
    const delivery: WebhookDelivery = {
      topic,
      url: deliveryUrl,
      webhookId: headers['X-Shopify-Webhook-Id'] as string,
      eventId: headers['X-Shopify-Event-Id'] as string,
      body,
      headers,
      status: null,
    };
    deliveries.push(delivery);
    if (!target) return delivery;
    state.counters.webhooksSent += 1;
    try {
      const r = await fetch(deliveryUrl, { method: 'POST', headers, body });
      delivery.status = r.status;
      await r.arrayBuffer();
    } catch (e) {
      delivery.error = (e as Error).message;
    }
    return delivery;
  }

  /** Sends a stored delivery again with the same X-Shopify-Webhook-Id (Shopify's at-least-once retries). */
  async function redeliver(d: WebhookDelivery): Promise<WebhookDelivery> {
    return sendWebhook(d.topic, JSON.parse(d.body), { webhookId: d.webhookId, eventId: d.eventId });
  }

  // ------------------------------------------------------------------ seeding and store actions

  function addLocation(name: string): number {
    const id = state.nextId();
    state.locations.push({ id, name, isActive: true });
    // Every existing item becomes stocked (at 0) at the new location.
    for (const v of state.allVariants())
      if (state.available(v.inventoryItemId, id) === undefined) state.setAvailable(v.inventoryItemId, id, 0);
    return id;
  }

  /** One product per call; each variant gets an inventory item stocked at every location. */
  function addProduct(title: string, variants: SeedVariant[]): { productId: number; variantIds: number[] } {
    const productId = state.nextId();
    const product = { id: productId, title, variants: [] as ShopStateT['products'][number]['variants'] };
    for (const v of variants) {
      const variant = {
        id: state.nextId(),
        productId,
        sku: v.sku,
        title: v.title ?? (Object.values(v.options ?? {}).join(' / ') || v.sku),
        priceMinor: v.priceMinor ?? 5000,
        inventoryItemId: state.nextId(),
        options: Object.entries(v.options ?? {}).map(([name, value]) => ({ name, value })),
      };
      product.variants.push(variant);
      for (const l of state.locations) state.setAvailable(variant.inventoryItemId, l.id, v.available ?? 0);
    }
    state.products.push(product);
    return { productId, variantIds: product.variants.map((v) => v.id) };
  }

  /** Seeds many SKUs at once, grouped into products by the part before the first separator. */
  function seedSkus(
    skus: string[],
    opts: { priceMinor?: number; available?: number; separator?: string } = {},
  ): number {
    const sep = opts.separator ?? '-';
    const groups = new Map<string, string[]>();
    for (const sku of skus) {
      const key = sku.split(sep)[0] ?? sku;
      groups.set(key, [...(groups.get(key) ?? []), sku]);
    }
    for (const [product, list] of groups) {
      addProduct(
        product,
        list.map((sku) => ({
          sku,
          priceMinor: opts.priceMinor,
          available: opts.available,
          title: sku.slice(product.length + 1) || sku,
        })),
      );
    }
    return skus.length;
  }

  function inventoryOf(sku: string, locationId?: number): number | undefined {
    const v = state.variantBySku(sku);
    const loc = locationId ?? state.locations[0]?.id;
    if (!v || loc === undefined) return undefined;
    return state.available(v.inventoryItemId, loc);
  }

  async function placeOrder(
    spec: PlaceOrderSpec,
  ): Promise<{ order: SimOrder; orderGid: string; deliveries: WebhookDelivery[] }> {
    const number = nextOrderNumber++;
    const id = state.nextId();
    const at = nowIso();
    const lines = spec.lines.map((l) => {
      const v = state.variantBySku(l.sku);
      return {
        id: state.nextId(),
        variantId: v?.id ?? null,
        productId: v?.productId ?? null,
        sku: l.sku,
        title: v ? `${state.products.find((p) => p.id === v.productId)?.title ?? ''} - ${v.title}` : l.sku,
        quantity: l.quantity,
        priceMinor: l.priceMinor ?? v?.priceMinor ?? 0,
        discountMinor: l.discountMinor ?? 0,
        taxMinor: l.taxMinor ?? 0,
        requiresShipping: true,
        giftCard: false,
      };
    });
    const customer = spec.customer ?? { firstName: 'Ada', lastName: 'Lovelace' };
    const email = spec.email ?? customer.email ?? `customer${number}@example.com`;
    const status: SimFinancialStatus =
      spec.financialStatus === 'authorized'
        ? 'AUTHORIZED'
        : spec.financialStatus === 'pending'
          ? 'PENDING'
          : 'PAID';
    const locationId = spec.locationId ?? state.locations[0]?.id;
    if (locationId === undefined) throw new Error('Add a location before placing orders');
    const order: SimOrder = {
      id,
      number,
      name: `#${number}`,
      email,
      phone: customer.phone ?? null,
      currency: state.currency,
      taxesIncluded: spec.taxesIncluded ?? true,
      financialStatus: status,
      createdAt: at,
      updatedAt: at,
      cancelledAt: null,
      cancelReason: null,
      customer: {
        id: state.nextId(),
        firstName: customer.firstName,
        lastName: customer.lastName,
        email,
        phone: customer.phone ?? null,
      },
      shippingAddress: spec.shippingAddress ?? {
        ...DEFAULT_ADDRESS,
        firstName: customer.firstName,
        lastName: customer.lastName,
      },
      billingAddress: spec.billingAddress ??
        spec.shippingAddress ?? {
          ...DEFAULT_ADDRESS,
          firstName: customer.firstName,
          lastName: customer.lastName,
        },
      lines,
      shippingLines:
        spec.shipping === null
          ? []
          : [
              {
                id: state.nextId(),
                code: spec.shipping?.code ?? 'Standard',
                title: spec.shipping?.title ?? 'Standard delivery',
                priceMinor: spec.shipping?.priceMinor ?? 495,
                discountMinor: spec.shipping?.discountMinor ?? 0,
                taxMinor: spec.shipping?.taxMinor ?? 0,
              },
            ],
      orderDiscountMinor: spec.orderDiscountMinor ?? 0,
      transactions: [],
      note: spec.note ?? null,
      tags: spec.tags ?? [],
      metafields: new Map(),
      fulfillmentOrders: [],
      fulfillments: [],
      refunds: [],
    };
    const total = orderTotals(order).totalMinor;
    const gateway = spec.gateway ?? 'shopify_payments';
    if (status === 'PAID')
      order.transactions.push({
        id: state.nextId(),
        gateway,
        kind: 'SALE',
        status: 'SUCCESS',
        amountMinor: total,
      });
    if (status === 'AUTHORIZED')
      order.transactions.push({
        id: state.nextId(),
        gateway,
        kind: 'AUTHORIZATION',
        status: 'SUCCESS',
        amountMinor: total,
      });
    order.fulfillmentOrders.push({
      id: state.nextId(),
      locationId,
      status: 'OPEN',
      lines: lines.map((l) => ({ id: state.nextId(), lineItemId: l.id, remaining: l.quantity })),
    });
    state.orders.set(id, order);
    if (status === 'PAID') chargeToBalance(order, gateway, total);
    // Sold units leave the storefront's available figure, as on Shopify.
    for (const l of lines) {
      const v = l.variantId ? state.allVariants().find((x) => x.id === l.variantId) : undefined;
      const cur = v ? state.available(v.inventoryItemId, locationId) : undefined;
      if (v && cur !== undefined) state.setAvailable(v.inventoryItemId, locationId, cur - l.quantity);
    }
    const sent: WebhookDelivery[] = [];
    if (!spec.silent) {
      sent.push(await sendWebhook('orders/create', orderPayload(state, order, 'orders/create')));
      if (status === 'PAID')
        sent.push(await sendWebhook('orders/paid', orderPayload(state, order, 'orders/paid')));
    }
    return { order, orderGid: gid('Order', id), deliveries: sent };
  }

  /** A Shopify Payments sale enters the balance as a CHARGE less the processing fee. */
  function chargeToBalance(o: SimOrder, gateway: string, amountMinor: number): void {
    if (!state.paymentsEnabled || gateway !== PAYMENTS_GATEWAY || amountMinor <= 0) return;
    addBalanceTransaction(state, nowIso(), {
      type: 'CHARGE',
      amountMinor,
      feeMinor: processingFee(amountMinor, paymentsFee),
      orderId: o.id,
    });
  }

  function requireOrder(orderId: number): SimOrder {
    const o = state.orders.get(orderId);
    if (!o) throw new Error(`No order ${orderId}`);
    return o;
  }

  /** Captures an authorised order: orders/paid then orders/updated. */
  async function captureOrder(orderId: number): Promise<WebhookDelivery[]> {
    const o = requireOrder(orderId);
    o.financialStatus = 'PAID';
    o.updatedAt = nowIso();
    const auth = o.transactions.find((t) => t.kind === 'AUTHORIZATION');
    const gateway = auth?.gateway ?? PAYMENTS_GATEWAY;
    const captured = orderTotals(o).totalMinor;
    o.transactions.push({
      id: state.nextId(),
      gateway,
      kind: 'CAPTURE',
      status: 'SUCCESS',
      amountMinor: captured,
    });
    chargeToBalance(o, gateway, captured);
    return [
      await sendWebhook('orders/paid', orderPayload(state, o, 'orders/paid')),
      await sendWebhook('orders/updated', orderPayload(state, o, 'orders/updated')),
    ];
  }

  async function updateOrder(orderId: number, change: (o: SimOrder) => void): Promise<WebhookDelivery> {
    const o = requireOrder(orderId);
    change(o);
    o.updatedAt = nowIso();
    return sendWebhook('orders/updated', orderPayload(state, o, 'orders/updated'));
  }

  async function cancelOrder(orderId: number, reason = 'customer'): Promise<WebhookDelivery> {
    const o = requireOrder(orderId);
    o.cancelledAt = nowIso();
    o.cancelReason = reason;
    o.updatedAt = o.cancelledAt;
    for (const fo of o.fulfillmentOrders) if (fo.status === 'OPEN') fo.status = 'CANCELLED';
    return sendWebhook('orders/cancelled', orderPayload(state, o, 'orders/cancelled'));
  }

  async function refundOrder(
    orderId: number,
    spec: {
      lines: { sku: string; quantity: number; restock?: boolean }[];
      shippingMinor?: number;
      note?: string;
      /** Don't fire refunds/create (a "lost" delivery: the refund exists, the app was never told). */
      silent?: boolean;
    },
  ): Promise<{ refundId: number; delivery: WebhookDelivery | null }> {
    const o = requireOrder(orderId);
    const refund = {
      id: state.nextId(),
      orderId,
      createdAt: nowIso(),
      note: spec.note ?? null,
      lines: spec.lines.map((l) => {
        const line = o.lines.find((x) => x.sku === l.sku);
        if (!line) throw new Error(`Order ${orderId} has no line with SKU ${l.sku}`);
        return { lineItemId: line.id, quantity: l.quantity, restock: l.restock ?? false };
      }),
      shippingMinor: spec.shippingMinor ?? 0,
    };
    o.refunds.push(refund);
    const refunded = refundAmount(o, refund);
    // Shopify Payments pays the refund out of the balance; the original fee is not given back.
    if (state.paymentsEnabled && o.transactions[0]?.gateway === PAYMENTS_GATEWAY && refunded > 0)
      addBalanceTransaction(state, refund.createdAt, {
        type: 'REFUND',
        amountMinor: -refunded,
        orderId: o.id,
      });
    o.financialStatus = 'PARTIALLY_REFUNDED';
    o.updatedAt = refund.createdAt;
    return {
      refundId: refund.id,
      delivery: spec.silent ? null : await sendWebhook('refunds/create', refundPayload(state, o, refund)),
    };
  }

  async function requestCustomerData(email: string): Promise<WebhookDelivery> {
    const orders = [...state.orders.values()].filter((o) => o.email === email);
    const c = orders[0]?.customer ?? { id: state.nextId(), email, phone: null };
    return sendWebhook(
      'customers/data_request',
      compliancePayload(
        state,
        'customers/data_request',
        { id: c.id, email, phone: c.phone },
        orders.map((o) => o.id),
      ),
    );
  }

  async function redactCustomer(email: string): Promise<WebhookDelivery> {
    const orders = [...state.orders.values()].filter((o) => o.email === email);
    const c = orders[0]?.customer ?? { id: state.nextId(), email, phone: null };
    return sendWebhook(
      'customers/redact',
      compliancePayload(
        state,
        'customers/redact',
        { id: c.id, email, phone: c.phone },
        orders.map((o) => o.id),
      ),
    );
  }

  async function redactShop(): Promise<WebhookDelivery> {
    return sendWebhook('shop/redact', compliancePayload(state, 'shop/redact'));
  }

  async function uninstall(): Promise<WebhookDelivery> {
    return sendWebhook('app/uninstalled', uninstalledPayload(state));
  }

  return {
    url,
    apiVersion,
    shopDomain: state.shopDomain,
    /** The Admin GraphQL endpoint, shaped like https://{shop}/admin/api/{version}/graphql.json. */
    graphqlUrl: `${url}/admin/api/${apiVersion}/graphql.json`,
    accessToken: options.accessToken,
    state,
    bucket,
    deliveries,
    counters: state.counters,
    graphql: runGraphql,
    setWebhookTarget(target: ShopifyEmulatorOptions['webhooks']) {
      webhookTarget = target;
    },
    addLocation,
    addProduct,
    seedSkus,
    inventoryOf,
    placeOrder,
    captureOrder,
    updateOrder,
    cancelOrder,
    refundOrder,
    requestCustomerData,
    redactCustomer,
    redactShop,
    uninstall,
    sendWebhook,
    redeliver,
    /** Adds an entry to the Shopify Payments balance (an adjustment, a dispute, a fee, a charge by hand). */
    addBalanceTransaction: (spec: BalanceTransactionSpec) => addBalanceTransaction(state, nowIso(), spec),
    /** Sweeps the pending balance into one payout (PAID by default); null when nothing is pending. */
    payOut: (opts?: PayOutOptions) => payOut(state, nowIso(), opts),
    /**
     * Fault injection: the transaction stays counted in its payout's net but is no longer listed, so the
     * payout's transactions no longer add up to its deposit.
     */
    hideBalanceTransaction(id: number) {
      const t = state.balanceTransactions.find((x) => x.id === id);
      if (!t) throw new Error(`No balance transaction ${id}`);
      t.hidden = true;
    },
    /** Waits for webhooks the API's side effects queued (orders/updated echoes). */
    async settle(): Promise<void> {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    resetCounters() {
      Object.assign(state.counters, {
        graphql: 0,
        throttled: 0,
        byOperation: {},
        inventoryQuantitiesSet: 0,
        webhooksSent: 0,
      });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export { GraphQLError };
