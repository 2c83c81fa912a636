/**
 * The outside world, as prima-core sees it. Hosts (the Remix app, the connector service, App Builder
 * actions) supply implementations: prima-store (Prisma), the App Builder state adapter, or the in-memory
 * adapters in `testing/`. Ports are narrow on purpose: get, put, and list by a few named indexes.
 */
import type {
  Dispatch,
  ItemRef,
  Order,
  Payout,
  Platform,
  PrimaContact,
  PrimaOrderState,
  PrimaOrderStatus,
  PrimaSalesOrder,
  PrimaStockRow,
  SkuMapping,
  StockPushResult,
  StockUpdate,
  StorefrontVariant,
} from './model/index.js';
import type { Problem, ProblemCode } from './monitor/problems.js';
import type { Settings } from './settings.js';

// ---------------------------------------------------------------- infrastructure

export interface Clock {
  now(): Date;
}

/** A pino-compatible subset: structured fields first, message second. */
export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  child(fields: Record<string, unknown>): Logger;
}

// ---------------------------------------------------------------- Prima

export type PostOrderResult =
  | { orderNumber: string; outcome: 'accepted'; customerCode: string }
  /** E:21: Prima already holds this order number. Verify with OrderStatus before calling it posted. */
  | { orderNumber: string; outcome: 'duplicate'; problem: Problem }
  | { orderNumber: string; outcome: 'rejected'; problems: Problem[]; primaCodes: string[] };

export interface PrimaActionResult {
  ok: boolean;
  problems: Problem[];
  /** Prima's reference for what it created (credit note number, journal number), when it gives one. */
  reference?: string;
}

export interface PrimaCreditNoteRequest {
  orderNumber: string;
  creditReference: string;
  currency: string;
  lines: { lineNo: number; item: ItemRef; quantity: number; amountMinor: number; restock: boolean }[];
  charges: { code: string; amountMinor: number }[];
  totalMinor: number;
  reason: string;
}

export interface PrimaJournalRequest {
  reference: string;
  date: string;
  currency: string;
  lines: { nominal: string; description: string; debitMinor: number; creditMinor: number }[];
}

/**
 * Prima OMLink, request by request. Transport failures throw ProblemError(prima_unreachable, retryable);
 * business outcomes come back as values.
 */
export interface PrimaGateway {
  ping(): Promise<{ ok: true; company: string } | { ok: false; problem: Problem }>;
  postOrders(orders: PrimaSalesOrder[]): Promise<PostOrderResult[]>;
  /** null when Prima does not know the order number. */
  getOrderStatus(orderNumber: string): Promise<PrimaOrderStatus | null>;
  /** Whole catalogue (from/to empty) or a product-code range. */
  availableToSell(range?: { from: string; to: string }): Promise<PrimaStockRow[]>;
  availableToSellFor(items: ItemRef[]): Promise<PrimaStockRow[]>;
  /** Assumed request types (not in Prima's public material): see prima/ README "to confirm with your Prima". */
  cancelOrder(
    orderNumber: string,
    lines?: { lineNo: number; quantity: number }[],
  ): Promise<PrimaActionResult>;
  amendDelivery(orderNumber: string, delivery: PrimaContact): Promise<PrimaActionResult>;
  createCreditNote(request: PrimaCreditNoteRequest): Promise<PrimaActionResult>;
  postJournal(request: PrimaJournalRequest): Promise<PrimaActionResult>;
}

// ---------------------------------------------------------------- storefront

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface WriteBack {
  primaOrderNumber?: string;
  /** Short status for staff: "In Prima", "Despatched", "Needs attention". */
  status: string;
  /** Prima's raw status text, if any. */
  primaStatus?: string;
  /** Clerk-readable reason when the order needs attention. */
  message?: string;
}

/** One connected store, as the engine needs it. Each platform implements this at its edge. */
export interface StorefrontGateway {
  readonly platform: Platform;
  getOrder(storefrontOrderId: string): Promise<Order | null>;
  /** Orders created or updated since an instant: finds orders whose webhook never arrived. */
  listOrdersUpdatedSince(sinceIso: string, cursor?: string): Promise<Page<Order>>;
  listVariants(cursor?: string): Promise<Page<StorefrontVariant>>;
  listLocations(): Promise<{ id: string; name: string }[]>;
  /** Sets absolute quantities; the gateway batches to the platform's largest batch and respects its rate limit. */
  pushStock(updates: StockUpdate[], idempotencyKey: string): Promise<StockPushResult>;
  /** Creates a fulfilment/shipment for a Prima dispatch; returns the platform's id. Idempotent on dispatchId. */
  createFulfilment(order: Order, dispatch: Dispatch): Promise<{ fulfilmentId: string }>;
  /** Records the Prima number and status on the storefront order (metafield, note, tag as configured). */
  writeBack(order: Order, info: WriteBack): Promise<void>;
  /**
   * Payment-provider payouts (Shopify Payments) paid since an instant, each with all its balance
   * transactions. Optional: platforms without a payments ledger leave it out. Shape: finance/README.
   */
  listPayouts?(sinceIso: string, cursor?: string): Promise<Page<Payout>>;
  /**
   * The figures the store shows now for these inventory items, at every location. Optional: the
   * onboarding stock preview uses it to say "from X to Y" on a first push; without it "before" is unknown.
   */
  readStockLevels?(
    inventoryItemIds: string[],
  ): Promise<{ inventoryItemId: string; locationId: string; quantity: number }[]>;
}

// ---------------------------------------------------------------- persistence

export interface Tenant {
  id: string;
  platform: Platform;
  /** Shop domain, site URL or Commerce instance id. */
  shop: string;
  createdAt: string;
  uninstalledAt?: string;
}

/** Where an order is on its way into Prima. */
export type LinkState =
  | 'received' // event stored, not yet due (hold window, or trigger not reached)
  | 'posting' // being sent
  | 'posted' // Prima accepted (or E:21 verified)
  | 'exception' // needs a person
  | 'cancelled'; // cancelled on the storefront before it reached Prima

export interface HeldLine {
  sku: string;
  quantity: number;
}

export interface OrderLink {
  tenantId: string;
  platform: Platform;
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  /** Deterministic from the storefront number; set when the link is made, before anything is sent. */
  primaOrderNumber: string;
  state: LinkState;
  customerCode?: string;
  primaState?: PrimaOrderState;
  primaRawStatus?: string;
  currency: string;
  totalMinor: number;
  attempts: number;
  lastProblem?: Problem;
  /** Dispatch ids already turned into storefront fulfilments. */
  appliedDispatches: string[];
  /** Fingerprint of the order content last acted on: storefront echoes of our own write-backs match it. */
  contentHash?: string;
  receivedAt: string;
  dueAt: string;
  postedAt?: string;
  /** When Prima's status or dispatches last changed (posting counts): the status-poll backoff restarts from it. */
  primaChangedAt?: string;
  nextPollAt?: string;
  /**
   * The order's quantities by SKU while it is not in Prima yet, kept from intake (and edits) so each stock
   * sync can hold those units back without reading the order from the storefront again.
   */
  heldLines?: HeldLine[];
  updatedAt: string;
  /** Optimistic concurrency: update succeeds only if the stored version matches. */
  version: number;
}

export interface LinkRepo {
  get(tenantId: string, storefrontOrderId: string): Promise<OrderLink | null>;
  getByPrimaNumber(tenantId: string, primaOrderNumber: string): Promise<OrderLink | null>;
  /** Unique on (tenantId, storefrontOrderId): returns the existing link when there is one. */
  createIfAbsent(link: Omit<OrderLink, 'version'>): Promise<{ link: OrderLink; created: boolean }>;
  /** Compare-and-swap on `version`; returns the stored link (version + 1) or null when someone else won. */
  update(link: OrderLink): Promise<OrderLink | null>;
  listByState(tenantId: string, state: LinkState, limit: number): Promise<OrderLink[]>;
  /** Posted links not in a terminal Prima state whose nextPollAt is due. */
  listDueForPoll(tenantId: string, nowIso: string, limit: number): Promise<OrderLink[]>;
  /** Links received in [fromIso, toIso): reconciliation. */
  listReceivedBetween(tenantId: string, fromIso: string, toIso: string): Promise<OrderLink[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

export interface InboundEvent {
  tenantId: string;
  /** The platform's delivery/event id, or a derived key where the platform has none that is stable. */
  eventKey: string;
  topic: string;
  storefrontOrderId?: string;
  receivedAt: string;
  correlationId: string;
}

export interface EventRepo {
  /** Stores the event unless its key was seen before; true when new. Atomic: concurrent calls, one true. */
  recordIfNew(event: InboundEvent): Promise<boolean>;
  countSince(tenantId: string, sinceIso: string): Promise<number>;
}

export interface ExceptionRecord {
  id: string;
  tenantId: string;
  code: ProblemCode;
  /** What it concerns: "order:<storefrontOrderId>", "sku:<sku>", "payout:<id>", "stock". */
  subject: string;
  problem: Problem;
  status: 'open' | 'resolved';
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolutionNote?: string;
  correlationId?: string;
}

export interface ExceptionRepo {
  /** Opens, or updates the open one with the same (tenant, subject, code): counts attempts, keeps firstSeenAt. */
  raise(
    record: Omit<ExceptionRecord, 'id' | 'status' | 'attempts' | 'firstSeenAt'>,
  ): Promise<ExceptionRecord>;
  get(tenantId: string, id: string): Promise<ExceptionRecord | null>;
  list(
    tenantId: string,
    filter: { status?: 'open' | 'resolved'; code?: ProblemCode; subject?: string; limit?: number },
  ): Promise<ExceptionRecord[]>;
  resolve(
    tenantId: string,
    id: string,
    by: string,
    note: string,
    atIso: string,
  ): Promise<ExceptionRecord | null>;
  /** Resolves every open exception on a subject (e.g. the order posted after a retry). */
  resolveSubject(tenantId: string, subject: string, by: string, note: string, atIso: string): Promise<number>;
  countOpenByCode(tenantId: string): Promise<Partial<Record<ProblemCode, number>>>;
}

/** What we last pushed to the storefront, per variant and location. */
export interface StockSnapshot {
  variantId: string;
  locationId: string;
  sku: string;
  quantity: number;
  pushedAt: string;
}

export interface SnapshotRepo {
  all(tenantId: string): Promise<StockSnapshot[]>;
  putMany(tenantId: string, rows: StockSnapshot[]): Promise<void>;
  /** Row count of the last full Prima reply, for the short-reply guard. */
  getLastFullReplyRows(tenantId: string): Promise<number | null>;
  setLastFullReplyRows(tenantId: string, rows: number, atIso: string): Promise<void>;
  lastSyncAt(tenantId: string): Promise<string | null>;
}

export interface MappingRepo {
  list(tenantId: string): Promise<SkuMapping[]>;
  get(tenantId: string, sku: string): Promise<SkuMapping | null>;
  upsertMany(tenantId: string, rows: SkuMapping[]): Promise<void>;
  delete(tenantId: string, sku: string): Promise<void>;
}

export interface SettingsRepo {
  get(tenantId: string): Promise<Settings | null>;
  put(tenantId: string, settings: Settings): Promise<void>;
}

export interface AuditEntry {
  tenantId: string;
  at: string;
  actor: string;
  /** "order.posted", "order.money_adjusted", "refund.credit_note", "settings.changed", ... */
  action: string;
  subject: string;
  detail: Record<string, string | number | boolean | null>;
  correlationId?: string;
}

export interface AuditRepo {
  append(entry: AuditEntry): Promise<void>;
  list(
    tenantId: string,
    filter: { subject?: string; action?: string; limit?: number },
  ): Promise<AuditEntry[]>;
}

export interface TenantRepo {
  get(tenantId: string): Promise<Tenant | null>;
  put(tenant: Tenant): Promise<void>;
  list(): Promise<Tenant[]>;
  /** Removes the tenant and everything it owns (uninstall, shop/redact). */
  delete(tenantId: string): Promise<void>;
}

export interface Store {
  tenants: TenantRepo;
  settings: SettingsRepo;
  mappings: MappingRepo;
  links: LinkRepo;
  events: EventRepo;
  exceptions: ExceptionRepo;
  snapshots: SnapshotRepo;
  audit: AuditRepo;
}

// ---------------------------------------------------------------- queue

export type JobType =
  | 'post-order'
  | 'sync-stock'
  | 'poll-status'
  | 'apply-change'
  | 'refund'
  | 'reconcile'
  | 'write-back';

export interface NewJob {
  tenantId: string;
  type: JobType;
  payload: Record<string, unknown>;
  /** At most one unfinished job per key: enqueueing it again is a no-op. */
  dedupeKey?: string;
  runAt?: Date;
  correlationId: string;
  maxAttempts?: number;
}

export interface Job extends Required<Omit<NewJob, 'dedupeKey'>> {
  id: string;
  dedupeKey?: string;
  attempts: number;
}

export interface Queue {
  enqueue(job: NewJob): Promise<{ id: string; deduped: boolean }>;
  /** Leases up to `limit` due jobs; a lease not completed within `leaseMs` is handed out again (crashed worker). */
  claim(workerId: string, limit: number, leaseMs: number, types?: JobType[]): Promise<Job[]>;
  complete(jobId: string): Promise<void>;
  /** Retry at `retryAt`, or dead-letter when it is null. */
  fail(jobId: string, problem: Problem, retryAt: Date | null): Promise<void>;
  counts(tenantId?: string): Promise<{ pending: number; active: number; dead: number }>;
}
