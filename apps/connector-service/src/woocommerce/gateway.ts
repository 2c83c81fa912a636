/**
 * WooCommerce's side of prima-core's StorefrontGateway: orders, notes and meta through REST v3, stock
 * through the product and variation batch endpoints (at most 100 items per request, one parent per
 * variations batch), and dispatches as a customer note with tracking plus the `completed` status.
 */
import type {
  Dispatch,
  Logger,
  Order,
  Page,
  Refund,
  StockPushResult,
  StockUpdate,
  StorefrontGateway,
  StorefrontVariant,
  WriteBack,
} from '@prima-connect/prima-core';
import { ProblemError } from '@prima-connect/prima-core';
import { z } from 'zod';
import { convertWooOrder, metaValue } from './order-converter.js';
import { convertWooRefund } from './refund-converter.js';
import { type WooCredentials, WooRestClient } from './rest-client.js';
import {
  type WooOrder,
  wooBatchReplySchema,
  wooOrderSchema,
  wooProductSchema,
  wooVariationSchema,
} from './schemas.js';

/** WooCommerce's default `woocommerce_rest_batch_items_limit`. */
export const WOO_BATCH_LIMIT = 100;
export const WOO_PER_PAGE = 100;
/** WooCommerce has no multi-location stock in core: one location stands for the shop. */
export const WOO_LOCATION_ID = 'default';

/** Meta keys the connector writes on orders; the plugin's meta box reads the same keys. */
export const META = {
  orderNumber: '_prima_order_number',
  status: '_prima_status',
  rawStatus: '_prima_raw_status',
  message: '_prima_message',
  updatedAt: '_prima_updated_at',
  dispatches: '_prima_dispatches',
} as const;

const dispatchRecord = z.object({ id: z.string(), noteId: z.number().int(), quantity: z.number().int() });
type DispatchRecord = z.infer<typeof dispatchRecord>;

/** `productId` for a simple product, `productId:variationId` for a variation: all pushStock needs. */
export function inventoryItemIdOf(productId: number, variationId?: number): string {
  return variationId ? `${productId}:${variationId}` : String(productId);
}

function parseInventoryItemId(id: string): { productId: number; variationId?: number } | null {
  const m = /^(\d+)(?::(\d+))?$/.exec(id);
  if (!m) return null;
  return m[2] ? { productId: Number(m[1]), variationId: Number(m[2]) } : { productId: Number(m[1]) };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface WooGatewayOptions {
  logger?: Logger;
  batchSize?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

export class WooGateway implements StorefrontGateway {
  readonly platform = 'woocommerce' as const;
  readonly client: WooRestClient;
  private readonly batchSize: number;

  constructor(
    creds: WooCredentials,
    private readonly opts: WooGatewayOptions = {},
  ) {
    this.client = new WooRestClient(creds, opts.fetch ? { fetch: opts.fetch } : {});
    this.batchSize = Math.min(WOO_BATCH_LIMIT, Math.max(1, opts.batchSize ?? WOO_BATCH_LIMIT));
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  private async rawOrder(id: string): Promise<WooOrder | null> {
    if (!/^\d+$/.test(id)) return null;
    const reply = await this.client.request('GET', `/orders/${id}`, wooOrderSchema, { allow404: true });
    return reply?.data ?? null;
  }

  private toOrder(raw: unknown): Order | null {
    const r = convertWooOrder(raw);
    if (r.ok) return r.value;
    // An order that cannot be converted surfaces when the engine loads it by id (invalid_order).
    this.opts.logger?.warn(
      { problems: r.problems.map((p) => p.code) },
      'woocommerce order could not be converted',
    );
    return null;
  }

  async getOrder(storefrontOrderId: string): Promise<Order | null> {
    const raw = await this.rawOrder(storefrontOrderId);
    if (!raw) return null;
    const r = convertWooOrder(raw);
    if (!r.ok) throw new ProblemError(r.problems[0]!);
    return r.value;
  }

  async listOrdersUpdatedSince(sinceIso: string, cursor?: string): Promise<Page<Order>> {
    const page = cursor ? Number(cursor) : 1;
    const reply = await this.client.request('GET', '/orders', z.array(z.unknown()), {
      query: {
        modified_after: sinceIso,
        dates_are_gmt: true,
        orderby: 'modified',
        order: 'asc',
        per_page: WOO_PER_PAGE,
        page,
      },
    });
    if (!reply) return { items: [] };
    const items = reply.data.map((raw) => this.toOrder(raw)).filter((o): o is Order => o !== null);
    return page < reply.totalPages ? { items, nextCursor: String(page + 1) } : { items };
  }

  async listVariants(cursor?: string): Promise<Page<StorefrontVariant>> {
    const page = cursor ? Number(cursor) : 1;
    const reply = await this.client.request('GET', '/products', z.array(wooProductSchema), {
      query: { per_page: WOO_PER_PAGE, page },
    });
    const items: StorefrontVariant[] = [];
    for (const p of reply?.data ?? []) {
      if (p.type === 'variable') {
        for (let vp = 1, pages = 1; vp <= pages; vp++) {
          const vr = await this.client.request(
            'GET',
            `/products/${p.id}/variations`,
            z.array(wooVariationSchema),
            {
              query: { per_page: WOO_PER_PAGE, page: vp },
            },
          );
          pages = vr?.totalPages ?? 1;
          for (const v of vr?.data ?? []) {
            const options = Object.fromEntries(v.attributes.map((a) => [a.name, a.option]));
            items.push({
              variantId: String(v.id),
              productId: String(p.id),
              sku: (v.sku ?? '').trim(),
              ...(p.sku ? { parentSku: p.sku } : {}),
              title: [p.name, ...Object.values(options)].join(' - '),
              inventoryItemId: inventoryItemIdOf(p.id, v.id),
              options,
            });
          }
        }
      } else if (p.type === 'simple') {
        items.push({
          variantId: String(p.id),
          productId: String(p.id),
          sku: (p.sku ?? '').trim(),
          title: p.name,
          inventoryItemId: inventoryItemIdOf(p.id),
          options: {},
        });
      }
    }
    return reply && page < reply.totalPages ? { items, nextCursor: String(page + 1) } : { items };
  }

  /** The order's refunds as canonical Refunds; ones that cannot be read are logged and left out. */
  async listRefunds(
    order: Pick<Order, 'storefrontOrderId' | 'currency' | 'pricesIncludeTax'>,
  ): Promise<Refund[]> {
    const reply = await this.client.request(
      'GET',
      `/orders/${order.storefrontOrderId}/refunds`,
      z.array(z.unknown()),
      {
        query: { per_page: WOO_PER_PAGE },
      },
    );
    const out: Refund[] = [];
    for (const raw of reply?.data ?? []) {
      const r = convertWooRefund(order, raw);
      if (r.ok) out.push(r.value);
      else
        this.opts.logger?.warn(
          { problems: r.problems.map((p) => p.code) },
          'woocommerce refund could not be converted',
        );
    }
    return out;
  }

  async listLocations(): Promise<{ id: string; name: string }[]> {
    return [{ id: WOO_LOCATION_ID, name: 'Shop stock' }];
  }

  /**
   * The quantities the shop shows now (onboarding's "from X to Y"), all at the one location. WooCommerce
   * has no batch read, so this lists with `include` (at most 100 ids, one page): one call per 100 simple
   * products and one per 100 variations of each parent, the same grouping pushStock writes with. Items
   * whose stock is not managed have no quantity, and deleted ones no row: their "before" stays unknown.
   */
  async readStockLevels(
    inventoryItemIds: string[],
  ): Promise<{ inventoryItemId: string; locationId: string; quantity: number }[]> {
    const groups = new Map<string, Map<number, string>>();
    for (const inventoryItemId of new Set(inventoryItemIds)) {
      const ref = parseInventoryItemId(inventoryItemId);
      if (!ref) continue;
      const path = ref.variationId ? `/products/${ref.productId}/variations` : '/products';
      const ids = groups.get(path) ?? new Map<number, string>();
      ids.set(ref.variationId ?? ref.productId, inventoryItemId);
      groups.set(path, ids);
    }
    const rows: { inventoryItemId: string; locationId: string; quantity: number }[] = [];
    for (const [path, ids] of groups) {
      const schema = path === '/products' ? wooProductSchema : wooVariationSchema;
      for (const part of chunk([...ids.keys()], WOO_PER_PAGE)) {
        // A parent deleted since the catalogue was read answers 404: its variations simply have no figure.
        const reply = await this.client.request('GET', path, z.array(schema), {
          query: { include: part.join(','), per_page: WOO_PER_PAGE },
          allow404: true,
        });
        for (const item of reply?.data ?? []) {
          const inventoryItemId = ids.get(item.id);
          // `parent` means the parent product's figure, which WooCommerce reports on the variation itself.
          if (!inventoryItemId || item.manage_stock === false || typeof item.stock_quantity !== 'number')
            continue;
          rows.push({ inventoryItemId, locationId: WOO_LOCATION_ID, quantity: item.stock_quantity });
        }
      }
    }
    return rows;
  }

  async pushStock(updates: StockUpdate[], _idempotencyKey: string): Promise<StockPushResult> {
    const result: StockPushResult = { calls: 0, applied: 0, failed: [] };
    // Variations batch per parent product; simple products share /products/batch.
    const groups = new Map<string, { path: string; rows: { id: number; u: StockUpdate }[] }>();
    for (const u of updates) {
      const ref = parseInventoryItemId(u.inventoryItemId);
      if (!ref) {
        result.failed.push({
          sku: u.sku,
          locationId: u.locationId,
          reason: `Unknown WooCommerce item ${u.inventoryItemId}`,
        });
        continue;
      }
      const path = ref.variationId ? `/products/${ref.productId}/variations/batch` : '/products/batch';
      const group = groups.get(path) ?? { path, rows: [] };
      group.rows.push({ id: ref.variationId ?? ref.productId, u });
      groups.set(path, group);
    }
    for (const group of groups.values()) {
      for (const part of chunk(group.rows, this.batchSize)) {
        result.calls += 1;
        try {
          const reply = await this.client.request('POST', group.path, wooBatchReplySchema, {
            body: {
              update: part.map((r) => ({
                id: r.id,
                manage_stock: true,
                stock_quantity: Math.max(0, r.u.quantity),
              })),
            },
          });
          const byId = new Map((reply?.data.update ?? []).map((x) => [x.id, x]));
          for (const r of part) {
            const item = byId.get(r.id);
            if (item && !item.error) result.applied += 1;
            else {
              result.failed.push({
                sku: r.u.sku,
                locationId: r.u.locationId,
                reason: item?.error?.message ?? 'WooCommerce did not confirm the update',
              });
            }
          }
        } catch (err) {
          const reason = err instanceof ProblemError ? err.problem.message : 'WooCommerce did not answer';
          for (const r of part) result.failed.push({ sku: r.u.sku, locationId: r.u.locationId, reason });
        }
      }
    }
    return result;
  }

  async createFulfilment(order: Order, dispatch: Dispatch): Promise<{ fulfilmentId: string }> {
    const raw = await this.rawOrder(order.storefrontOrderId);
    if (!raw) throw new Error(`WooCommerce order ${order.orderNumber} no longer exists`);
    const done = readDispatches(metaValue(raw.meta_data, META.dispatches));
    const seen = done.find((d) => d.id === dispatch.dispatchId);
    if (seen) return { fulfilmentId: String(seen.noteId) };

    // The customer note goes first: if we crash before recording it, the retry sends the note again
    // (a repeated email) rather than never telling the customer.
    const note = await this.client.request(
      'POST',
      `/orders/${raw.id}/notes`,
      z.looseObject({ id: z.number().int() }),
      {
        body: { note: trackingNote(dispatch), customer_note: true },
      },
    );
    const quantity = dispatch.lines.reduce((a, l) => a + l.quantity, 0);
    const record: DispatchRecord = { id: dispatch.dispatchId, noteId: note?.data.id ?? 0, quantity };
    const all = [...done, record];
    const ordered = order.lines.filter((l) => l.requiresShipping).reduce((a, l) => a + l.quantity, 0);
    const shipped = all.reduce((a, d) => a + d.quantity, 0);
    const complete = dispatch.lines.length === 0 || shipped >= ordered;
    await this.client.request('PUT', `/orders/${raw.id}`, wooOrderSchema, {
      body: {
        ...(complete && raw.status !== 'completed' ? { status: 'completed' } : {}),
        meta_data: [{ key: META.dispatches, value: JSON.stringify(all) }],
      },
    });
    return { fulfilmentId: String(record.noteId) };
  }

  async writeBack(order: Order, info: WriteBack): Promise<void> {
    await this.client.request('PUT', `/orders/${order.storefrontOrderId}`, wooOrderSchema, {
      body: {
        meta_data: [
          { key: META.orderNumber, value: info.primaOrderNumber ?? '' },
          { key: META.status, value: info.status },
          { key: META.rawStatus, value: info.primaStatus ?? '' },
          { key: META.message, value: info.message ?? '' },
          { key: META.updatedAt, value: this.now().toISOString() },
        ],
      },
    });
  }
}

function readDispatches(value: unknown): DispatchRecord[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed = z.array(dispatchRecord).safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The words the customer reads in WooCommerce's "note added to your order" email. */
export function trackingNote(d: Dispatch): string {
  const parts = [
    `Your order has been despatched with ${d.carrier || 'our carrier'}${d.service ? ` (${d.service})` : ''}.`,
  ];
  if (d.trackingNumber) parts.push(`Tracking number: ${d.trackingNumber}.`);
  if (d.trackingUrl) parts.push(`Track it here: ${d.trackingUrl}`);
  return parts.join(' ');
}
