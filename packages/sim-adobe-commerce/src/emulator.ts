import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type CommerceError,
  createRestValidator,
  type RestValidator,
  type RouteMatch,
} from './contract/index.js';
import {
  buildEnvelope,
  deliver,
  type EventEnvelope,
  generateSigningKeys,
  type SigningKeys,
} from './events.js';
import {
  OPERATION_STATUS,
  type SimAddress,
  type SimBulk,
  type SimCall,
  type SimEventDelivery,
  type SimOrder,
  type SimOrderItem,
  type SimProduct,
  type SimShipment,
  type SimSource,
  type SimSourceItem,
} from './model.js';
import { taxIncluded } from './money.js';
import {
  creditmemoEventValue,
  creditmemoSubtotalMinor,
  invoiceEventValue,
  orderEventValue,
  orderPayload,
  productPayload,
  shipmentPayload,
  sourceItemPayload,
  sourcePayload,
} from './payloads.js';
import { applyCriteria, criteriaEcho, parseSearchCriteria } from './search-criteria.js';

export interface InputLimits {
  /** Commerce's "Input limits" (Stores > Configuration > Web API Limits): off by default in Commerce. */
  enabled: boolean;
  /** Items in one list of a synchronous request (Commerce default 20). */
  syncListMax: number;
  /** Elements of one asynchronous bulk request (Commerce default 5,000). */
  asyncListMax: number;
  /** searchCriteria pageSize ceiling (Commerce default 300). */
  maxPageSize: number;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Integration access token the REST API accepts as `Authorization: Bearer ...`. */
  accessToken?: string;
  /** Where I/O Events are POSTed (the app's event consumer); can be set later with `setEventsUrl`. */
  eventsUrl?: string;
  recipientClientId?: string;
  /** Ours default to on (stricter than a fresh Commerce) so tests prove the gateway stays within them. */
  inputLimits?: Partial<InputLimits>;
  /** Requests per second before answering 429 (Commerce Cloud's edge rate limiting); off when absent. */
  rateLimitPerSecond?: number;
  /** Delay before the consumer processes an accepted bulk (async.operations.all). */
  bulkDelayMs?: number;
  signingKeys?: SigningKeys;
  now?: () => Date;
}

export interface PlaceOrderInput {
  items: {
    sku: string;
    qty: number /** Unit price incl. tax; defaults to the product's price. */;
    priceMinor?: number;
    discountMinor?: number;
  }[];
  currency?: string;
  taxPercent?: number;
  shipping?: { method: string; description: string; amountMinor: number; discountMinor?: number };
  customer?: { email: string; firstname: string; lastname: string; id?: number };
  address?: Partial<SimAddress>;
  paymentMethod?: string;
  /** Invoice (capture) straight away: fires the invoice event too. */
  invoice?: boolean;
  incrementId?: string;
  /** Send no event for the order or its invoice (a "lost" delivery: the order exists, the app was never told). */
  silent?: boolean;
}

export interface EmulatorState {
  products: Map<string, SimProduct>;
  sources: Map<string, SimSource>;
  /** Keyed `${sku}|${sourceCode}`. */
  sourceItems: Map<string, SimSourceItem>;
  orders: Map<number, SimOrder>;
  shipments: Map<number, SimShipment>;
  bulks: Map<string, SimBulk>;
  calls: SimCall[];
  deliveries: SimEventDelivery[];
  /** Bodies the emulator refused with 400: what a test would want to see when something is off. */
  rejected: { method: string; path: string; error: CommerceError }[];
}

export interface AdobeCommerceEmulator {
  url: string;
  /** Base for REST calls, `${url}/rest/default`. */
  restUrl: string;
  accessToken: string;
  recipientClientId: string;
  signingKeys: SigningKeys;
  state: EmulatorState;
  validator: RestValidator;
  close(): Promise<void>;
  setEventsUrl(url: string | undefined): void;
  seedSource(sourceCode: string, name?: string): void;
  seedProducts(
    products: {
      sku: string;
      name?: string;
      priceMinor?: number;
      parentSku?: string;
      quantity?: number;
      sourceCode?: string;
    }[],
  ): void;
  placeOrder(input: PlaceOrderInput): Promise<{ order: SimOrder; deliveries: SimEventDelivery[] }>;
  invoiceOrder(orderId: number): Promise<SimEventDelivery[]>;
  /**
   * Cancels an order as the admin's Cancel button and `POST /V1/orders/{id}/cancel` do, under Magento's
   * rule (Order::canCancel): only while something is left to invoice and the order is not on hold, canceled,
   * complete or closed. A paid (fully invoiced) order cannot be cancelled: merchants refund it with a credit
   * memo instead. When cancelled, the saved order fires observer.sales_order_save_commit_after (state canceled).
   */
  cancelOrder(orderId: number): Promise<{ cancelled: boolean; deliveries: SimEventDelivery[] }>;
  /**
   * Refunds rows of an invoiced order (a credit memo): the order's `total_refunded` grows and
   * observer.sales_order_creditmemo_save_after fires (not when `silent`: a lost delivery).
   */
  refundOrder(
    orderId: number,
    input: { items: { sku: string; qty: number }[]; shippingMinor?: number; silent?: boolean },
  ): Promise<SimEventDelivery[]>;
  /** Redelivers an event as I/O Events retries do (with `x-adobe-retry-count`). */
  redeliver(eventId: string): Promise<SimEventDelivery>;
  /** Waits until every accepted bulk has been processed. */
  drainBulks(): Promise<void>;
  callCount(filter?: { method?: string; route?: string }): number;
  sourceQuantity(sku: string, sourceCode: string): number | undefined;
}

const DEFAULT_ADDRESS: SimAddress = {
  firstname: 'Ada',
  lastname: 'Lovelace',
  street: ['12 Analytical Row'],
  city: 'London',
  postcode: 'N1 9GU',
  countryId: 'GB',
  telephone: '02079460000',
};

function commerceError(reply: FastifyReply, status: number, error: CommerceError) {
  return reply.code(status).header('content-type', 'application/json').send(error);
}

const shipBody = z.object({
  items: z.array(z.object({ order_item_id: z.number().int(), qty: z.number() })).optional(),
  tracks: z
    .array(z.object({ track_number: z.string(), title: z.string(), carrier_code: z.string() }))
    .optional(),
  comment: z.object({ comment: z.string(), is_visible_on_front: z.number().int() }).optional(),
  arguments: z
    .object({ extension_attributes: z.object({ source_code: z.string().optional() }).optional() })
    .optional(),
});
const commentBody = z.object({
  statusHistory: z.object({
    comment: z.string(),
    is_customer_notified: z.number().int(),
    is_visible_on_front: z.number().int(),
    parent_id: z.number().int(),
    status: z.string().optional(),
  }),
});
const sourceItemsBody = z.object({
  sourceItems: z.array(
    z.object({
      sku: z.string().optional(),
      source_code: z.string().optional(),
      quantity: z.number().optional(),
      status: z.number().int().optional(),
    }),
  ),
});

export async function startAdobeCommerceEmulator(
  options: EmulatorOptions = {},
): Promise<AdobeCommerceEmulator> {
  const now = options.now ?? (() => new Date());
  const accessToken = options.accessToken ?? 'sim-integration-token';
  const recipientClientId = options.recipientClientId ?? 'prima-connect-app-builder';
  const limits: InputLimits = {
    enabled: true,
    syncListMax: 20,
    asyncListMax: 5000,
    maxPageSize: 300,
    ...options.inputLimits,
  };
  const keys = options.signingKeys ?? generateSigningKeys();
  const validator = createRestValidator();
  let eventsUrl = options.eventsUrl;
  const eventCfg = {
    providerId: randomUUID(),
    recipientClientId,
    instanceId: 'sim-commerce',
    commerceVersion: validator.schemaVersion,
  };

  const state: EmulatorState = {
    products: new Map(),
    sources: new Map([['default', { sourceCode: 'default', name: 'Default Source', enabled: true }]]),
    sourceItems: new Map(),
    orders: new Map(),
    shipments: new Map(),
    bulks: new Map(),
    calls: [],
    deliveries: [],
    rejected: [],
  };
  const envelopes = new Map<string, EventEnvelope>();
  const pendingBulks = new Set<Promise<void>>();
  let nextId = 1;
  const id = () => nextId++;
  // Commerce writes UTC times as "2026-11-22 06:45:00".
  const iso = () => now().toISOString().slice(0, 19).replace('T', ' ');
  const rateWindow = { second: 0, count: 0 };

  // ------------------------------------------------------------------ operations behind the routes

  const saveSourceItem = (raw: z.infer<typeof sourceItemsBody>['sourceItems'][number]): string | null => {
    if (!raw.sku || !raw.source_code) return 'Source item must have a SKU and a source code.';
    if (!state.sources.has(raw.source_code)) return `Source with code "${raw.source_code}" does not exist.`;
    if (!state.products.has(raw.sku)) return `Product with SKU "${raw.sku}" does not exist.`;
    if (raw.quantity !== undefined && raw.quantity < 0 && raw.status === 1)
      return 'Quantity cannot be negative for an in-stock item.';
    state.sourceItems.set(`${raw.sku}|${raw.source_code}`, {
      sku: raw.sku,
      sourceCode: raw.source_code,
      quantity: raw.quantity ?? 0,
      status: raw.status === 0 ? 0 : 1,
    });
    return null;
  };

  const processBulk = (bulk: SimBulk) => {
    const run = new Promise<void>((resolve) => {
      setTimeout(() => {
        for (const op of bulk.operations) {
          const parsed = sourceItemsBody.safeParse(op.body);
          if (!parsed.success) {
            Object.assign(op, {
              status: OPERATION_STATUS.notRetriablyFailed,
              resultMessage: 'Invalid operation data.',
              errorCode: 0,
            });
            continue;
          }
          const failures = parsed.data.sourceItems.map(saveSourceItem).filter((m): m is string => m !== null);
          if (failures.length > 0)
            Object.assign(op, {
              status: OPERATION_STATUS.notRetriablyFailed,
              resultMessage: failures.join(' '),
              errorCode: 0,
            });
          else Object.assign(op, { status: OPERATION_STATUS.complete, resultMessage: '', errorCode: 0 });
        }
        resolve();
      }, options.bulkDelayMs ?? 0);
    });
    pendingBulks.add(run);
    void run.then(() => pendingBulks.delete(run));
  };

  /** Invoices the whole order (a capture); returns the invoice id. */
  const invoice = (order: SimOrder): number => {
    const invoiceId = id();
    order.invoiceIds.push(invoiceId);
    for (const i of order.items) i.qtyInvoiced = i.qtyOrdered;
    Object.assign(order, {
      state: 'processing',
      status: 'processing',
      totalPaidMinor: order.grandTotalMinor,
      transactionId: `txn-${invoiceId}`,
      updatedAt: iso(),
    });
    return invoiceId;
  };

  const cancel = async (order: SimOrder): Promise<{ cancelled: boolean; deliveries: SimEventDelivery[] }> => {
    const leftToInvoice = order.items.some(
      (i) => i.parentItemId === undefined && i.qtyInvoiced < i.qtyOrdered,
    );
    if (!leftToInvoice || ['canceled', 'complete', 'closed', 'holded'].includes(order.state))
      return { cancelled: false, deliveries: [] };
    Object.assign(order, { state: 'canceled', status: 'canceled', updatedAt: iso() });
    order.histories.unshift({
      entityId: id(),
      comment: 'Order canceled',
      status: 'canceled',
      isCustomerNotified: 0,
      isVisibleOnFront: 0,
      createdAt: iso(),
    });
    const deliveries = await emit('observer.sales_order_save_commit_after', orderEventValue(order, false));
    return { cancelled: true, deliveries };
  };

  const ship = (
    order: SimOrder,
    body: z.infer<typeof shipBody>,
  ): { ok: true; id: number } | { ok: false; error: CommerceError } => {
    const sourceCode = body.arguments?.extension_attributes?.source_code ?? 'default';
    if (!state.sources.has(sourceCode))
      return {
        ok: false,
        error: { message: 'Source with code "%1" does not exist.', parameters: [sourceCode] },
      };
    if (order.state === 'canceled')
      return {
        ok: false,
        error: {
          message:
            'Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of canceled',
        },
      };
    const shippable = order.items.filter((i) => i.parentItemId === undefined);
    const requested =
      body.items && body.items.length > 0
        ? body.items
        : shippable.map((i) => ({ order_item_id: i.itemId, qty: i.qtyOrdered - i.qtyShipped }));
    const lines: SimShipment['items'] = [];
    for (const r of requested) {
      const item = order.items.find((i) => i.itemId === r.order_item_id);
      if (!item)
        return {
          ok: false,
          error: {
            message: 'Shipment Document Validation Error(s):\nThe order does not contain item %1.',
            parameters: [String(r.order_item_id)],
          },
        };
      if (r.qty > item.qtyOrdered - item.qtyShipped) {
        return {
          ok: false,
          error: {
            message:
              'Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the unshipped quantity.',
          },
        };
      }
      lines.push({ orderItemId: item.itemId, qty: r.qty, sku: item.sku, name: item.name });
    }
    if (lines.every((l) => l.qty <= 0))
      return {
        ok: false,
        error: {
          message: "Shipment Document Validation Error(s):\nYou can't create a shipment without products.",
        },
      };
    for (const l of lines) {
      const item = order.items.find((i) => i.itemId === l.orderItemId);
      if (item) item.qtyShipped += l.qty;
    }
    const entityId = id();
    state.shipments.set(entityId, {
      entityId,
      incrementId: String(entityId).padStart(9, '0'),
      orderId: order.entityId,
      sourceCode,
      createdAt: iso(),
      items: lines,
      tracks: (body.tracks ?? []).map((t) => ({
        entityId: id(),
        trackNumber: t.track_number,
        title: t.title,
        carrierCode: t.carrier_code,
      })),
      comments: body.comment
        ? [
            {
              entityId: id(),
              comment: body.comment.comment,
              isVisibleOnFront: body.comment.is_visible_on_front ? 1 : 0,
            },
          ]
        : [],
    });
    const allShipped = shippable.every((i) => i.qtyShipped >= i.qtyOrdered);
    if (allShipped && order.totalPaidMinor >= order.grandTotalMinor)
      Object.assign(order, { state: 'complete', status: 'complete' });
    order.updatedAt = iso();
    return { ok: true, id: entityId };
  };

  const listBody = (route: RouteMatch, body: unknown): number => {
    if (route.template !== '/V1/inventory/source-items') return 0;
    const items = (body as { sourceItems?: unknown[] } | undefined)?.sourceItems;
    return Array.isArray(items) ? items.length : 0;
  };

  // ------------------------------------------------------------------ HTTP

  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get('/prod/keys/:name', async (req, reply) => {
    const path = req.url;
    const key = [keys.key1, keys.key2].find((k) => k.path === path);
    if (!key) return reply.code(404).send('not found');
    return reply.header('content-type', 'application/x-pem-file').send(key.publicKeyPem);
  });

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://sim');
    const route = validator.match(req.method, url.pathname);
    const record = (status: number) =>
      state.calls.push({
        method: req.method,
        route: route ? `${route.asyncBulk ? 'async/bulk ' : ''}${route.template}` : url.pathname,
        status,
        at: iso(),
      });
    const fail = (status: number, error: CommerceError) => {
      record(status);
      if (status === 400) state.rejected.push({ method: req.method, path: url.pathname, error });
      return commerceError(reply, status, error);
    };
    const ok = (body: unknown, status = 200) => {
      record(status);
      return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
    };

    if (options.rateLimitPerSecond !== undefined) {
      const second = Math.floor(now().getTime() / 1000);
      if (rateWindow.second !== second) Object.assign(rateWindow, { second, count: 0 });
      rateWindow.count += 1;
      if (rateWindow.count > options.rateLimitPerSecond) {
        reply.header('retry-after', '1');
        return fail(429, { message: 'Too many requests. Try again later.' });
      }
    }
    if (!route) return fail(404, { message: 'Request does not match any route.' });
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return fail(401, {
        message: "The consumer isn't authorized to access %resources.",
        parameters: { resources: 'Magento_Sales::sales' },
      });
    }

    let body: unknown;
    if (req.method !== 'GET') {
      try {
        body = typeof req.body === 'string' && req.body.length > 0 ? JSON.parse(req.body) : undefined;
      } catch {
        return fail(400, { message: 'Decoding error: \nSyntax error' });
      }
      const check = validator.checkBody(req.method, url.pathname, body);
      if (!check.ok) return fail(400, check.error);
      if (limits.enabled) {
        if (route.asyncBulk && Array.isArray(body) && body.length > limits.asyncListMax) {
          return fail(400, {
            message: 'Maximum items of type "%type" is %max',
            parameters: { type: 'array', max: String(limits.asyncListMax) },
          });
        }
        const elements = route.asyncBulk && Array.isArray(body) ? body : [body];
        if (elements.some((e) => listBody(route, e) > limits.syncListMax)) {
          return fail(400, {
            message: 'Maximum items of type "%type" is %max',
            parameters: { type: 'sourceItems', max: String(limits.syncListMax) },
          });
        }
      }
    }
    const criteria = parseSearchCriteria(url.searchParams);
    if (limits.enabled && criteria.pageSize !== undefined && criteria.pageSize > limits.maxPageSize) {
      return fail(400, {
        message: 'Maximum SearchCriteria pageSize is %max',
        parameters: { max: String(limits.maxPageSize) },
      });
    }
    const orderParam = (name: string): SimOrder | undefined => {
      const n = Number(route.params[name]);
      return Number.isInteger(n) ? state.orders.get(n) : undefined;
    };
    const noOrder = () =>
      fail(404, { message: "The entity that was requested doesn't exist. Verify the entity and try again." });

    if (route.asyncBulk) {
      if (route.template !== '/V1/inventory/source-items' || req.method !== 'POST') {
        return fail(400, { message: 'This emulator accepts async bulk only for inventory source items.' });
      }
      const elements = body as unknown[];
      const uuid = randomUUID();
      const bulk: SimBulk = {
        uuid,
        description: `Topic async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post`,
        startTime: iso(),
        operations: elements.map((e, i) => ({
          id: i,
          status: OPERATION_STATUS.open,
          resultMessage: '',
          errorCode: 0,
          body: e,
        })),
      };
      state.bulks.set(uuid, bulk);
      processBulk(bulk);
      return ok(
        {
          bulk_uuid: uuid,
          request_items: elements.map((e, i) => ({
            id: i,
            data_hash: createHash('sha256').update(JSON.stringify(e)).digest('hex'),
            status: 'accepted',
          })),
          errors: false,
        },
        202,
      );
    }

    const key = `${req.method} ${route.template}`;
    switch (key) {
      case 'GET /V1/orders': {
        const rows = [...state.orders.values()].map(orderPayload);
        const { page, total } = applyCriteria(rows, criteria);
        return ok({ items: page, search_criteria: criteriaEcho(criteria), total_count: total });
      }
      case 'GET /V1/orders/{id}': {
        const order = orderParam('id');
        return order ? ok(orderPayload(order)) : noOrder();
      }
      case 'POST /V1/orders/{id}/comments': {
        const order = orderParam('id');
        if (!order) return noOrder();
        const h = commentBody.parse(body).statusHistory;
        order.histories.unshift({
          entityId: id(),
          comment: h.comment,
          status: h.status ?? order.status,
          isCustomerNotified: h.is_customer_notified ? 1 : 0,
          isVisibleOnFront: h.is_visible_on_front ? 1 : 0,
          createdAt: iso(),
        });
        order.updatedAt = iso();
        return ok(true);
      }
      case 'POST /V1/orders/{id}/cancel': {
        // OrderManagementInterface::cancel answers a bare boolean: false when the order cannot be cancelled.
        const order = orderParam('id');
        if (!order) return noOrder();
        return ok((await cancel(order)).cancelled);
      }
      case 'GET /V1/orders/{id}/comments': {
        const order = orderParam('id');
        if (!order) return noOrder();
        const items = (orderPayload(order).status_histories as unknown[]) ?? [];
        return ok({ items, search_criteria: criteriaEcho(criteria), total_count: items.length });
      }
      case 'POST /V1/order/{orderId}/ship': {
        const order = orderParam('orderId');
        if (!order) return noOrder();
        const result = ship(order, shipBody.parse(body));
        return result.ok ? ok(result.id) : fail(400, result.error);
      }
      case 'GET /V1/shipments': {
        const rows = [...state.shipments.values()].map(shipmentPayload);
        const { page, total } = applyCriteria(rows, criteria);
        return ok({ items: page, search_criteria: criteriaEcho(criteria), total_count: total });
      }
      case 'POST /V1/inventory/source-items': {
        const parsed = sourceItemsBody.parse(body);
        const failures = parsed.sourceItems.map(saveSourceItem).filter((m): m is string => m !== null);
        return failures.length > 0
          ? fail(400, {
              message: 'Could not save Source Item',
              errors: failures.map((message) => ({ message })),
            })
          : ok([]);
      }
      case 'GET /V1/inventory/source-items': {
        const rows = [...state.sourceItems.values()].map(sourceItemPayload);
        const { page, total } = applyCriteria(rows, criteria);
        return ok({ items: page, search_criteria: criteriaEcho(criteria), total_count: total });
      }
      case 'GET /V1/inventory/sources': {
        const rows = [...state.sources.values()].map(sourcePayload);
        const { page, total } = applyCriteria(rows, criteria);
        return ok({ items: page, search_criteria: criteriaEcho(criteria), total_count: total });
      }
      case 'GET /V1/products': {
        const rows = [...state.products.values()].map(productPayload);
        const { page, total } = applyCriteria(rows, criteria);
        return ok({ items: page, search_criteria: criteriaEcho(criteria), total_count: total });
      }
      case 'GET /V1/bulk/{bulkUuid}/status': {
        const bulk = state.bulks.get(route.params.bulkUuid ?? '');
        if (!bulk) return fail(404, { message: 'Bulk is not found' });
        return ok({
          bulk_id: bulk.uuid,
          description: bulk.description,
          start_time: bulk.startTime,
          user_id: 1,
          user_type: 1,
          operation_count: bulk.operations.length,
          operations_list: bulk.operations.map((o) => ({
            id: o.id,
            status: o.status,
            result_message: o.resultMessage,
            error_code: o.errorCode,
          })),
        });
      }
      default:
        return fail(404, { message: `Route ${key} is not served by this emulator.` });
    }
  };
  app.all('/rest/*', handle);
  app.all('/V1/*', handle);

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  // ------------------------------------------------------------------ helpers for tests, playground, benchmarks

  const emit = async (eventCode: string, value: Record<string, unknown>): Promise<SimEventDelivery[]> => {
    if (!eventsUrl) return [];
    const envelope = buildEnvelope(eventCfg, eventCode, value, now().toISOString());
    envelopes.set(envelope.event_id, envelope);
    const delivery = await deliver(eventsUrl, keys, envelope, 0);
    state.deliveries.push(delivery);
    return [delivery];
  };

  const emulator: AdobeCommerceEmulator = {
    url,
    restUrl: `${url}/rest/default`,
    accessToken,
    recipientClientId,
    signingKeys: keys,
    state,
    validator,
    close: async () => {
      await Promise.all([...pendingBulks]);
      await app.close();
    },
    setEventsUrl: (u) => {
      eventsUrl = u;
    },
    seedSource: (sourceCode, name) => {
      state.sources.set(sourceCode, { sourceCode, name: name ?? sourceCode, enabled: true });
    },
    seedProducts: (products) => {
      for (const p of products) {
        if (p.parentSku && !state.products.has(p.parentSku)) {
          state.products.set(p.parentSku, {
            id: id(),
            sku: p.parentSku,
            name: p.parentSku,
            typeId: 'configurable',
            priceMinor: p.priceMinor ?? 1000,
            updatedAt: iso(),
          });
        }
        state.products.set(p.sku, {
          id: state.products.get(p.sku)?.id ?? id(),
          sku: p.sku,
          name: p.name ?? p.sku,
          typeId: 'simple',
          priceMinor: p.priceMinor ?? 1000,
          ...(p.parentSku ? { parentSku: p.parentSku } : {}),
          updatedAt: iso(),
        });
        if (p.quantity !== undefined) {
          const sourceCode = p.sourceCode ?? 'default';
          state.sourceItems.set(`${p.sku}|${sourceCode}`, {
            sku: p.sku,
            sourceCode,
            quantity: p.quantity,
            status: p.quantity > 0 ? 1 : 0,
          });
        }
      }
    },
    placeOrder: async (input) => {
      const rate = input.taxPercent ?? 20;
      const entityId = id();
      const at = iso();
      const items: SimOrderItem[] = [];
      for (const line of input.items) {
        const product = state.products.get(line.sku);
        if (!product) throw new Error(`placeOrder: unknown SKU ${line.sku}; seed it first`);
        const priceIncl = line.priceMinor ?? product.priceMinor;
        const discount = line.discountMinor ?? 0;
        const rowIncl = priceIncl * line.qty;
        const tax = taxIncluded(rowIncl - discount, rate);
        const base = {
          sku: line.sku,
          name: product.name,
          qtyOrdered: line.qty,
          qtyShipped: 0,
          qtyInvoiced: 0,
          taxPercent: rate,
        };
        const parent = product.parentSku ? state.products.get(product.parentSku) : undefined;
        const row: SimOrderItem = {
          ...base,
          itemId: id(),
          productId: parent?.id ?? product.id,
          productType: parent ? 'configurable' : 'simple',
          priceInclMinor: priceIncl,
          priceExclMinor: priceIncl - taxIncluded(priceIncl, rate),
          rowInclMinor: rowIncl,
          rowExclMinor: rowIncl - taxIncluded(rowIncl, rate),
          discountMinor: discount,
          taxMinor: tax,
        };
        items.push(row);
        // A configurable sale is two rows: the priced parent (child's SKU) and the zero-priced simple child.
        if (parent) {
          items.push({
            ...base,
            itemId: id(),
            productId: product.id,
            productType: 'simple',
            parentItemId: row.itemId,
            priceInclMinor: 0,
            priceExclMinor: 0,
            rowInclMinor: 0,
            rowExclMinor: 0,
            discountMinor: 0,
            taxMinor: 0,
          });
        }
      }
      const shipping = input.shipping ?? {
        method: 'flatrate_flatrate',
        description: 'Flat Rate - Fixed',
        amountMinor: 500,
      };
      const shippingDiscount = shipping.discountMinor ?? 0;
      const shippingTax = taxIncluded(shipping.amountMinor - shippingDiscount, rate);
      const priced = items.filter((i) => i.parentItemId === undefined);
      const subtotalIncl = priced.reduce((s, i) => s + i.rowInclMinor, 0);
      const discount = priced.reduce((s, i) => s + i.discountMinor, 0) + shippingDiscount;
      const grandTotal = subtotalIncl - discount + shipping.amountMinor;
      const customer = input.customer ?? { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' };
      const addr = {
        ...DEFAULT_ADDRESS,
        firstname: customer.firstname,
        lastname: customer.lastname,
        ...input.address,
      };
      const order: SimOrder = {
        entityId,
        incrementId: input.incrementId ?? String(100000000 + entityId),
        state: 'new',
        status: 'pending',
        storeId: 1,
        createdAt: at,
        updatedAt: at,
        currency: input.currency ?? 'GBP',
        customerEmail: customer.email,
        customerFirstname: customer.firstname,
        customerLastname: customer.lastname,
        ...(customer.id !== undefined ? { customerId: customer.id } : {}),
        items,
        billing: addr,
        shipping: addr,
        shippingMethod: shipping.method,
        shippingDescription: shipping.description,
        shippingInclMinor: shipping.amountMinor,
        shippingTaxMinor: shippingTax,
        shippingDiscountMinor: shippingDiscount,
        subtotalInclMinor: subtotalIncl,
        subtotalExclMinor: priced.reduce((s, i) => s + i.rowExclMinor, 0),
        discountMinor: discount,
        taxMinor: priced.reduce((s, i) => s + i.taxMinor, 0) + shippingTax,
        grandTotalMinor: grandTotal,
        totalPaidMinor: 0,
        totalRefundedMinor: 0,
        paymentMethod: input.paymentMethod ?? 'checkmo',
        histories: [],
        invoiceIds: [],
      };
      state.orders.set(entityId, order);
      if (input.silent) {
        if (input.invoice) invoice(order);
        return { order, deliveries: [] };
      }
      const deliveries = await emit('observer.sales_order_save_commit_after', orderEventValue(order, true));
      if (input.invoice) deliveries.push(...(await emulator.invoiceOrder(entityId)));
      return { order, deliveries };
    },
    invoiceOrder: async (orderId) => {
      const order = state.orders.get(orderId);
      if (!order) throw new Error(`invoiceOrder: no order ${orderId}`);
      const invoiceId = invoice(order);
      const deliveries = await emit(
        'observer.sales_order_invoice_save_after',
        invoiceEventValue(order, invoiceId),
      );
      deliveries.push(
        ...(await emit('observer.sales_order_save_commit_after', orderEventValue(order, false))),
      );
      return deliveries;
    },
    cancelOrder: async (orderId) => {
      const order = state.orders.get(orderId);
      if (!order) throw new Error(`cancelOrder: no order ${orderId}`);
      return cancel(order);
    },
    refundOrder: async (orderId, input) => {
      const order = state.orders.get(orderId);
      if (!order) throw new Error(`refundOrder: no order ${orderId}`);
      const rows = input.items.map((r) => {
        const item = order.items.find((i) => i.sku === r.sku && i.parentItemId === undefined);
        if (!item) throw new Error(`refundOrder: order ${orderId} has no ${r.sku}`);
        return { item, qty: r.qty };
      });
      const creditmemoId = id();
      order.updatedAt = iso();
      order.totalRefundedMinor += creditmemoSubtotalMinor(rows) + (input.shippingMinor ?? 0);
      if (input.silent) return [];
      return emit(
        'observer.sales_order_creditmemo_save_after',
        creditmemoEventValue(order, {
          incrementId: String(creditmemoId).padStart(9, '0'),
          rows,
          shippingMinor: input.shippingMinor ?? 0,
          createdAt: iso(),
        }),
      );
    },
    redeliver: async (eventId) => {
      const envelope = envelopes.get(eventId);
      if (!envelope || !eventsUrl) throw new Error(`redeliver: unknown event ${eventId} or no events URL`);
      const attempts = state.deliveries.filter((d) => d.eventId === eventId).length;
      const delivery = await deliver(eventsUrl, keys, envelope, attempts);
      state.deliveries.push(delivery);
      return delivery;
    },
    drainBulks: async () => {
      while (pendingBulks.size > 0) await Promise.all([...pendingBulks]);
    },
    callCount: (filter) =>
      state.calls.filter(
        (c) =>
          (!filter?.method || c.method === filter.method) && (!filter?.route || c.route === filter.route),
      ).length,
    sourceQuantity: (sku, sourceCode) => state.sourceItems.get(`${sku}|${sourceCode}`)?.quantity,
  };
  return emulator;
}
