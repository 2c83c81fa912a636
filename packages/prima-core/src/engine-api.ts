/**
 * The one entry point every host (Shopify Remix app, connector service, App Builder actions, playground)
 * calls. `engine.ts` implements it; hosts depend only on this interface.
 */

import type { ReconciliationReport } from './finance/reconciliation.js';
import type { ExceptionRecord, Job, LinkState, OrderLink, Problem } from './index.js';
import type { ItemRef, Order, Platform, PrimaOrderState, Refund, SkuMapping } from './model/index.js';
import type { ProblemCode } from './monitor/problems.js';
import type { ConnectionTestResult, PrimaConnectionInput } from './onboarding/connection.js';
import type { StockPreview } from './onboarding/preview.js';
import type { OnboardingState } from './onboarding/progress.js';
import type { MappingProposals } from './onboarding/propose.js';
import type { Maps, OnboardingStep } from './settings.js';
import type { PayoutJournalRecord, PayoutRunReport } from './sync/payouts.js';

export interface OrderEventInput {
  tenantId: string;
  /** The platform's stable event id (Shopify X-Shopify-Webhook-Id, Adobe event id) or a derived key. */
  eventKey: string;
  /** Platform-neutral topic. */
  topic: 'order.created' | 'order.paid' | 'order.updated' | 'order.cancelled' | 'order.poll';
  storefrontOrderId: string;
  /** The canonical order when the event carried it; otherwise the engine loads it through the storefront port. */
  order?: Order;
  correlationId: string;
}

export interface RefundEventInput {
  tenantId: string;
  eventKey: string;
  refund: Refund;
  correlationId: string;
}

export interface OrderSyncView {
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  state: LinkState | 'unknown';
  primaOrderNumber?: string;
  primaState?: PrimaOrderState;
  primaRawStatus?: string;
  customerCode?: string;
  dispatches: {
    dispatchId: string;
    carrier: string;
    trackingNumber?: string;
    trackingUrl?: string;
    at: string;
  }[];
  lastProblem?: Problem;
  openExceptionId?: string;
  canRetry: boolean;
  updatedAt?: string;
}

export interface EngineMetrics {
  ordersReceived: number;
  ordersPosted: number;
  /** posted / (posted + in exception), over the window. */
  acceptanceRate: number;
  postingLatencyMs: { p50: number; p95: number };
  /** Seconds since the last successful stock sync, null if never. */
  stockFreshnessSeconds: number | null;
  lastStockSyncAt: string | null;
  openExceptionsByCode: Partial<Record<ProblemCode, number>>;
  duplicateEventsSuppressed: number;
  /** Share of orders that needed a person (an exception) before posting. */
  manualInterventionRate: number;
  queue: { pending: number; active: number; dead: number };
  /** Per day (UTC yyyy-mm-dd): posted and failed counts, for the dashboard chart. */
  daily: { day: string; posted: number; failed: number }[];
}

export interface StockSyncReport {
  mode: 'full' | 'targeted';
  primaRows: number;
  considered: number;
  changed: number;
  pushed: number;
  storefrontCalls: number;
  problems: Problem[];
  /** True when the guard refused to zero SKUs missing from a short Prima reply. */
  shortReplyGuarded: boolean;
}

export interface WorkReport {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
  jobs: { id: string; type: Job['type']; outcome: 'done' | 'retry' | 'dead' }[];
}

export interface Engine {
  /** Verify-free: the host verified the signature. Stores, dedupes and enqueues; answers fast. */
  handleOrderEvent(
    input: OrderEventInput,
  ): Promise<{ accepted: boolean; duplicate: boolean; ignoredReason?: string }>;
  handleRefundEvent(input: RefundEventInput): Promise<{ accepted: boolean; duplicate: boolean }>;
  /** Runs due jobs once (hosts call it in a loop; App Builder per invocation). */
  work(workerId: string, opts?: { limit?: number; types?: Job['type'][] }): Promise<WorkReport>;
  /** Schedules (or with `now: true` runs) a stock sync; targeted by SKU when `skus` is given. */
  syncStock(tenantId: string, opts?: { skus?: string[]; correlationId?: string }): Promise<StockSyncReport>;
  /** The storefront's catalogue changed (e.g. a product webhook): the next stock sync reads it again. */
  invalidateCatalogue(tenantId: string): void;
  pollStatuses(tenantId: string, opts?: { limit?: number }): Promise<{ polled: number; changed: number }>;
  /** Finds paid orders whose event never arrived (platform polling) and enqueues them. */
  catchUp(tenantId: string, sinceIso: string): Promise<{ found: number; enqueued: number }>;
  retryException(tenantId: string, exceptionId: string, by: string): Promise<ExceptionRecord | null>;
  resolveException(
    tenantId: string,
    exceptionId: string,
    by: string,
    note: string,
  ): Promise<ExceptionRecord | null>;
  /** Re-post an order by hand (mass action, order-page button). Never creates a second Prima order. */
  repost(tenantId: string, storefrontOrderId: string, by: string): Promise<OrderSyncView>;
  orderView(tenantId: string, storefrontOrderId: string): Promise<OrderSyncView>;
  listOrders(tenantId: string, filter?: { state?: LinkState; limit?: number }): Promise<OrderLink[]>;
  metrics(tenantId: string, opts?: { days?: number }): Promise<EngineMetrics>;
  /** Removes everything the tenant owns (uninstall, GDPR shop redact). */
  forgetTenant(tenantId: string): Promise<void>;
  /**
   * Finance: reconciles one UTC day (yyyy-mm-dd) of store orders against the links and Prima, keeps the
   * report, and alerts when the day does not reconcile.
   */
  reconcileDay(tenantId: string, dayIso: string): Promise<ReconciliationReport>;
  /** The kept reports of the last `days` days (newest first) and the same as a CSV download. */
  reconciliationReport(
    tenantId: string,
    days: number,
  ): Promise<{ reports: ReconciliationReport[]; csv: string }>;
  /** Payment-provider payouts since an instant: one summary journal each, posted to Prima or as CSV. */
  syncPayouts(tenantId: string, sinceIso: string): Promise<PayoutRunReport>;
  /** The journals made for payouts (newest first, at most `limit`; one payout's with `payoutId`), with CSVs. */
  payoutJournals(
    tenantId: string,
    opts?: { limit?: number; payoutId?: string },
  ): Promise<PayoutJournalRecord[]>;
  /** Alerts when open exceptions reach the tenant's threshold (once a day). */
  checkAlerts(tenantId: string): Promise<{ alerted: boolean }>;
}

export type EnginePlatform = Platform;

// ---------------------------------------------------------------- first-run onboarding (onboarding/)

/** A wizard step's outcome: done, or what is missing first (clerk-readable sentences). */
export interface OnboardingStepResult {
  ok: boolean;
  missing?: string[];
  state: OnboardingState;
}

/**
 * The first-run wizard's engine calls (prima-core README "Onboarding" says which step makes which).
 * Kept apart from Engine so existing Engine stand-ins still type-check; createEngine returns both.
 */
export interface OnboardingEngine {
  onboardingState(tenantId: string): Promise<OnboardingState>;
  /** Pings the saved connection, or `prima` (typed in the wizard, not saved) when given. */
  testConnection(tenantId: string, prima?: PrimaConnectionInput): Promise<ConnectionTestResult>;
  /** Tests and, only when the test passes, saves the connection and VAT mode (creating the tenant's settings). */
  connect(
    tenantId: string,
    input: { prima: PrimaConnectionInput; vatInclusive: boolean },
    by: string,
  ): Promise<{ test: ConnectionTestResult; state: OnboardingState }>;
  /**
   * Reads both catalogues and proposes mappings (marks the catalogue step done). Changes no mapping.
   * `reread: false` lets the engine's kept copy of the store's catalogue serve (a page showing the
   * proposals again); the default reads the store afresh.
   */
  proposeMappings(tenantId: string, by?: string, opts?: { reread?: boolean }): Promise<MappingProposals>;
  /** Stores the proposals for these SKUs (worked out again, never taken from the caller). */
  applyProposedMappings(
    tenantId: string,
    skus: string[],
    by: string,
  ): Promise<{ applied: number; skipped: string[] }>;
  /** The merchandiser's fix for an unmapped or ambiguous SKU: a manual row. */
  mapSkuInPlace(
    tenantId: string,
    input: { sku: string; item: ItemRef; kind?: 'stock' | 'non_stock' },
    by: string,
  ): Promise<SkuMapping>;
  storefrontLocations(tenantId: string): Promise<{ id: string; name: string }[]>;
  /** Saves shipping, payment and location maps (and optionally the SKU pattern rule); completes the maps step. */
  saveOnboardingMaps(
    tenantId: string,
    input: {
      shipping: Maps['shipping'];
      payment: Maps['payment'];
      locations: Maps['locations'];
      defaultWarehouse: string;
      pattern?: Maps['pattern'];
    },
    by: string,
  ): Promise<OnboardingStepResult>;
  /** What the first stock push would do; pushes nothing. */
  previewStockPush(tenantId: string): Promise<StockPreview>;
  completeOnboardingStep(tenantId: string, step: OnboardingStep, by: string): Promise<OnboardingStepResult>;
  /** The only call that switches order posting and stock sync on; refused (with what is missing) until ready. */
  goLive(tenantId: string, by: string): Promise<OnboardingStepResult>;
}
