/**
 * An in-memory StorefrontGateway: orders, variants, locations, stock levels, fulfilments and
 * write-backs, with call counting and injectable failures. It behaves like the real platforms where the
 * engine relies on it: stock pushes are batched (calls counted per batch), refused per row when the
 * figure changed since `previousQuantity` (Shopify's changeFromQuantity), and replayed pushes with the
 * same idempotency key are not applied twice; fulfilments are idempotent on the dispatch id.
 */
import type {
  Dispatch,
  Order,
  Platform,
  StockPushResult,
  StockUpdate,
  StorefrontVariant,
} from '../model/index.js';
import type { Page, StorefrontGateway, WriteBack } from '../ports.js';

export type StorefrontMethod =
  | 'getOrder'
  | 'listOrdersUpdatedSince'
  | 'listVariants'
  | 'listLocations'
  | 'pushStock'
  | 'createFulfilment'
  | 'writeBack';

export interface FakeStorefrontOptions {
  platform?: Platform;
  /** Largest batch the platform takes (Shopify 250, WooCommerce 100). */
  batchSize?: number;
  pageSize?: number;
  locations?: { id: string; name: string }[];
}

export interface FakeStorefront extends StorefrontGateway {
  readonly calls: Record<StorefrontMethod, number>;
  readonly fulfilments: { storefrontOrderId: string; dispatch: Dispatch; fulfilmentId: string }[];
  readonly writeBacks: { storefrontOrderId: string; info: WriteBack }[];
  readonly pushes: { idempotencyKey: string; updates: StockUpdate[] }[];
  putOrder(order: Order): void;
  putVariants(variants: StorefrontVariant[]): void;
  /** The figure the storefront shows for a variant's inventory item at a location. */
  stockLevel(inventoryItemId: string, locationId: string): number | undefined;
  setStockLevel(inventoryItemId: string, locationId: string, quantity: number): void;
  /** The next `times` calls of `method` throw `error`. */
  failNext(method: StorefrontMethod, times?: number, error?: Error): void;
  /** Every call of `method` throws until `heal` is called. */
  failAlways(method: StorefrontMethod, error?: Error): void;
  heal(method?: StorefrontMethod): void;
}

export function createFakeStorefront(opts: FakeStorefrontOptions = {}): FakeStorefront {
  const platform = opts.platform ?? 'shopify';
  const batchSize = opts.batchSize ?? 250;
  const pageSize = opts.pageSize ?? 50;
  const locations = opts.locations ?? [{ id: 'loc-1', name: 'Warehouse' }];
  const orders = new Map<string, Order>();
  const variants: StorefrontVariant[] = [];
  const levels = new Map<string, number>();
  const seenPushKeys = new Map<string, StockPushResult>();
  const failures = new Map<StorefrontMethod, { remaining: number; error: Error }>();
  const calls: Record<StorefrontMethod, number> = {
    getOrder: 0,
    listOrdersUpdatedSince: 0,
    listVariants: 0,
    listLocations: 0,
    pushStock: 0,
    createFulfilment: 0,
    writeBack: 0,
  };
  const fulfilments: FakeStorefront['fulfilments'] = [];
  const writeBacks: FakeStorefront['writeBacks'] = [];
  const pushes: FakeStorefront['pushes'] = [];
  const levelKey = (item: string, loc: string) => `${item}@${loc}`;

  function enter(method: StorefrontMethod): void {
    calls[method]++;
    const f = failures.get(method);
    if (!f) return;
    if (f.remaining !== Number.POSITIVE_INFINITY) {
      f.remaining--;
      if (f.remaining <= 0) failures.delete(method);
    }
    throw f.error;
  }

  const page = <T>(items: T[], cursor: string | undefined): Page<T> => {
    const start = cursor ? Number(cursor) : 0;
    const slice = items.slice(start, start + pageSize);
    const next = start + pageSize;
    return next < items.length ? { items: slice, nextCursor: String(next) } : { items: slice };
  };

  return {
    platform,
    calls,
    fulfilments,
    writeBacks,
    pushes,

    async getOrder(id) {
      enter('getOrder');
      const o = orders.get(id);
      return o ? structuredClone(o) : null;
    },

    async listOrdersUpdatedSince(sinceIso, cursor) {
      enter('listOrdersUpdatedSince');
      const since = Date.parse(sinceIso);
      const rows = [...orders.values()]
        .filter((o) => Date.parse(o.updatedAt) >= since)
        .sort(
          (a, b) =>
            a.updatedAt.localeCompare(b.updatedAt) || a.storefrontOrderId.localeCompare(b.storefrontOrderId),
        )
        .map((o) => structuredClone(o));
      return page(rows, cursor);
    },

    async listVariants(cursor) {
      enter('listVariants');
      return page(
        variants.map((v) => structuredClone(v)),
        cursor,
      );
    },

    async listLocations() {
      enter('listLocations');
      return locations.map((l) => ({ ...l }));
    },

    async pushStock(updates, idempotencyKey) {
      enter('pushStock');
      // A replay with the same key is acknowledged without being applied again.
      const replay = seenPushKeys.get(idempotencyKey);
      if (replay) return { ...replay, calls: 1 };
      pushes.push({ idempotencyKey, updates: structuredClone(updates) });
      const result: StockPushResult = {
        calls: Math.ceil(updates.length / batchSize),
        applied: 0,
        failed: [],
      };
      for (const u of updates) {
        const key = levelKey(u.inventoryItemId, u.locationId);
        const current = levels.get(key);
        if (u.previousQuantity !== null && current !== undefined && current !== u.previousQuantity) {
          result.failed.push({
            sku: u.sku,
            locationId: u.locationId,
            reason: `changed since last read (now ${current})`,
          });
          continue;
        }
        levels.set(key, u.quantity);
        result.applied++;
      }
      seenPushKeys.set(idempotencyKey, result);
      return result;
    },

    async createFulfilment(order, dispatch) {
      enter('createFulfilment');
      const existing = fulfilments.find(
        (f) =>
          f.storefrontOrderId === order.storefrontOrderId && f.dispatch.dispatchId === dispatch.dispatchId,
      );
      if (existing) return { fulfilmentId: existing.fulfilmentId };
      const fulfilmentId = `ful-${fulfilments.length + 1}`;
      fulfilments.push({
        storefrontOrderId: order.storefrontOrderId,
        dispatch: structuredClone(dispatch),
        fulfilmentId,
      });
      return { fulfilmentId };
    },

    async writeBack(order, info) {
      enter('writeBack');
      writeBacks.push({ storefrontOrderId: order.storefrontOrderId, info: { ...info } });
    },

    putOrder(order) {
      orders.set(order.storefrontOrderId, structuredClone(order));
    },
    putVariants(rows) {
      for (const v of rows) {
        const i = variants.findIndex((x) => x.variantId === v.variantId);
        if (i >= 0) variants[i] = structuredClone(v);
        else variants.push(structuredClone(v));
      }
    },
    stockLevel(item, loc) {
      return levels.get(levelKey(item, loc));
    },
    setStockLevel(item, loc, quantity) {
      levels.set(levelKey(item, loc), quantity);
    },
    failNext(method, times = 1, error = new Error(`${method} failed (injected)`)) {
      failures.set(method, { remaining: times, error });
    },
    failAlways(method, error = new Error(`${method} failed (injected)`)) {
      failures.set(method, { remaining: Number.POSITIVE_INFINITY, error });
    },
    heal(method) {
      if (method) failures.delete(method);
      else failures.clear();
    },
  };
}

/**
 * A paid, VAT-inclusive GBP order that adds up exactly: `lines` (sku, quantity, unit price) plus one
 * "standard" shipping charge. Tests vary it through `over`.
 */
export function sampleOrder(
  storefrontOrderId: string,
  over: Partial<Order> & {
    items?: { sku: string; quantity: number; unitPriceMinor: number }[];
    shippingMinor?: number;
  } = {},
): Order {
  const {
    items = [{ sku: 'ETOS-G-080', quantity: 2, unitPriceMinor: 5000 }],
    shippingMinor = 500,
    ...rest
  } = over;
  const lines = items.map((it, i) => ({
    lineId: `${storefrontOrderId}-L${i + 1}`,
    sku: it.sku,
    variantId: `var-${it.sku}`,
    title: `Item ${it.sku}`,
    quantity: it.quantity,
    unitPriceMinor: it.unitPriceMinor,
    discountMinor: 0,
    taxMinor: Math.round((it.quantity * it.unitPriceMinor) / 6),
    requiresShipping: true,
    isGiftCard: false,
  }));
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0) + shippingMinor;
  const address = {
    firstName: 'Ada',
    lastName: 'Lovelace',
    lines: ['12 St James Square'],
    city: 'London',
    postcode: 'SW1Y 4JH',
    country: 'GB',
    email: 'ada@example.test',
  };
  return {
    platform: 'shopify',
    storefrontOrderId,
    orderNumber: `#${storefrontOrderId}`,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    currency: 'GBP',
    pricesIncludeTax: true,
    financialStatus: 'paid',
    customer: { email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace' },
    shippingAddress: address,
    billingAddress: address,
    lines,
    charges:
      shippingMinor > 0
        ? [
            {
              kind: 'shipping',
              code: 'standard',
              title: 'Standard',
              amountMinor: shippingMinor,
              discountMinor: 0,
              taxMinor: Math.round(shippingMinor / 6),
            },
          ]
        : [],
    orderDiscountMinor: 0,
    taxMinor: lines.reduce((s, l) => s + l.taxMinor, 0) + Math.round(shippingMinor / 6),
    totalMinor: total,
    payments: [
      {
        gateway: 'shopify_payments',
        transactionId: `tx-${storefrontOrderId}`,
        amountMinor: total,
        status: 'captured',
      },
    ],
    tags: [],
    ...rest,
  };
}
