/**
 * The emulated shop: products, variations, orders and webhooks, plus the helpers tests use to seed a
 * catalogue and place orders that fire signed webhooks.
 */
import { randomBytes } from 'node:crypto';
import { taxInGross, taxOnNet, wooDate } from './money.js';
import { serializeOrder, serializeProduct } from './serialize.js';
import type {
  SimOrder,
  SimProduct,
  SimRefund,
  SimVariation,
  SimWebhook,
  WebhookDelivery,
  WooAddress,
  WooOrderStatus,
} from './types.js';
import { deliverWebhook, pingWebhook } from './webhooks.js';

export interface PlaceOrderLine {
  sku: string;
  quantity: number;
  /** Unit price override in minor units (defaults to the product's price). */
  priceMinor?: number;
}

export interface PlaceOrderInput {
  lines: PlaceOrderLine[];
  status?: WooOrderStatus;
  currency?: string;
  pricesIncludeTax?: boolean;
  taxRateBp?: number;
  shipping?: { methodId: string; title: string; totalMinor: number } | null;
  fees?: { name: string; totalMinor: number }[];
  /** A percentage coupon applied to every line. */
  coupon?: { code: string; percent: number };
  paymentMethod?: string;
  billing?: Partial<WooAddress>;
  shippingAddress?: Partial<WooAddress>;
  customerNote?: string;
  /** false simulates a webhook that never arrived (the shop's delivery failed silently). */
  deliverWebhooks?: boolean;
}

const DEFAULT_ADDRESS: WooAddress = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  company: '',
  address_1: '12 Analytical Row',
  address_2: '',
  city: 'London',
  state: '',
  postcode: 'N1 9GU',
  country: 'GB',
  email: 'ada@example.test',
  phone: '020 7946 0000',
};

export interface ShopOptions {
  sourceUrl: () => string;
  now?: () => Date;
  pricesIncludeTax?: boolean;
  taxRateBp?: number;
  currency?: string;
}

export class SimShop {
  readonly products = new Map<number, SimProduct>();
  readonly variations = new Map<number, SimVariation>();
  readonly orders = new Map<number, SimOrder>();
  readonly webhooks = new Map<number, SimWebhook>();
  readonly deliveries: WebhookDelivery[] = [];
  private nextId = 100;
  private nextDelivery = 1;
  private pending: Promise<unknown>[] = [];

  constructor(private readonly opts: ShopOptions) {}

  now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  // ------------------------------------------------------------ catalogue

  seedSimpleProduct(input: {
    sku: string;
    name?: string;
    priceMinor?: number;
    stock?: number | null;
  }): SimProduct {
    const p: SimProduct = {
      id: this.id(),
      name: input.name ?? input.sku,
      type: 'simple',
      sku: input.sku,
      priceMinor: input.priceMinor ?? 1000,
      manage_stock: input.stock !== null,
      stock_quantity: input.stock === null ? null : (input.stock ?? 0),
      stock_status: (input.stock ?? 0) > 0 ? 'instock' : 'outofstock',
      backorders: 'no',
      variations: [],
      date_modified_gmt: wooDate(this.now()),
    };
    this.products.set(p.id, p);
    return p;
  }

  seedVariableProduct(input: {
    name: string;
    sku?: string;
    variants: { sku: string; priceMinor?: number; stock?: number; options?: Record<string, string> }[];
  }): { product: SimProduct; variations: SimVariation[] } {
    const product: SimProduct = {
      id: this.id(),
      name: input.name,
      type: 'variable',
      sku: input.sku ?? '',
      priceMinor: input.variants[0]?.priceMinor ?? 1000,
      manage_stock: false,
      stock_quantity: null,
      stock_status: 'instock',
      backorders: 'no',
      variations: [],
      date_modified_gmt: wooDate(this.now()),
    };
    this.products.set(product.id, product);
    const variations = input.variants.map((v) => {
      const variation: SimVariation = {
        id: this.id(),
        parent_id: product.id,
        sku: v.sku,
        priceMinor: v.priceMinor ?? product.priceMinor,
        attributes: Object.entries(v.options ?? {}).map(([name, option], i) => ({ id: i + 1, name, option })),
        manage_stock: true,
        stock_quantity: v.stock ?? 0,
        stock_status: (v.stock ?? 0) > 0 ? 'instock' : 'outofstock',
        backorders: 'no',
        date_modified_gmt: wooDate(this.now()),
      };
      this.variations.set(variation.id, variation);
      product.variations.push(variation.id);
      return variation;
    });
    return { product, variations };
  }

  /** Finds the sellable record for a SKU: a variation, or a simple product. */
  findBySku(sku: string): { product: SimProduct; variation?: SimVariation } | null {
    for (const v of this.variations.values()) {
      if (v.sku === sku) {
        const product = this.products.get(v.parent_id);
        if (product) return { product, variation: v };
      }
    }
    for (const p of this.products.values()) if (p.sku === sku && p.type === 'simple') return { product: p };
    return null;
  }

  /** Current stock for a SKU (null when unmanaged or unknown): what tests assert after a push. */
  stockOf(sku: string): number | null {
    const hit = this.findBySku(sku);
    if (!hit) return null;
    return (hit.variation ?? hit.product).stock_quantity;
  }

  // ------------------------------------------------------------ orders

  placeOrder(input: PlaceOrderInput): SimOrder {
    const rate = input.taxRateBp ?? this.opts.taxRateBp ?? 2000;
    const inclusive = input.pricesIncludeTax ?? this.opts.pricesIncludeTax ?? true;
    const status = input.status ?? 'processing';
    const now = wooDate(this.now());
    const percent = input.coupon?.percent ?? 0;
    const lines = input.lines.map((l) => {
      const hit = this.findBySku(l.sku);
      if (!hit) throw new Error(`sim-woocommerce: no product with SKU ${l.sku}`);
      const unit = l.priceMinor ?? (hit.variation ?? hit.product).priceMinor;
      const entered = unit * l.quantity;
      const enteredAfterCoupon = entered - Math.round((entered * percent) / 100);
      // WooCommerce stores line amounts excluding tax whatever way prices were entered.
      const split = (amount: number) =>
        inclusive
          ? { net: amount - taxInGross(amount, rate), tax: taxInGross(amount, rate) }
          : { net: amount, tax: taxOnNet(amount, rate) };
      const before = split(entered);
      const after = split(enteredAfterCoupon);
      return {
        id: this.id(),
        name: hit.variation
          ? `${hit.product.name} - ${hit.variation.attributes.map((a) => a.option).join(', ')}`
          : hit.product.name,
        product_id: hit.product.id,
        variation_id: hit.variation?.id ?? 0,
        quantity: l.quantity,
        tax_class: '',
        subtotalMinor: before.net,
        subtotalTaxMinor: before.tax,
        totalMinor: after.net,
        totalTaxMinor: after.tax,
        sku: l.sku,
        meta_data: [],
      };
    });
    const shipping =
      input.shipping === null
        ? []
        : [
            {
              id: this.id(),
              method_id: input.shipping?.methodId ?? 'flat_rate',
              method_title: input.shipping?.title ?? 'Flat rate',
              instance_id: '1',
              // Shipping costs are entered excluding tax in WooCommerce.
              totalMinor: input.shipping?.totalMinor ?? 495,
              totalTaxMinor: taxOnNet(input.shipping?.totalMinor ?? 495, rate),
            },
          ];
    const id = this.id();
    const order: SimOrder = {
      id,
      number: String(id),
      order_key: `wc_order_${randomBytes(6).toString('hex')}`,
      created_via: 'checkout',
      status,
      currency: input.currency ?? this.opts.currency ?? 'GBP',
      prices_include_tax: inclusive,
      date_created_gmt: now,
      date_modified_gmt: now,
      date_paid_gmt: status === 'processing' || status === 'completed' ? now : null,
      date_completed_gmt: status === 'completed' ? now : null,
      customer_id: 0,
      customer_note: input.customerNote ?? '',
      billing: { ...DEFAULT_ADDRESS, ...input.billing },
      shipping: { ...DEFAULT_ADDRESS, email: undefined, ...input.shippingAddress },
      payment_method: input.paymentMethod ?? 'stripe',
      payment_method_title: 'Credit card',
      transaction_id: status === 'processing' ? `ch_${randomBytes(6).toString('hex')}` : '',
      meta_data: [],
      line_items: lines,
      shipping_lines: shipping,
      fee_lines: (input.fees ?? []).map((f) => ({
        id: this.id(),
        name: f.name,
        totalMinor: f.totalMinor,
        totalTaxMinor: taxOnNet(f.totalMinor, rate),
      })),
      coupon_lines: input.coupon
        ? [
            {
              id: this.id(),
              code: input.coupon.code,
              discountMinor: lines.reduce((a, l) => a + l.subtotalMinor - l.totalMinor, 0),
              discountTaxMinor: lines.reduce((a, l) => a + l.subtotalTaxMinor - l.totalTaxMinor, 0),
            },
          ]
        : [],
      taxRateBp: rate,
      notes: [],
      refunds: [],
    };
    this.orders.set(id, order);
    // Stock is reduced at checkout, as WooCommerce does for managed stock.
    for (const l of input.lines) {
      const hit = this.findBySku(l.sku);
      const rec = hit ? (hit.variation ?? hit.product) : null;
      if (rec?.manage_stock && rec.stock_quantity !== null) rec.stock_quantity -= l.quantity;
    }
    if (input.deliverWebhooks !== false) this.fire('order', 'created', order);
    return order;
  }

  /** Changes the status as the shop admin would, firing order.updated. */
  setOrderStatus(id: number, status: WooOrderStatus, opts: { deliverWebhooks?: boolean } = {}): SimOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`sim-woocommerce: no order ${id}`);
    this.applyStatus(order, status);
    this.touch(order);
    if (opts.deliverWebhooks !== false) this.fire('order', 'updated', order);
    return order;
  }

  applyStatus(order: SimOrder, status: WooOrderStatus): void {
    const now = wooDate(this.now());
    order.status = status;
    if ((status === 'processing' || status === 'completed') && !order.date_paid_gmt)
      order.date_paid_gmt = now;
    if (status === 'completed') order.date_completed_gmt = now;
  }

  touch(order: SimOrder): void {
    order.date_modified_gmt = wooDate(this.now());
  }

  /**
   * Refunds units of some lines (and optionally all shipping) as the shop admin would, at each line's
   * own price; fires order.updated, as WooCommerce does when a refund is made.
   */
  refundOrder(
    id: number,
    input: {
      lines: { sku: string; quantity: number }[];
      shipping?: boolean;
      reason?: string;
      deliverWebhooks?: boolean;
    },
  ): SimRefund {
    const order = this.orders.get(id);
    if (!order) throw new Error(`sim-woocommerce: no order ${id}`);
    const lines = input.lines.map((r) => {
      const li = order.line_items.find((l) => l.sku === r.sku);
      if (!li) throw new Error(`sim-woocommerce: order ${id} has no line with SKU ${r.sku}`);
      return {
        id: this.id(),
        lineItemId: li.id,
        quantity: r.quantity,
        totalMinor: Math.round((li.totalMinor * r.quantity) / li.quantity),
        totalTaxMinor: Math.round((li.totalTaxMinor * r.quantity) / li.quantity),
      };
    });
    const ship = input.shipping ? order.shipping_lines.reduce((a, s) => a + s.totalMinor, 0) : 0;
    const shipTax = input.shipping ? order.shipping_lines.reduce((a, s) => a + s.totalTaxMinor, 0) : 0;
    const refund: SimRefund = {
      id: this.id(),
      reason: input.reason ?? '',
      date_created_gmt: wooDate(this.now()),
      totalMinor: lines.reduce((a, l) => a + l.totalMinor + l.totalTaxMinor, 0) + ship + shipTax,
      lines,
      shippingMinor: ship,
      shippingTaxMinor: shipTax,
    };
    order.refunds.push(refund);
    const refundedUnits = order.refunds.flatMap((r) => r.lines).reduce((a, l) => a + l.quantity, 0);
    if (refundedUnits >= order.line_items.reduce((a, l) => a + l.quantity, 0)) order.status = 'refunded';
    this.touch(order);
    if (input.deliverWebhooks !== false) this.fire('order', 'updated', order);
    return refund;
  }

  // ------------------------------------------------------------ webhooks

  addWebhook(input: { topic: string; deliveryUrl: string; secret: string; name?: string }): SimWebhook {
    const hook: SimWebhook = {
      id: this.id(),
      name: input.name ?? input.topic,
      status: 'active',
      topic: input.topic,
      delivery_url: input.deliveryUrl,
      secret: input.secret,
      failure_count: 0,
    };
    this.webhooks.set(hook.id, hook);
    return hook;
  }

  ping(hook: SimWebhook): Promise<WebhookDelivery> {
    return this.track(pingWebhook(hook, this.deliveryContext()));
  }

  /** Sends `<resource>.<event>` to every active webhook subscribed to it. */
  fire(
    resource: 'order' | 'product',
    event: 'created' | 'updated' | 'deleted',
    record: SimOrder | SimProduct,
  ): void {
    const topic = `${resource}.${event}`;
    const payload =
      event === 'deleted'
        ? { id: record.id }
        : resource === 'order'
          ? serializeOrder(record as SimOrder)
          : serializeProduct(record as SimProduct);
    for (const hook of this.webhooks.values()) {
      if (hook.status !== 'active' || hook.topic !== topic) continue;
      void this.track(deliverWebhook(hook, resource, event, record.id, payload, this.deliveryContext()));
    }
  }

  /** Resolves once every webhook sent so far has been answered (tests await this instead of sleeping). */
  async settle(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.allSettled(batch);
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.push(p);
    return p;
  }

  private deliveryContext() {
    return {
      sourceUrl: this.opts.sourceUrl(),
      nextDeliveryId: () => this.nextDelivery++,
      record: (d: WebhookDelivery) => {
        this.deliveries.push(d);
      },
    };
  }
}
