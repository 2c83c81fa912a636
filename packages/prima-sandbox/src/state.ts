/**
 * What the sandbox Prima knows: items and stock per warehouse, orders, customers, credit notes, journals,
 * the request log, and the faults to inject. Kept in memory; business rules that do not depend on XML live
 * here so the control API and the OMLink handler share them.
 */
import { type ItemRef, itemKey } from '@prima-connect/prima-core';
import { DEFAULT_WAREHOUSE, type DemoItem, demoCatalogue, demoSku, seededRandom } from './catalogue.js';

export type OrderStatusText =
  | 'Entered'
  | 'Allocated'
  | 'Released'
  | 'Part Despatched'
  | 'Despatched'
  | 'Cancelled';

export interface SandboxSettings {
  company: string;
  /** Companies `comwsomhandler` accepts. */
  companies: string[];
  /** The price book's "VAT incl. prices" setting: orders must match it or get E:548. */
  priceBookVatInclusive: boolean;
  /** A blank Customer normally creates a new account per order (as logged); optionally reuse by e-mail. */
  matchCustomerByEmail: boolean;
  /** Append "DEV MODE Stack Trace" tails to error texts, like the logged live endpoint. */
  devModeTraces: boolean;
  /** How the sandbox reads OrderLineData/@Price (the same open question as the gateway's). */
  linePriceMeans: 'unit' | 'line';
  /** First customer code handed out (consecutive after that). */
  firstCustomerNumber: number;
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  company: '1',
  companies: ['1', '2'],
  priceBookVatInclusive: true,
  matchCustomerByEmail: false,
  devModeTraces: true,
  linePriceMeans: 'unit',
  firstCustomerNumber: 488311,
};

export interface StockCell {
  onHand: number;
  allocated: number;
}

export interface SandboxItem {
  item: ItemRef;
  sku: string;
  title: string;
  priceMinor: number;
  nonStock: boolean;
  stock: Map<string, StockCell>;
  availableDate?: string;
}

export interface SandboxOrderLine {
  lineNo: number;
  item: ItemRef;
  quantity: number;
  /** Per unit, in the order's currency minor units. */
  unitPriceMinor: number;
  warehouse: string;
  nonStock: boolean;
  despatched: number;
  cancelled: number;
}

export interface SandboxDispatch {
  despatchNo: string;
  date: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  trackingUrl: string;
  lines: { lineNo: number; quantity: number }[];
}

export interface SandboxOrder {
  orderNumber: string;
  tpguid: string;
  uniqueId: string;
  customerCode: string;
  email: string;
  currency: string;
  vatInclusive: boolean;
  status: OrderStatusText;
  delivery: Record<string, string>;
  specialInstructions: string;
  lines: SandboxOrderLine[];
  charges: { code: string; amountMinor: number }[];
  paymentMinor: number;
  dispatches: SandboxDispatch[];
  createdAt: string;
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  operation: string;
  company: string;
  requestType: string;
  outcome: 'OK' | 'ERROR' | 'FAULT' | 'INJECTED';
  httpStatus: number;
  request: string;
  reply: string;
  durationMs: number;
  /** The SOAP envelope as received (decoded by its charset) and the Content-Type it came with. */
  envelope?: string;
  contentType?: string;
}

export type OutageMode = 'refused' | '503' | 'hang';

export interface Faults {
  latencyMs: number;
  /** Share of SOAP calls (0..1) answered with an injected failure. */
  errorRate: number;
  errorKind: 'http_503' | 'reset' | 'soap_fault';
  outage?: { mode: OutageMode; untilMs: number };
  /** Reply bodies are written at this rate (bytes per second); 0 = at once. */
  slowReplyBytesPerSecond: number;
  /** ProductAvailableToSell replies: keep only this share of rows (well-formed), or cut the bytes (broken). */
  truncateAts?: { mode: 'rows'; keepRatio: number } | { mode: 'bytes'; keepRatio: number };
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  errorKind: 'http_503',
  slowReplyBytesPerSecond: 0,
};

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxState {
  settings: SandboxSettings;
  items = new Map<string, SandboxItem>();
  /** Product codes (upper case) with at least one item: unknown-product checks without a catalogue scan. */
  private products = new Set<string>();
  orders = new Map<string, SandboxOrder>();
  customers = new Map<string, { code: string; email: string }>();
  creditNotes: { number: string; orderNumber: string; reference: string; totalMinor: number }[] = [];
  journals: { number: string; reference: string; lines: number }[] = [];
  requestLog: RequestLogEntry[] = [];
  faults: Faults = { ...NO_FAULTS };
  /** SOAP calls being answered now, and the most at once since the last reset (for concurrency tests). */
  inFlight = 0;
  maxInFlight = 0;
  private nextCustomer: number;
  private nextDespatch = 1;
  private seq = 0;
  readonly random: () => number;

  constructor(
    options: { catalogue?: 'demo' | 'empty'; settings?: Partial<SandboxSettings>; seed?: number } = {},
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.nextCustomer = this.settings.firstCustomerNumber;
    this.random = seededRandom(options.seed ?? 1);
    if ((options.catalogue ?? 'demo') === 'demo') this.seedCatalogue(demoCatalogue(), true);
  }

  reset(catalogue: 'demo' | 'empty' = 'demo'): void {
    this.items.clear();
    this.products.clear();
    this.orders.clear();
    this.customers.clear();
    this.creditNotes = [];
    this.journals = [];
    this.requestLog = [];
    this.faults = { ...NO_FAULTS };
    this.maxInFlight = this.inFlight;
    this.nextCustomer = this.settings.firstCustomerNumber;
    this.nextDespatch = 1;
    if (catalogue === 'demo') this.seedCatalogue(demoCatalogue(), true);
  }

  // ------------------------------------------------------------------ catalogue and stock

  seedCatalogue(rows: DemoItem[], replace: boolean): number {
    if (replace) {
      this.items.clear();
      this.products.clear();
    }
    for (const r of rows) {
      const stock = new Map<string, StockCell>();
      for (const [wh, qty] of Object.entries(r.stock))
        stock.set(wh.toUpperCase(), { onHand: qty, allocated: 0 });
      const entry: SandboxItem = {
        item: r.item,
        sku: r.sku || demoSku(r.item),
        title: r.title,
        priceMinor: r.priceMinor,
        nonStock: r.nonStock,
        stock,
      };
      if (r.availableDate !== undefined) entry.availableDate = r.availableDate;
      this.items.set(itemKey(r.item), entry);
      this.products.add(r.item.product.trim().toUpperCase());
    }
    return this.items.size;
  }

  findItem(item: ItemRef): SandboxItem | undefined {
    return this.items.get(itemKey(item));
  }

  hasProduct(product: string): boolean {
    return this.products.has(product.trim().toUpperCase());
  }

  setStock(item: ItemRef, warehouse: string, onHand: number): void {
    const it = this.findItem(item);
    if (!it) throw new SandboxError(404, `No item ${itemKey(item)} in the sandbox catalogue`);
    const wh = warehouse.toUpperCase();
    const cell = it.stock.get(wh) ?? { onHand: 0, allocated: 0 };
    cell.onHand = onHand;
    it.stock.set(wh, cell);
  }

  /** Available to sell: on hand minus allocated, summed over warehouses, never below zero. */
  availableToSell(it: SandboxItem): number {
    if (it.nonStock) return 0;
    let total = 0;
    for (const c of it.stock.values()) total += c.onHand - c.allocated;
    return Math.max(0, total);
  }

  private cell(it: SandboxItem, warehouse: string): StockCell {
    const wh = (warehouse || DEFAULT_WAREHOUSE).toUpperCase();
    let c = it.stock.get(wh);
    if (!c) {
      c = { onHand: 0, allocated: 0 };
      it.stock.set(wh, c);
    }
    return c;
  }

  // ------------------------------------------------------------------ customers and orders

  customerFor(requested: string, email: string): string {
    if (requested.trim() !== '') return requested.trim();
    if (this.settings.matchCustomerByEmail && email.trim() !== '') {
      for (const c of this.customers.values())
        if (c.email.toLowerCase() === email.trim().toLowerCase()) return c.code;
    }
    const code = String(this.nextCustomer++).padStart(10, '0');
    this.customers.set(code, { code, email: email.trim() });
    return code;
  }

  /** Accepting an order allocates its stock lines in their warehouses. */
  acceptOrder(order: SandboxOrder): void {
    let short = false;
    for (const line of order.lines) {
      if (line.nonStock) continue;
      const it = this.findItem(line.item);
      if (!it) continue;
      const c = this.cell(it, line.warehouse);
      if (c.onHand - c.allocated < line.quantity) short = true;
      c.allocated += line.quantity;
    }
    order.status = short ? 'Entered' : 'Allocated';
    this.orders.set(order.orderNumber, order);
  }

  getOrder(orderNumber: string): SandboxOrder {
    const o = this.orders.get(orderNumber.trim());
    if (!o) throw new SandboxError(404, `Sales order ${orderNumber} not found`);
    return o;
  }

  isPastCutoff(o: SandboxOrder): boolean {
    return o.status === 'Released' || o.status === 'Part Despatched' || o.status === 'Despatched';
  }

  release(orderNumber: string): SandboxOrder {
    const o = this.getOrder(orderNumber);
    if (o.status === 'Cancelled') throw new SandboxError(409, `Order ${orderNumber} is cancelled`);
    if (o.status === 'Entered' || o.status === 'Allocated') o.status = 'Released';
    return o;
  }

  dispatch(
    orderNumber: string,
    input: {
      carrier: string;
      service?: string;
      trackingNumber?: string;
      trackingUrl?: string;
      date?: string;
      lines?: { lineNo: number; quantity: number }[];
    },
  ): SandboxDispatch {
    const o = this.getOrder(orderNumber);
    if (o.status === 'Cancelled' || o.status === 'Despatched')
      throw new SandboxError(409, `Order ${orderNumber} is ${o.status}`);
    const wanted =
      input.lines ??
      o.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity - l.despatched - l.cancelled }));
    const lines: { lineNo: number; quantity: number }[] = [];
    for (const w of wanted) {
      const line = o.lines.find((l) => l.lineNo === w.lineNo);
      if (!line) throw new SandboxError(400, `Order ${orderNumber} has no line ${w.lineNo}`);
      const open = line.quantity - line.despatched - line.cancelled;
      if (w.quantity > open)
        throw new SandboxError(409, `Line ${w.lineNo} has only ${open} left to despatch`);
      if (w.quantity <= 0) continue;
      line.despatched += w.quantity;
      if (!line.nonStock) {
        const it = this.findItem(line.item);
        if (it) {
          const c = this.cell(it, line.warehouse);
          c.onHand -= w.quantity;
          c.allocated = Math.max(0, c.allocated - w.quantity);
        }
      }
      lines.push({ lineNo: w.lineNo, quantity: w.quantity });
    }
    if (lines.length === 0) throw new SandboxError(409, `Nothing left to despatch on order ${orderNumber}`);
    const d: SandboxDispatch = {
      despatchNo: `D${String(this.nextDespatch++).padStart(6, '0')}`,
      date: input.date ?? new Date().toISOString().slice(0, 10),
      carrier: input.carrier,
      service: input.service ?? '',
      trackingNumber: input.trackingNumber ?? '',
      trackingUrl: input.trackingUrl ?? '',
      lines,
    };
    o.dispatches.push(d);
    const complete = o.lines.every((l) => l.despatched + l.cancelled >= l.quantity);
    o.status = complete ? 'Despatched' : 'Part Despatched';
    return d;
  }

  /** Cancels the whole order or some quantities; refused after the cut-off (Released). */
  cancel(orderNumber: string, lines?: { lineNo: number; quantity: number }[]): SandboxOrder {
    const o = this.getOrder(orderNumber);
    if (o.status === 'Cancelled') throw new SandboxError(409, `Order ${orderNumber} is already cancelled`);
    if (this.isPastCutoff(o))
      throw new SandboxError(
        409,
        `Order ${orderNumber} has been released to the warehouse and cannot be changed`,
      );
    const targets =
      lines && lines.length > 0
        ? lines
        : o.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity - l.cancelled }));
    for (const t of targets) {
      const line = o.lines.find((l) => l.lineNo === t.lineNo);
      if (!line) throw new SandboxError(400, `Order ${orderNumber} has no line ${t.lineNo}`);
      const qty = Math.min(t.quantity, line.quantity - line.cancelled);
      line.cancelled += qty;
      if (!line.nonStock) {
        const it = this.findItem(line.item);
        if (it) {
          const c = this.cell(it, line.warehouse);
          c.allocated = Math.max(0, c.allocated - qty);
        }
      }
    }
    if (o.lines.every((l) => l.cancelled >= l.quantity)) o.status = 'Cancelled';
    return o;
  }

  amendDelivery(orderNumber: string, delivery: Record<string, string>): SandboxOrder {
    const o = this.getOrder(orderNumber);
    if (o.status === 'Cancelled') throw new SandboxError(409, `Order ${orderNumber} is cancelled`);
    if (this.isPastCutoff(o))
      throw new SandboxError(
        409,
        `Order ${orderNumber} has been released to the warehouse and cannot be changed`,
      );
    o.delivery = { ...o.delivery, ...delivery };
    return o;
  }

  /** Order total as Prima would show it: lines (unit price x quantity) plus charges. */
  orderTotalMinor(o: SandboxOrder): number {
    return (
      o.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0) +
      o.charges.reduce((s, c) => s + c.amountMinor, 0)
    );
  }

  // ------------------------------------------------------------------ request log and faults

  log(entry: Omit<RequestLogEntry, 'seq' | 'at'>): void {
    this.requestLog.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
    if (this.requestLog.length > 1000) this.requestLog.splice(0, this.requestLog.length - 1000);
  }

  outageNow(nowMs = Date.now()): OutageMode | undefined {
    const o = this.faults.outage;
    if (!o) return undefined;
    if (nowMs >= o.untilMs) {
      this.faults.outage = undefined;
      return undefined;
    }
    return o.mode;
  }

  /** Orders as the control API lists them: lines, totals and dispatches. */
  describeOrder(o: SandboxOrder): Record<string, unknown> {
    return {
      orderNumber: o.orderNumber,
      tpguid: o.tpguid,
      customerCode: o.customerCode,
      status: o.status,
      currency: o.currency,
      vatInclusive: o.vatInclusive,
      totalMinor: this.orderTotalMinor(o),
      paymentMinor: o.paymentMinor,
      specialInstructions: o.specialInstructions,
      delivery: o.delivery,
      lines: o.lines.map((l) => ({
        ...l,
        sku: demoSku(l.item),
        lineValueMinor: l.unitPriceMinor * l.quantity,
      })),
      charges: o.charges,
      dispatches: o.dispatches,
      createdAt: o.createdAt,
    };
  }
}
