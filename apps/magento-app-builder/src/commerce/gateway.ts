/**
 * prima-core's StorefrontGateway for Adobe Commerce, over REST V1 with an integration token.
 * - Orders: `GET /V1/orders/{id}`, `GET /V1/orders` (updated_at >= since, 100 a page; Commerce caps 300).
 * - Write-back: an order comment (`POST /V1/orders/{id}/comments`), not visible to the customer.
 * - Dispatch: `POST /V1/order/{id}/ship` with tracks and the MSI source; the customer is notified by
 *   Commerce only now, when goods have left. Idempotent on the Prima despatch id, which is written into
 *   the shipment comment and looked up before shipping again.
 * - Stock: the async bulk route of `POST /V1/inventory/source-items`: one request carries up to 5,000
 *   synchronous bodies of up to 20 source items each (Commerce's input limits when a merchant turns
 *   them on), then the bulk status is read to learn which operations failed.
 * - Locations are MSI sources (`source_code`); settings.maps.locations maps them to Prima warehouses.
 * - Current figures (onboarding's stock preview): `GET /V1/inventory/source-items`, 100 SKUs a request
 *   with an `in` filter on sku, paged at 300 rows.
 */
import {
  type Dispatch,
  type Logger,
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
import { type ConvertOptions, toCanonicalOrder } from './order-converter.js';
import { type CommerceClient, searchCriteria } from './rest-client.js';

export interface CommerceGatewayOptions extends ConvertOptions {
  client: CommerceClient;
  /** Source used for a shipment when the order line does not name one. */
  defaultSourceCode?: string;
  /** Prima carrier name -> Commerce carrier code (ups, usps, fedex, dhl, custom). Default: custom. */
  carrierCodes?: Record<string, string>;
  /** Source items per synchronous body (Commerce input limit default 20). */
  sourceItemsPerOperation?: number;
  /** Operations per async bulk request (Commerce input limit default 5,000). */
  operationsPerBulk?: number;
  /** How often, and how long apart, to read a bulk's status before reporting it. */
  bulkStatusPolls?: number;
  bulkStatusIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

interface SearchResult<T> {
  items: T[];
  total_count: number;
}

interface BulkAccepted {
  bulk_uuid: string;
  request_items: { id: number; status: string }[];
  errors: boolean;
}

interface BulkStatus {
  operations_list: { id: number; status: number; result_message?: string | null }[];
}

/** Magento_AsynchronousOperations: 1 complete, 2/3 failed, 4 open, 5 rejected. */
const OP_COMPLETE = 1;
const OP_OPEN = 4;

export const DISPATCH_COMMENT_PREFIX = 'Prima despatch';

/** SKUs per source-items read: keeps the query string short (well under common 8 kB URL limits). */
const SKUS_PER_READ = 100;
const SOURCE_ITEMS_PAGE = 300;

const chunk = <T>(rows: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/** Commerce compares `updated_at` as "YYYY-MM-DD HH:MM:SS" (UTC). */
const commerceTime = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

export function createCommerceGateway(
  options: CommerceGatewayOptions,
): StorefrontGateway & { readonly calls: number } {
  const { client } = options;
  const perOperation = options.sourceItemsPerOperation ?? 20;
  const perBulk = options.operationsPerBulk ?? 5000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  const convert = (raw: unknown): Order => {
    const result = toCanonicalOrder(raw, options);
    if (!result.ok)
      throw new ProblemError(
        result.problems[0] ??
          problem('invalid_order', 'The Commerce order could not be read.', 'Check the order in Commerce.'),
      );
    return result.value;
  };

  async function readBulk(uuid: string, operations: number): Promise<BulkStatus['operations_list']> {
    const polls = options.bulkStatusPolls ?? 10;
    let last: BulkStatus['operations_list'] = [];
    for (let i = 0; i < polls; i++) {
      if (i > 0) await sleep(options.bulkStatusIntervalMs ?? 500);
      last = (await client.get<BulkStatus>(`/V1/bulk/${encodeURIComponent(uuid)}/status`)).operations_list;
      if (last.length >= operations && last.every((op) => op.status !== OP_OPEN)) break;
    }
    return last;
  }

  const gateway: StorefrontGateway & { readonly calls: number } = {
    platform: 'magento',
    get calls() {
      return client.calls;
    },

    async getOrder(storefrontOrderId) {
      if (!/^\d+$/.test(storefrontOrderId)) return null;
      try {
        return convert(await client.get(`/V1/orders/${storefrontOrderId}`));
      } catch (err) {
        if (err instanceof ProblemError && err.problem.detail?.status === 404) return null;
        throw err;
      }
    },

    async listOrdersUpdatedSince(sinceIso, cursor) {
      const page = cursor ? Number(cursor) : 1;
      const pageSize = 100;
      const res = await client.get<SearchResult<unknown>>(
        '/V1/orders',
        searchCriteria(
          [{ field: 'updated_at', value: commerceTime(sinceIso), conditionType: 'gteq' }],
          pageSize,
          page,
        ),
      );
      const items: Order[] = [];
      for (const raw of res.items) {
        const r = toCanonicalOrder(raw, options);
        if (r.ok) items.push(r.value);
        else
          options.logger?.warn({ problems: r.problems }, 'skipped an unreadable Commerce order in catch-up');
      }
      return { items, ...(page * pageSize < res.total_count ? { nextCursor: String(page + 1) } : {}) };
    },

    async listVariants(cursor): Promise<Page<StorefrontVariant>> {
      const page = cursor ? Number(cursor) : 1;
      const pageSize = 300;
      const res = await client.get<
        SearchResult<{ id: number; sku: string; name?: string; type_id?: string }>
      >('/V1/products', searchCriteria([{ field: 'type_id', value: 'simple' }], pageSize, page));
      return {
        // In Commerce, stock lives on the simple product and is addressed by SKU.
        items: res.items.map((p) => ({
          variantId: String(p.id),
          productId: String(p.id),
          sku: p.sku,
          title: p.name ?? p.sku,
          inventoryItemId: p.sku,
          options: {},
        })),
        ...(page * pageSize < res.total_count ? { nextCursor: String(page + 1) } : {}),
      };
    },

    async listLocations() {
      const res = await client.get<SearchResult<{ source_code: string; name?: string; enabled?: boolean }>>(
        '/V1/inventory/sources',
        searchCriteria([], 300, 1),
      );
      return res.items
        .filter((s) => s.enabled !== false)
        .map((s) => ({ id: s.source_code, name: s.name ?? s.source_code }));
    },

    async readStockLevels(inventoryItemIds) {
      // In Commerce the inventory item is the SKU; Commerce compares SKUs case-insensitively.
      const wanted = new Map(inventoryItemIds.map((id) => [id.toUpperCase(), id]));
      const out: { inventoryItemId: string; locationId: string; quantity: number }[] = [];
      for (const skus of chunk([...wanted.values()], SKUS_PER_READ)) {
        // `in` takes a comma-separated list, so a SKU with a comma gets its own `eq` filter in the
        // same group (filters in one group are ORed).
        const plain = skus.filter((s) => !s.includes(','));
        const filters = [
          ...(plain.length > 0 ? [{ value: plain.join(','), conditionType: 'in' }] : []),
          ...skus.filter((s) => s.includes(',')).map((value) => ({ value, conditionType: 'eq' })),
        ];
        for (let page = 1; ; page++) {
          const query = searchCriteria([], SOURCE_ITEMS_PAGE, page);
          filters.forEach((f, i) => {
            query[`searchCriteria[filterGroups][0][filters][${i}][field]`] = 'sku';
            query[`searchCriteria[filterGroups][0][filters][${i}][value]`] = f.value;
            query[`searchCriteria[filterGroups][0][filters][${i}][conditionType]`] = f.conditionType;
          });
          const res = await client.get<SearchResult<{ sku: string; source_code: string; quantity?: number }>>(
            '/V1/inventory/source-items',
            query,
          );
          for (const item of res.items) {
            const id = wanted.get(item.sku.toUpperCase());
            // Commerce keeps decimal quantities; the storefront sells whole units.
            if (id !== undefined)
              out.push({
                inventoryItemId: id,
                locationId: item.source_code,
                quantity: Math.max(0, Math.floor(Number(item.quantity ?? 0))),
              });
          }
          if (page * SOURCE_ITEMS_PAGE >= res.total_count || res.items.length === 0) break;
        }
      }
      return out;
    },

    async pushStock(updates: StockUpdate[], _idempotencyKey: string): Promise<StockPushResult> {
      const before = client.calls;
      const rows = updates.map((u) => ({
        sku: u.inventoryItemId || u.sku,
        source_code: u.locationId,
        quantity: u.quantity,
        status: u.quantity > 0 ? 1 : 0,
      }));
      const operations = chunk(rows, perOperation);
      const failed: StockPushResult['failed'] = [];
      let applied = 0;
      for (const bulk of chunk(operations, perBulk)) {
        const accepted = await client.postAsyncBulk<BulkAccepted>(
          '/V1/inventory/source-items',
          bulk.map((sourceItems) => ({ sourceItems })),
        );
        const statuses = await readBulk(accepted.bulk_uuid, bulk.length);
        bulk.forEach((items, i) => {
          const op = statuses.find((s) => s.id === i);
          if (op?.status === OP_COMPLETE) applied += items.length;
          else {
            const reason =
              !op || op.status === OP_OPEN
                ? 'Commerce has not processed the update yet (queue consumer busy)'
                : op.result_message || 'Commerce refused the update';
            for (const it of items) failed.push({ sku: it.sku, locationId: it.source_code, reason });
          }
        });
      }
      return { calls: client.calls - before, applied, failed };
    },

    async createFulfilment(order: Order, dispatch: Dispatch) {
      const marker = `${DISPATCH_COMMENT_PREFIX} ${dispatch.dispatchId}`;
      const existing = await client.get<
        SearchResult<{ entity_id: number; comments?: { comment: string }[] }>
      >('/V1/shipments', searchCriteria([{ field: 'order_id', value: order.storefrontOrderId }], 100, 1));
      const already = existing.items.find((s) =>
        (s.comments ?? []).some((c) => c.comment.startsWith(marker)),
      );
      if (already) return { fulfilmentId: String(already.entity_id) };

      const items = dispatch.lines.map((dl) => {
        const line =
          (dl.sku ? order.lines.find((l) => l.sku === dl.sku) : undefined) ?? order.lines[dl.lineNo - 1];
        if (!line) {
          throw new ProblemError(
            problem(
              'fulfilment_failed',
              `Prima despatch ${dispatch.dispatchId} names line ${dl.lineNo}${dl.sku ? ` (${dl.sku})` : ''}, which order ${order.orderNumber} does not have.`,
              'Check the despatch in Prima and create the shipment in Commerce by hand.',
              { dispatchId: dispatch.dispatchId },
              false,
            ),
          );
        }
        return { order_item_id: Number(line.lineId), qty: dl.quantity };
      });
      const source = order.lines.find((l) => l.locationId)?.locationId ?? options.defaultSourceCode;
      const carrierTitle = [dispatch.carrier, dispatch.service].filter(Boolean).join(' ') || 'Carrier';
      const body = {
        items,
        notify: true,
        appendComment: true,
        comment: {
          comment: `${marker}${dispatch.trackingUrl ? ` - ${dispatch.trackingUrl}` : ''}`,
          is_visible_on_front: 0,
        },
        ...(dispatch.trackingNumber
          ? {
              tracks: [
                {
                  track_number: dispatch.trackingNumber,
                  title: carrierTitle,
                  carrier_code: options.carrierCodes?.[dispatch.carrier] ?? 'custom',
                },
              ],
            }
          : {}),
        ...(source ? { arguments: { extension_attributes: { source_code: source } } } : {}),
      };
      const res = await client.post<number>(`/V1/order/${order.storefrontOrderId}/ship`, body);
      return { fulfilmentId: String(res.body) };
    },

    async writeBack(order: Order, info: WriteBack) {
      const parts = [`Prima: ${info.status}`];
      if (info.primaOrderNumber) parts.push(`order ${info.primaOrderNumber}`);
      if (info.primaStatus) parts.push(`(${info.primaStatus})`);
      const comment = `${parts.join(' ')}${info.message ? ` - ${info.message}` : ''}`;
      await client.post<boolean>(`/V1/orders/${order.storefrontOrderId}/comments`, {
        statusHistory: {
          comment,
          is_customer_notified: 0,
          is_visible_on_front: 0,
          parent_id: Number(order.storefrontOrderId),
        },
      });
    },
  };
  return gateway;
}
