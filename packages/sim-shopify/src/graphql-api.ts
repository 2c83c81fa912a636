/**
 * The Admin GraphQL operations the emulator answers, executed by graphql-js against Shopify's real
 * introspection schema: a query asking for a field Shopify does not have fails validation exactly as on
 * Shopify, and a field the emulator does not model comes back null (or a non-null error), never invented.
 */
import { createHash } from 'node:crypto';
import { GraphQLError, type GraphQLResolveInfo, type GraphQLSchema, getDirectiveValues } from 'graphql';
import { connection, type PageArgs } from './connection.js';
import { gid, moneyBag, parseGid } from './ids.js';
import { paymentsAccountNode } from './payments.js';
import {
  orderTotals,
  refundedUnits,
  type ShopState,
  type SimAddress,
  type SimOrder,
  type SimVariant,
} from './state.js';

/** Reasons Shopify accepts for inventory changes (quantities-states documentation). */
export const INVENTORY_REASONS = new Set([
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_updated',
  'movement_received',
  'movement_canceled',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
]);

export const MAX_INVENTORY_QUANTITIES = 250;
export const MAX_METAFIELDS_PER_SET = 25;

export interface ApiContext {
  state: ShopState;
  schema: GraphQLSchema;
  apiVersion: string;
  nowIso: () => string;
  /** idempotency key -> fingerprint of the input and the stored payload. */
  idempotency: Map<string, { fingerprint: string; payload: unknown }>;
  /** Fired after a change Shopify reports with orders/updated (note, tags, fulfilments). */
  onOrderChanged?: (order: SimOrder) => void;
}

type Args = Record<string, unknown>;

function address(a: SimAddress | null) {
  if (!a) return null;
  return {
    id: gid('MailingAddress', 1),
    firstName: a.firstName,
    lastName: a.lastName,
    name: `${a.firstName} ${a.lastName}`.trim(),
    company: a.company ?? null,
    address1: a.address1,
    address2: a.address2 ?? null,
    city: a.city,
    province: a.province ?? null,
    provinceCode: a.provinceCode ?? null,
    zip: a.zip,
    countryCodeV2: a.countryCode,
    phone: a.phone ?? null,
  };
}

function financialStatus(o: SimOrder): string {
  return o.financialStatus;
}

function fulfillmentNode(_ctx: ApiContext, orderId: number, f: SimOrder['fulfillments'][number]) {
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    name: `#${orderId}-F${f.id}`,
    status: f.status,
    createdAt: f.createdAt,
    trackingInfo: () => f.tracking.map((t) => ({ company: t.company, number: t.number, url: t.url })),
  };
}

export function orderNode(ctx: ApiContext, o: SimOrder) {
  const t = orderTotals(o);
  const cur = o.currency;
  return {
    __typename: 'Order',
    id: gid('Order', o.id),
    name: o.name,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.createdAt,
    cancelledAt: o.cancelledAt,
    cancelReason: o.cancelReason ? o.cancelReason.toUpperCase() : null,
    currencyCode: cur,
    presentmentCurrencyCode: cur,
    taxesIncluded: o.taxesIncluded,
    displayFinancialStatus: financialStatus(o),
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    test: true,
    customer: o.customer
      ? {
          __typename: 'Customer',
          id: gid('Customer', o.customer.id),
          firstName: o.customer.firstName,
          lastName: o.customer.lastName,
          displayName: `${o.customer.firstName} ${o.customer.lastName}`.trim(),
          defaultEmailAddress: { emailAddress: o.customer.email },
          defaultPhoneNumber: o.customer.phone ? { phoneNumber: o.customer.phone } : null,
        }
      : null,
    shippingAddress: address(o.shippingAddress),
    billingAddress: address(o.billingAddress),
    totalPriceSet: moneyBag(t.totalMinor, cur),
    currentTotalPriceSet: moneyBag(t.totalMinor, cur),
    subtotalPriceSet: moneyBag(t.subtotalMinor, cur),
    totalTaxSet: moneyBag(t.taxMinor, cur),
    totalDiscountsSet: moneyBag(t.discountsMinor, cur),
    totalShippingPriceSet: moneyBag(t.shippingMinor, cur),
    lineItems: (args: PageArgs) =>
      connection(
        o.lines.map((l) => ({
          __typename: 'LineItem',
          id: gid('LineItem', l.id),
          sku: l.sku || null,
          name: l.title,
          title: l.title,
          quantity: l.quantity,
          // As on Shopify: `quantity` never goes down, `currentQuantity` leaves out refunded units.
          currentQuantity: l.quantity - refundedUnits(o, l.id),
          requiresShipping: l.requiresShipping,
          isGiftCard: l.giftCard,
          variant: l.variantId
            ? { __typename: 'ProductVariant', id: gid('ProductVariant', l.variantId) }
            : null,
          product: l.productId ? { __typename: 'Product', id: gid('Product', l.productId) } : null,
          originalUnitPriceSet: moneyBag(l.priceMinor, cur),
          totalDiscountSet: moneyBag(l.discountMinor, cur),
          taxLines: l.taxMinor
            ? [{ priceSet: moneyBag(l.taxMinor, cur), title: 'Tax', ratePercentage: null, rate: null }]
            : [],
        })),
        args,
      ),
    shippingLines: (args: PageArgs) =>
      connection(
        o.shippingLines.map((s) => ({
          id: gid('ShippingLine', s.id),
          code: s.code,
          title: s.title,
          originalPriceSet: moneyBag(s.priceMinor, cur),
          discountAllocations: s.discountMinor
            ? [{ allocatedAmountSet: moneyBag(s.discountMinor, cur) }]
            : [],
          taxLines: s.taxMinor ? [{ priceSet: moneyBag(s.taxMinor, cur), title: 'Tax' }] : [],
        })),
        args,
      ),
    refunds: (args: { first?: number | null }) =>
      o.refunds.slice(0, args.first ?? o.refunds.length).map((r) => ({
        __typename: 'Refund',
        id: gid('Refund', r.id),
        createdAt: r.createdAt,
        note: r.note,
        refundLineItems: (a: PageArgs) =>
          connection(
            r.lines.map((rl, i) => ({
              __typename: 'RefundLineItem',
              id: gid('RefundLineItem', r.id * 1000 + i),
              quantity: rl.quantity,
              restocked: rl.restock,
              lineItem: { __typename: 'LineItem', id: gid('LineItem', rl.lineItemId) },
            })),
            a,
          ),
      })),
    transactions: (args: { first?: number | null }) =>
      o.transactions.slice(0, args.first ?? o.transactions.length).map((tr) => ({
        id: gid('OrderTransaction', tr.id),
        gateway: tr.gateway,
        kind: tr.kind,
        status: tr.status,
        amountSet: moneyBag(tr.amountMinor, cur),
      })),
    fulfillmentOrders: (args: PageArgs) =>
      connection(
        o.fulfillmentOrders.map((fo) => ({
          id: gid('FulfillmentOrder', fo.id),
          status: fo.status,
          assignedLocation: { location: { id: gid('Location', fo.locationId) } },
          lineItems: (a: PageArgs) =>
            connection(
              fo.lines.map((fl) => {
                const line = o.lines.find((l) => l.id === fl.lineItemId);
                return {
                  id: gid('FulfillmentOrderLineItem', fl.id),
                  remainingQuantity: fl.remaining,
                  totalQuantity: line?.quantity ?? 0,
                  sku: line?.sku ?? null,
                  lineItem: {
                    id: gid('LineItem', fl.lineItemId),
                    sku: line?.sku || null,
                    name: line?.title ?? '',
                  },
                };
              }),
              a,
            ),
        })),
        args,
      ),
    fulfillments: (args: { first?: number | null }) =>
      o.fulfillments.slice(0, args.first ?? o.fulfillments.length).map((f) => fulfillmentNode(ctx, o.id, f)),
    metafield: (args: { namespace?: string | null; key: string }) => {
      const m = o.metafields.get(`${args.namespace ?? ''}.${args.key}`);
      return m
        ? { id: gid('Metafield', m.id), namespace: m.namespace, key: m.key, type: m.type, value: m.value }
        : null;
    },
  };
}

function variantNode(state: ShopState, v: SimVariant) {
  const product = state.products.find((p) => p.id === v.productId);
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', v.id),
    sku: v.sku || null,
    title: v.title,
    displayName: `${product?.title ?? ''} - ${v.title}`,
    price: (v.priceMinor / 100).toFixed(2),
    product: { __typename: 'Product', id: gid('Product', v.productId), title: product?.title ?? '' },
    inventoryItem: {
      __typename: 'InventoryItem',
      id: gid('InventoryItem', v.inventoryItemId),
      sku: v.sku || null,
    },
    selectedOptions: v.options,
  };
}

/**
 * An InventoryItem as `nodes(ids:)` returns it: its level at one location, with the named quantities.
 * Only `available` is tracked; other names read 0, and a location the item is not stocked at gives null.
 */
function inventoryItemNode(state: ShopState, itemId: number) {
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', itemId),
    inventoryLevel: (args: { locationId: string }) => {
      const location = parseGid(args.locationId, 'Location');
      if (location === null) return null;
      const available = state.available(itemId, location);
      if (available === undefined) return null;
      return {
        __typename: 'InventoryLevel',
        location: { __typename: 'Location', id: gid('Location', location) },
        quantities: (a: { names: string[] }) =>
          a.names.map((name) => ({ name, quantity: name === 'available' ? available : 0 })),
      };
    },
  };
}

/** Shopify's search syntax, the small part the emulator understands: `updated_at:>=ISO`, `created_at:>ISO`. */
function orderMatches(o: SimOrder, query: string | undefined): boolean {
  if (!query) return true;
  for (const term of query.split(/\s+(?:AND\s+)?/).filter(Boolean)) {
    const m = /^(updated_at|created_at):(>=|<=|>|<)?'?([^']+)'?$/.exec(term);
    if (!m) continue;
    const field = m[1] === 'updated_at' ? o.updatedAt : o.createdAt;
    const a = Date.parse(field);
    const b = Date.parse(m[3] ?? '');
    const op = m[2] ?? '>=';
    const ok = op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : a < b;
    if (!ok) return false;
  }
  return true;
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function idempotencyKey(ctx: ApiContext, info: GraphQLResolveInfo): string | undefined {
  const directive = ctx.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return undefined;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === 'string' ? values.key : undefined;
}

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

function inventorySetQuantities(ctx: ApiContext, args: Args, info: GraphQLResolveInfo) {
  const input = args.input as {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    quantities: QuantityInput[];
  };
  const key = idempotencyKey(ctx, info);
  if (!key && ctx.apiVersion >= '2026-04') {
    throw new GraphQLError('The @idempotent directive is required for this mutation.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  if (input.quantities.length > MAX_INVENTORY_QUANTITIES) {
    throw new GraphQLError(
      `The input array size of ${input.quantities.length} is greater than the maximum allowed of ${MAX_INVENTORY_QUANTITIES}.`,
      { extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } },
    );
  }
  const print = fingerprint(input);
  if (key) {
    const seen = ctx.idempotency.get(key);
    if (seen && seen.fingerprint !== print) {
      return {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
            field: ['input'],
            message: 'The same idempotency key cannot be used with different operation parameters.',
          },
        ],
      };
    }
    // Same key, same input: Shopify answers with the first result and applies nothing again.
    if (seen) return seen.payload;
  }
  const payload = applyInventory(ctx, input);
  if (key) ctx.idempotency.set(key, { fingerprint: print, payload });
  return payload;
}

function applyInventory(
  ctx: ApiContext,
  input: { name: string; reason: string; referenceDocumentUri?: string | null; quantities: QuantityInput[] },
) {
  const { state } = ctx;
  const errors: { code: string; field: string[]; message: string }[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    errors.push({
      code: 'INVALID_NAME',
      field: ['input', 'name'],
      message: "The quantity name must be either 'available' or 'on_hand'.",
    });
  }
  if (!INVENTORY_REASONS.has(input.reason)) {
    errors.push({
      code: 'INVALID_REASON',
      field: ['input', 'reason'],
      message: 'The specified reason is invalid.',
    });
  }
  const seenPairs = new Set<string>();
  const writes: { item: number; location: number; quantity: number }[] = [];
  input.quantities.forEach((q, i) => {
    const at = (f: string) => ['input', 'quantities', String(i), f];
    if (ctx.apiVersion >= '2026-04' && !('changeFromQuantity' in q)) {
      errors.push({
        code: 'COMPARE_QUANTITY_REQUIRED',
        field: at('changeFromQuantity'),
        message:
          'changeFromQuantity is required: pass the expected current quantity, or null to skip the check.',
      });
      return;
    }
    const item = parseGid(q.inventoryItemId, 'InventoryItem');
    const location = parseGid(q.locationId, 'Location');
    if (item === null || !state.hasInventoryItem(item)) {
      errors.push({
        code: 'INVALID_INVENTORY_ITEM',
        field: at('inventoryItemId'),
        message: 'The specified inventory item could not be found.',
      });
      return;
    }
    if (location === null || !state.locations.some((l) => l.id === location)) {
      errors.push({
        code: 'INVALID_LOCATION',
        field: at('locationId'),
        message: 'The specified location could not be found.',
      });
      return;
    }
    const pair = `${item}:${location}`;
    if (seenPairs.has(pair)) {
      errors.push({
        code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
        field: at('inventoryItemId'),
        message: 'The combination of inventoryItemId and locationId must be unique.',
      });
      return;
    }
    seenPairs.add(pair);
    const current = state.available(item, location);
    if (current === undefined) {
      errors.push({
        code: 'ITEM_NOT_STOCKED_AT_LOCATION',
        field: at('locationId'),
        message: 'The specified inventory item is not stocked at the location.',
      });
      return;
    }
    if (q.quantity > 1_000_000_000) {
      errors.push({
        code: 'INVALID_QUANTITY_TOO_HIGH',
        field: at('quantity'),
        message: "The total quantity can't be higher than 1,000,000,000.",
      });
      return;
    }
    if (q.quantity < -1_000_000_000) {
      errors.push({
        code: 'INVALID_QUANTITY_TOO_LOW',
        field: at('quantity'),
        message: "The total quantity can't be lower than -1,000,000,000.",
      });
      return;
    }
    if (
      q.changeFromQuantity !== null &&
      q.changeFromQuantity !== undefined &&
      q.changeFromQuantity !== current
    ) {
      errors.push({
        code: 'CHANGE_FROM_QUANTITY_STALE',
        field: at('changeFromQuantity'),
        message: 'The changeFromQuantity value does not match persisted value.',
      });
      return;
    }
    writes.push({ item, location, quantity: q.quantity });
  });
  // All or nothing, as Shopify applies one adjustment group.
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };
  for (const w of writes) state.setAvailable(w.item, w.location, w.quantity);
  state.counters.inventoryQuantitiesSet += writes.length;
  const group = {
    id: state.nextId(),
    createdAt: ctx.nowIso(),
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes: writes.length,
  };
  state.adjustmentGroups.push(group);
  return {
    inventoryAdjustmentGroup: {
      id: gid('InventoryAdjustmentGroup', group.id),
      createdAt: group.createdAt,
      reason: group.reason,
    },
    userErrors: [],
  };
}

interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: {
    company?: string | null;
    number?: string | null;
    numbers?: string[] | null;
    url?: string | null;
    urls?: string[] | null;
  } | null;
}

function fulfillmentCreate(ctx: ApiContext, args: Args) {
  const input = args.fulfillment as FulfillmentInput;
  const { state } = ctx;
  const fail = (message: string, field: string[] = ['fulfillment']) => ({
    fulfillment: null,
    userErrors: [{ field, message }],
  });
  if (input.lineItemsByFulfillmentOrder.length === 0)
    return fail('Line items by fulfillment order must not be empty.');
  let order: SimOrder | undefined;
  const plan: {
    fo: SimOrder['fulfillmentOrders'][number];
    line: SimOrder['fulfillmentOrders'][number]['lines'][number];
    quantity: number;
  }[] = [];
  for (const group of input.lineItemsByFulfillmentOrder) {
    const foId = parseGid(group.fulfillmentOrderId, 'FulfillmentOrder');
    const owner = [...state.orders.values()].find((o) => o.fulfillmentOrders.some((f) => f.id === foId));
    const fo = owner?.fulfillmentOrders.find((f) => f.id === foId);
    if (!owner || !fo)
      return fail('Fulfillment order does not exist.', ['fulfillment', 'lineItemsByFulfillmentOrder']);
    if (order && order.id !== owner.id) return fail('All fulfillment orders must belong to the same order.');
    order = owner;
    if (fo.status === 'CLOSED' || fo.status === 'CANCELLED')
      return fail(`Fulfillment order ${group.fulfillmentOrderId} is ${fo.status.toLowerCase()}.`);
    const wanted = group.fulfillmentOrderLineItems?.length
      ? group.fulfillmentOrderLineItems.map((li) => ({
          id: parseGid(li.id, 'FulfillmentOrderLineItem'),
          quantity: li.quantity,
        }))
      : fo.lines.filter((l) => l.remaining > 0).map((l) => ({ id: l.id, quantity: l.remaining }));
    for (const w of wanted) {
      const line = fo.lines.find((l) => l.id === w.id);
      if (!line) return fail('Fulfillment order line item does not exist.');
      if (w.quantity < 1 || w.quantity > line.remaining)
        return fail('Invalid fulfillment order line item quantity requested.');
      plan.push({ fo, line, quantity: w.quantity });
    }
  }
  if (!order || plan.length === 0) return fail('Nothing left to fulfil.');
  for (const p of plan) p.line.remaining -= p.quantity;
  for (const fo of new Set(plan.map((p) => p.fo)))
    fo.status = fo.lines.every((l) => l.remaining === 0) ? 'CLOSED' : 'IN_PROGRESS';
  const t = input.trackingInfo ?? null;
  const numbers = t ? [...(t.number ? [t.number] : []), ...(t.numbers ?? [])] : [];
  const urls = t ? [...(t.url ? [t.url] : []), ...(t.urls ?? [])] : [];
  const tracking = numbers.length
    ? numbers.map((n, i) => ({ company: t?.company ?? null, number: n, url: urls[i] ?? null }))
    : t?.company
      ? [{ company: t.company, number: null, url: urls[0] ?? null }]
      : [];
  const f = {
    id: state.nextId(),
    orderId: order.id,
    status: 'SUCCESS' as const,
    createdAt: ctx.nowIso(),
    tracking,
    lines: plan.map((p) => ({ fulfillmentOrderLineId: p.line.id, quantity: p.quantity })),
    notifyCustomer: input.notifyCustomer ?? false,
  };
  order.fulfillments.push(f);
  order.updatedAt = ctx.nowIso();
  ctx.onOrderChanged?.(order);
  return { fulfillment: fulfillmentNode(ctx, order.id, f), userErrors: [] };
}

function metafieldsSet(ctx: ApiContext, args: Args) {
  const rows = args.metafields as {
    ownerId: string;
    namespace?: string | null;
    key: string;
    type?: string | null;
    value: string;
  }[];
  if (rows.length > MAX_METAFIELDS_PER_SET) {
    return {
      metafields: null,
      userErrors: [
        {
          field: ['metafields'],
          message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_SET}.`,
          code: 'LESS_THAN_OR_EQUAL_TO',
        },
      ],
    };
  }
  const out = [];
  for (const [i, r] of rows.entries()) {
    const orderId = parseGid(r.ownerId, 'Order');
    const order = orderId === null ? undefined : ctx.state.orders.get(orderId);
    if (!order)
      return {
        metafields: null,
        userErrors: [
          { field: ['metafields', String(i), 'ownerId'], message: 'Owner does not exist.', code: 'INVALID' },
        ],
      };
    const namespace = r.namespace ?? '$app';
    const existing = order.metafields.get(`${namespace}.${r.key}`);
    const type = r.type ?? existing?.type;
    if (!type)
      return {
        metafields: null,
        userErrors: [
          { field: ['metafields', String(i), 'type'], message: "Type can't be blank.", code: 'BLANK' },
        ],
      };
    const m = { id: existing?.id ?? ctx.state.nextId(), namespace, key: r.key, type, value: r.value };
    order.metafields.set(`${namespace}.${r.key}`, m);
    out.push({ id: gid('Metafield', m.id), namespace, key: r.key, value: r.value, type });
  }
  return { metafields: out, userErrors: [] };
}

function orderUpdate(ctx: ApiContext, args: Args) {
  const input = args.input as { id: string; note?: string | null; tags?: string[] | null };
  const id = parseGid(input.id, 'Order');
  const order = id === null ? undefined : ctx.state.orders.get(id);
  if (!order) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
  if ('note' in input) order.note = input.note ?? null;
  if (input.tags) order.tags = [...input.tags];
  order.updatedAt = ctx.nowIso();
  ctx.onOrderChanged?.(order);
  return { order: orderNode(ctx, order), userErrors: [] };
}

function tagsChange(ctx: ApiContext, args: Args, add: boolean) {
  const id = parseGid(args.id, 'Order');
  const order = id === null ? undefined : ctx.state.orders.get(id);
  if (!order) return { node: null, userErrors: [{ field: ['id'], message: 'Resource does not exist' }] };
  const tags = (args.tags as string[])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  order.tags = add ? [...new Set([...order.tags, ...tags])] : order.tags.filter((t) => !tags.includes(t));
  order.updatedAt = ctx.nowIso();
  ctx.onOrderChanged?.(order);
  return { node: { __typename: 'Order', id: gid('Order', order.id) }, userErrors: [] };
}

/** Root values for graphql-js' default resolvers: functions receive (args, context, info). */
export function rootValue(ctx: ApiContext) {
  const { state } = ctx;
  const sortedOrders = () => [...state.orders.values()].sort((a, b) => a.id - b.id);
  return {
    shop: {
      __typename: 'Shop',
      id: gid('Shop', 1),
      name: state.shopName,
      myshopifyDomain: state.shopDomain,
      currencyCode: state.currency,
    },
    order: (args: Args) => {
      const id = parseGid(args.id, 'Order');
      const o = id === null ? undefined : state.orders.get(id);
      return o ? orderNode(ctx, o) : null;
    },
    orders: (
      args: PageArgs & { query?: string | null; sortKey?: string | null; reverse?: boolean | null },
    ) => {
      let list = sortedOrders().filter((o) => orderMatches(o, args.query ?? undefined));
      if (args.sortKey === 'UPDATED_AT')
        list = list.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id);
      if (args.reverse) list = list.reverse();
      return connection(
        list.map((o) => orderNode(ctx, o)),
        args,
      );
    },
    nodes: (args: { ids: string[] }) =>
      args.ids.map((id) => {
        // Only inventory items are looked up by id in the emulator; anything else reads as missing.
        const item = parseGid(id, 'InventoryItem');
        return item !== null && state.allVariants().some((v) => v.inventoryItemId === item)
          ? inventoryItemNode(state, item)
          : null;
      }),
    shopifyPaymentsAccount: () => paymentsAccountNode(state),
    productVariants: (args: PageArgs) =>
      connection(
        state.allVariants().map((v) => variantNode(state, v)),
        args,
      ),
    locations: (args: PageArgs) =>
      connection(
        state.locations.map((l) => ({
          __typename: 'Location',
          id: gid('Location', l.id),
          name: l.name,
          isActive: l.isActive,
        })),
        args,
      ),
    inventorySetQuantities: (args: Args, _c: unknown, info: GraphQLResolveInfo) =>
      inventorySetQuantities(ctx, args, info),
    fulfillmentCreate: (args: Args) => fulfillmentCreate(ctx, args),
    metafieldsSet: (args: Args) => metafieldsSet(ctx, args),
    orderUpdate: (args: Args) => orderUpdate(ctx, args),
    tagsAdd: (args: Args) => tagsChange(ctx, args, true),
    tagsRemove: (args: Args) => tagsChange(ctx, args, false),
  };
}
