/**
 * prima-core's StorefrontGateway for Shopify, over the Admin GraphQL API. Shopify's shapes stay here and in
 * converter.server.ts; the engine sees canonical Orders, variants, stock updates and dispatches only.
 */
import { createHash } from 'node:crypto';
import {
  type Dispatch,
  type Order,
  type Page,
  ProblemError,
  problem,
  type StockPushResult,
  type StockUpdate,
  type StorefrontGateway,
  type StorefrontVariant,
  type WriteBack,
} from '@prima-connect/prima-core';
import type { AdminClient } from './admin-client.server.js';
import { gidTail, graphqlOrderToCanonical, orderGid } from './converter.server.js';
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_ORDERS_QUERY,
  INVENTORY_AVAILABLE_QUERY,
  INVENTORY_SET_QUANTITIES_MUTATION,
  LOCATIONS_QUERY,
  METAFIELDS_SET_MUTATION,
  ORDER_LINES_QUERY,
  ORDER_NOTE_MUTATION,
  ORDER_QUERY,
  ORDERS_UPDATED_SINCE_QUERY,
  TAGS_ADD_MUTATION,
  TAGS_REMOVE_MUTATION,
  VARIANTS_QUERY,
} from './documents.js';
import { createPayoutReader } from './payouts.server.js';

/** Shopify's limit per inventorySetQuantities call. */
export const SHOPIFY_STOCK_BATCH = 250;
/** Inventory items per `nodes` read: about 3 points each, so 250 stays well under the 1,000-point limit. */
export const STOCK_READ_PAGE = 250;
const STALE = 'CHANGE_FROM_QUANTITY_STALE';
export const PRIMA_NAMESPACE = 'prima';
/** Tags the app owns start with this; a status change replaces the old one. */
export const PRIMA_TAG_PREFIX = 'Prima:';
/** The note line the app owns; the merchant's and customer's text around it is kept. */
export const PRIMA_NOTE_PREFIX = 'Prima order';

export interface WriteBackOptions {
  metafield: boolean;
  note: boolean;
  tag: boolean;
}

export interface ShopifyGatewayOptions {
  client: AdminClient;
  /** Which write-backs the merchant chose (Settings > write back); read on every call. */
  writeBack?: () => WriteBackOptions | Promise<WriteBackOptions>;
  /** App name in inventory history (referenceDocumentUri gid://<app>/...). */
  appHandle?: string;
}

type Conn<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const gidOf = (type: string, id: string) => (id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`);

function apiProblem(
  message: string,
  action: string,
  detail: Record<string, string | number | boolean> = {},
  retryable = true,
) {
  return new ProblemError(problem('storefront_api_error', message, action, detail, retryable));
}

export function createShopifyGateway(
  opts: ShopifyGatewayOptions,
): StorefrontGateway & { client: AdminClient } {
  const { client } = opts;
  const payouts = createPayoutReader(client);
  const app = opts.appHandle ?? 'prima-connect';
  const writeBackOptions = async (): Promise<WriteBackOptions> =>
    opts.writeBack ? opts.writeBack() : { metafield: true, note: true, tag: true };

  async function getOrder(storefrontOrderId: string): Promise<Order | null> {
    const id = orderGid(storefrontOrderId);
    const data = await client.request<{
      order: (Record<string, unknown> & { lineItems: Conn<unknown> }) | null;
    }>(ORDER_QUERY, { id });
    if (!data.order) return null;
    const node = data.order;
    // Orders with more than one page of lines: fetch the rest before converting.
    let page = node.lineItems.pageInfo;
    const lines = [...node.lineItems.nodes];
    while (page.hasNextPage) {
      const more = await client.request<{ order: { lineItems: Conn<unknown> } | null }>(ORDER_LINES_QUERY, {
        id,
        after: page.endCursor,
      });
      if (!more.order) break;
      lines.push(...more.order.lineItems.nodes);
      page = more.order.lineItems.pageInfo;
    }
    const converted = graphqlOrderToCanonical({ ...node, lineItems: { nodes: lines } });
    if (!converted.ok)
      throw new ProblemError(
        converted.problems[0] ??
          problem('invalid_order', 'The order could not be read.', 'Report it to support.'),
      );
    return converted.value;
  }

  async function listOrdersUpdatedSince(sinceIso: string, cursor?: string): Promise<Page<Order>> {
    const data = await client.request<{ orders: Conn<{ id: string }> }>(ORDERS_UPDATED_SINCE_QUERY, {
      query: `updated_at:>='${sinceIso}'`,
      after: cursor ?? null,
    });
    const items: Order[] = [];
    for (const n of data.orders.nodes) {
      const o = await getOrder(n.id);
      if (o) items.push(o);
    }
    return {
      items,
      ...(data.orders.pageInfo.hasNextPage && data.orders.pageInfo.endCursor
        ? { nextCursor: data.orders.pageInfo.endCursor }
        : {}),
    };
  }

  async function listVariants(cursor?: string): Promise<Page<StorefrontVariant>> {
    type V = {
      id: string;
      sku: string | null;
      title: string;
      displayName: string;
      product: { id: string };
      inventoryItem: { id: string };
      selectedOptions: { name: string; value: string }[];
    };
    const data = await client.request<{ productVariants: Conn<V> }>(VARIANTS_QUERY, {
      after: cursor ?? null,
    });
    const items = data.productVariants.nodes.map((v) => ({
      variantId: gidTail(v.id),
      productId: gidTail(v.product.id),
      sku: (v.sku ?? '').trim(),
      title: v.displayName,
      inventoryItemId: gidTail(v.inventoryItem.id),
      options: Object.fromEntries(v.selectedOptions.map((o) => [o.name, o.value])),
    }));
    const pi = data.productVariants.pageInfo;
    return { items, ...(pi.hasNextPage && pi.endCursor ? { nextCursor: pi.endCursor } : {}) };
  }

  async function listLocations(): Promise<{ id: string; name: string }[]> {
    const out: { id: string; name: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { locations: Conn<{ id: string; name: string; isActive: boolean }> } = await client.request(
        LOCATIONS_QUERY,
        { after },
      );
      for (const l of data.locations.nodes) if (l.isActive) out.push({ id: gidTail(l.id), name: l.name });
      if (!data.locations.pageInfo.hasNextPage) return out;
      after = data.locations.pageInfo.endCursor;
    }
  }

  type SetResult = {
    inventorySetQuantities: {
      inventoryAdjustmentGroup: { id: string } | null;
      userErrors: { code: string | null; field: string[] | null; message: string }[];
    } | null;
  };

  type Refusal = { code: string | null; reason: string };

  /** One inventorySetQuantities call; returns the indexes Shopify refused (empty = applied). */
  async function setBatch(
    batch: StockUpdate[],
    key: string,
    reference: string,
  ): Promise<{ refused: Map<number, Refusal> }> {
    const data = await client.request<SetResult>(INVENTORY_SET_QUANTITIES_MUTATION, {
      idempotencyKey: key,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: reference,
        // changeFromQuantity is what we last pushed: Shopify refuses the row if someone changed it since.
        quantities: batch.map((u) => ({
          inventoryItemId: gidOf('InventoryItem', u.inventoryItemId),
          locationId: gidOf('Location', u.locationId),
          quantity: u.quantity,
          changeFromQuantity: u.previousQuantity,
        })),
      },
    });
    const result = data.inventorySetQuantities;
    const refused = new Map<number, Refusal>();
    for (const e of result?.userErrors ?? []) {
      const idx = e.field?.[0] === 'input' && e.field[1] === 'quantities' ? Number(e.field[2]) : Number.NaN;
      const why = e.code === STALE ? 'Stock changed in Shopify since the last sync' : e.message;
      const refusal = { code: e.code, reason: `${why} (${e.code ?? 'error'})` };
      if (Number.isInteger(idx)) refused.set(idx, refusal);
      else for (let i = 0; i < batch.length; i++) refused.set(i, refusal);
    }
    return { refused };
  }

  /**
   * Shopify's current `available` figure of each inventory item at one location (null = not stocked there).
   * One `nodes` query per page of STOCK_READ_PAGE items.
   */
  async function availableAt(locationId: string, itemIds: string[]): Promise<Map<string, number | null>> {
    type Node = {
      id?: string;
      inventoryLevel?: { quantities: { name: string; quantity: number }[] } | null;
    } | null;
    const out = new Map<string, number | null>();
    for (let start = 0; start < itemIds.length; start += STOCK_READ_PAGE) {
      const page = itemIds.slice(start, start + STOCK_READ_PAGE);
      const data = await client.request<{ nodes: Node[] }>(INVENTORY_AVAILABLE_QUERY, {
        ids: page.map((id) => gidOf('InventoryItem', id)),
        locationId: gidOf('Location', locationId),
      });
      // `nodes` answers in the order of the ids asked for.
      page.forEach((id, i) => {
        const level = data.nodes[i]?.inventoryLevel;
        const available = level?.quantities.find((q) => q.name === 'available')?.quantity;
        out.set(id, typeof available === 'number' ? available : null);
      });
    }
    return out;
  }

  /** Shopify's current `available` figure for each update's item and location (null = not stocked there). */
  async function readAvailable(updates: StockUpdate[]): Promise<Map<StockUpdate, number | null>> {
    const out = new Map<StockUpdate, number | null>();
    const byLocation = new Map<string, StockUpdate[]>();
    for (const u of updates) byLocation.set(u.locationId, [...(byLocation.get(u.locationId) ?? []), u]);
    for (const [locationId, list] of byLocation) {
      const figures = await availableAt(
        locationId,
        list.map((u) => u.inventoryItemId),
      );
      for (const u of list) out.set(u, figures.get(u.inventoryItemId) ?? null);
    }
    return out;
  }

  /** The store's figures for these inventory items at every location that stocks them (onboarding's preview). */
  async function readStockLevels(
    inventoryItemIds: string[],
  ): Promise<{ inventoryItemId: string; locationId: string; quantity: number }[]> {
    const rows: { inventoryItemId: string; locationId: string; quantity: number }[] = [];
    for (const location of await listLocations()) {
      for (const [inventoryItemId, quantity] of await availableAt(location.id, inventoryItemIds))
        if (quantity !== null) rows.push({ inventoryItemId, locationId: location.id, quantity });
    }
    return rows;
  }

  /** One batch: sent, then the rows Shopify did not object to resent, then stale rows retried once. */
  async function pushBatch(
    batch: StockUpdate[],
    key: string,
    reference: string,
    result: StockPushResult,
  ): Promise<void> {
    const before = client.stats.calls;
    try {
      const first = await setBatch(batch, key, reference);
      if (first.refused.size === 0) {
        result.applied += batch.length;
        return;
      }
      const stale: StockUpdate[] = [];
      for (const [i, refusal] of first.refused) {
        const u = batch[i];
        if (!u) continue;
        if (refusal.code === STALE) stale.push(u);
        else result.failed.push({ sku: u.sku, locationId: u.locationId, reason: refusal.reason });
      }
      // Shopify applies a batch all or nothing: resend the rows it did not object to, under a derived key.
      const rest = batch.filter((_u, i) => !first.refused.has(i));
      if (rest.length > 0) {
        const second = await setBatch(rest, `${key}:rest`, reference);
        rest.forEach((u, i) => {
          const refusal = second.refused.get(i);
          if (refusal?.code === STALE) stale.push(u);
          else if (refusal)
            result.failed.push({ sku: u.sku, locationId: u.locationId, reason: refusal.reason });
          else result.applied += 1;
        });
      }
      if (stale.length > 0) await retryStale(stale, key, reference, result);
    } finally {
      result.calls += client.stats.calls - before;
    }
  }

  /**
   * WHY a stale compare-and-swap is retried rather than reported: the figure we push is Prima's
   * available-to-sell minus the store's orders not yet in Prima, so the engine has already accounted for
   * the sale that moved Shopify's figure; Prima Connect owns the number. Re-read what Shopify holds and
   * set ours against it, once. The key derives from the sync's key and the figures read, so a retried
   * sync that reads the same figures replays the same call, and one that reads new figures is a new call.
   */
  async function retryStale(
    stale: StockUpdate[],
    key: string,
    reference: string,
    result: StockPushResult,
  ): Promise<void> {
    const current = await readAvailable(stale);
    const retry: StockUpdate[] = [];
    for (const u of stale) {
      const now = current.get(u) ?? null;
      // Already at our figure (e.g. a replayed sync whose retry went through): nothing to write.
      if (now === u.quantity) result.applied += 1;
      else retry.push({ ...u, previousQuantity: now });
    }
    if (retry.length === 0) return;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(retry.map((u) => [u.inventoryItemId, u.locationId, u.previousQuantity])))
      .digest('hex')
      .slice(0, 16);
    const again = await setBatch(retry, `${key}:fresh:${fingerprint}`, reference);
    retry.forEach((u, i) => {
      const refusal = again.refused.get(i);
      if (refusal) result.failed.push({ sku: u.sku, locationId: u.locationId, reason: refusal.reason });
      else result.applied += 1;
    });
  }

  async function pushStock(updates: StockUpdate[], idempotencyKey: string): Promise<StockPushResult> {
    const result: StockPushResult = { calls: 0, applied: 0, failed: [] };
    const reference = `gid://${app}/StockSync/${encodeURIComponent(idempotencyKey)}`;
    for (let start = 0, n = 0; start < updates.length; start += SHOPIFY_STOCK_BATCH, n++) {
      // Batch keys derive from the sync's key: a retried sync replays the same keys and Shopify applies each once.
      await pushBatch(
        updates.slice(start, start + SHOPIFY_STOCK_BATCH),
        `${idempotencyKey}:${n}`,
        reference,
        result,
      );
    }
    return result;
  }

  type FoData = {
    order: {
      id: string;
      fulfillmentOrders: {
        nodes: {
          id: string;
          status: string;
          assignedLocation: { location: { id: string } | null };
          lineItems: {
            nodes: { id: string; remainingQuantity: number; lineItem: { id: string; sku: string | null } }[];
          };
        }[];
      };
      fulfillments: {
        id: string;
        trackingInfo: { company: string | null; number: string | null; url: string | null }[];
      }[];
      dispatches: { value: string } | null;
    } | null;
  };

  async function createFulfilment(order: Order, dispatch: Dispatch): Promise<{ fulfilmentId: string }> {
    const id = orderGid(order.storefrontOrderId);
    const data = await client.request<FoData>(FULFILLMENT_ORDERS_QUERY, { id });
    if (!data.order) {
      throw new ProblemError(
        problem(
          'fulfilment_failed',
          `Shopify order ${order.orderNumber} no longer exists.`,
          'Check the order in Shopify.',
          {},
          false,
        ),
      );
    }
    // Idempotent on the Prima dispatch id: the map of dispatches already fulfilled lives on the order.
    const applied = parseDispatchMap(data.order.dispatches?.value);
    const done = applied[dispatch.dispatchId];
    if (done) return { fulfilmentId: done };

    const open = data.order.fulfillmentOrders.nodes.filter(
      (fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS',
    );
    // What to fulfil: the dispatch's lines by SKU, or everything still open when Prima gave no lines.
    const wanted = new Map<string, number>();
    for (const l of dispatch.lines) if (l.sku) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
    const byFo: {
      fulfillmentOrderId: string;
      locationId: string;
      fulfillmentOrderLineItems: { id: string; quantity: number }[];
    }[] = [];
    for (const fo of open) {
      const items: { id: string; quantity: number }[] = [];
      for (const li of fo.lineItems.nodes) {
        if (li.remainingQuantity <= 0) continue;
        if (wanted.size === 0) {
          items.push({ id: li.id, quantity: li.remainingQuantity });
          continue;
        }
        const sku = li.lineItem.sku ?? '';
        const left = wanted.get(sku) ?? 0;
        const q = Math.min(left, li.remainingQuantity);
        if (q > 0) {
          items.push({ id: li.id, quantity: q });
          wanted.set(sku, left - q);
        }
      }
      if (items.length)
        byFo.push({
          fulfillmentOrderId: fo.id,
          locationId: fo.assignedLocation.location?.id ?? '',
          fulfillmentOrderLineItems: items,
        });
    }
    if (byFo.length === 0) {
      throw new ProblemError(
        problem(
          'fulfilment_failed',
          `Nothing is left to fulfil on Shopify order ${order.orderNumber} for Prima dispatch ${dispatch.dispatchId}.`,
          'Check the order in Shopify: it may have been fulfilled by hand.',
          { dispatchId: dispatch.dispatchId },
          false,
        ),
      );
    }
    // One fulfilment per location: Shopify requires a fulfilment's fulfillment orders to share a location.
    const locations = [...new Set(byFo.map((g) => g.locationId))];
    const ids: string[] = [];
    for (const loc of locations) {
      const groups = byFo.filter((g) => g.locationId === loc).map(({ locationId: _l, ...g }) => g);
      const res = await client.request<{
        fulfillmentCreate: {
          fulfillment: { id: string } | null;
          userErrors: { field: string[] | null; message: string }[];
        } | null;
      }>(FULFILLMENT_CREATE_MUTATION, {
        fulfillment: {
          lineItemsByFulfillmentOrder: groups,
          // The customer hears from Shopify only now, once Prima says the goods have left.
          notifyCustomer: true,
          trackingInfo: {
            company: dispatch.carrier || null,
            ...(dispatch.trackingNumber ? { number: dispatch.trackingNumber } : {}),
            ...(dispatch.trackingUrl ? { url: dispatch.trackingUrl } : {}),
          },
        },
        message: `Prima dispatch ${dispatch.dispatchId}`,
      });
      const fc = res.fulfillmentCreate;
      if (!fc?.fulfillment) {
        const why = fc?.userErrors.map((e) => e.message).join('; ') || 'no reason given';
        throw new ProblemError(
          problem(
            'fulfilment_failed',
            `Shopify did not accept dispatch ${dispatch.dispatchId} for order ${order.orderNumber}: ${why}`,
            'Check the carrier and tracking in Prima, then retry.',
            { dispatchId: dispatch.dispatchId },
          ),
        );
      }
      ids.push(fc.fulfillment.id);
    }
    const fulfilmentId = gidTail(ids[0] as string);
    await setMetafields(id, [
      {
        key: 'dispatches',
        type: 'json',
        value: JSON.stringify({ ...applied, [dispatch.dispatchId]: fulfilmentId }),
      },
    ]);
    return { fulfilmentId };
  }

  async function setMetafields(
    ownerId: string,
    rows: { key: string; type: string; value: string }[],
  ): Promise<void> {
    const res = await client.request<{
      metafieldsSet: { userErrors: { field: string[] | null; message: string }[] } | null;
    }>(METAFIELDS_SET_MUTATION, {
      metafields: rows.map((r) => ({
        ownerId,
        namespace: PRIMA_NAMESPACE,
        key: r.key,
        type: r.type,
        value: r.value,
      })),
    });
    const errors = res.metafieldsSet?.userErrors ?? [];
    if (errors.length)
      throw apiProblem(
        `Shopify refused the Prima details on the order: ${errors[0]?.message}`,
        'Retry; if it repeats, report it to support.',
        {},
        false,
      );
  }

  async function writeBack(order: Order, info: WriteBack): Promise<void> {
    const id = orderGid(order.storefrontOrderId);
    const chosen = await writeBackOptions();
    if (chosen.metafield) {
      const rows = [{ key: 'status', type: 'single_line_text_field', value: info.status }];
      if (info.primaOrderNumber)
        rows.push({ key: 'order_number', type: 'single_line_text_field', value: info.primaOrderNumber });
      if (info.primaStatus)
        rows.push({ key: 'prima_status', type: 'single_line_text_field', value: info.primaStatus });
      rows.push({ key: 'message', type: 'single_line_text_field', value: info.message ?? '' });
      await setMetafields(
        id,
        rows.filter((r) => r.value !== ''),
      );
    }
    if (chosen.note) {
      const note = noteWithPrimaLine(order.note, info);
      if (note !== (order.note ?? '')) {
        const res = await client.request<{ orderUpdate: { userErrors: { message: string }[] } | null }>(
          ORDER_NOTE_MUTATION,
          { input: { id, note } },
        );
        const err = res.orderUpdate?.userErrors[0];
        if (err)
          throw apiProblem(
            `Shopify refused the order note: ${err.message}`,
            'Retry; if it repeats, turn off the note write-back in Settings.',
            {},
            false,
          );
      }
    }
    if (chosen.tag) {
      const tag = `${PRIMA_TAG_PREFIX} ${info.status}`;
      const stale = order.tags.filter((t) => t.startsWith(PRIMA_TAG_PREFIX) && t !== tag);
      if (stale.length) await client.request(TAGS_REMOVE_MUTATION, { id, tags: stale });
      if (!order.tags.includes(tag)) await client.request(TAGS_ADD_MUTATION, { id, tags: [tag] });
    }
  }

  return {
    platform: 'shopify',
    client,
    getOrder,
    listOrdersUpdatedSince,
    listVariants,
    listLocations,
    pushStock,
    readStockLevels,
    createFulfilment,
    writeBack,
    // Shopify Payments payouts with their balance transactions (payouts.server.ts).
    listPayouts: payouts.listPayouts,
  };
}

/** The order note with the app's one line replaced (or added); the rest of the note is kept as it was. */
export function noteWithPrimaLine(note: string | undefined, info: WriteBack): string {
  const kept = (note ?? '').split('\n').filter((l) => !l.startsWith(PRIMA_NOTE_PREFIX));
  const line = `${PRIMA_NOTE_PREFIX}${info.primaOrderNumber ? ` ${info.primaOrderNumber}` : ''}: ${info.status}${info.message ? ` (${info.message})` : ''}`;
  return [...kept.filter((l, i) => l !== '' || i < kept.length - 1), line].join('\n').replace(/^\n+/, '');
}

function parseDispatchMap(value: string | undefined): Record<string, string> {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(
        Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
  } catch {
    // A hand-edited metafield: treat as empty rather than fail the dispatch.
  }
  return {};
}
