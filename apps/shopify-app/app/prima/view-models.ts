/**
 * What each admin page shows, as plain serialisable data. Loaders (admin-data.server.ts) build these from
 * the engine and Shopify; the views (components/) only render them, so the screenshot tests can render the
 * very same views with fixture data.
 */
import type { LinkState, PrimaOrderState, ProblemCode } from '@prima-connect/prima-core';

export interface DashboardData {
  shop: string;
  configured: boolean;
  /** The first-run wizard has steps left (the dashboard sends the merchant there). */
  setupUnfinished: boolean;
  postingEnabled: boolean;
  ordersReceived: number;
  ordersPosted: number;
  acceptanceRate: number;
  postingLatencyP95Ms: number;
  stockFreshnessSeconds: number | null;
  lastStockSyncAt: string | null;
  queue: { pending: number; active: number; dead: number };
  exceptions: { code: ProblemCode; title: string; owner: string; count: number }[];
  duplicateEventsSuppressed: number;
  manualInterventionRate: number;
  daily: { day: string; posted: number; failed: number }[];
}

export interface OrderRow {
  storefrontOrderId: string;
  orderNumber: string;
  primaOrderNumber: string;
  state: LinkState;
  primaState?: PrimaOrderState;
  primaRawStatus?: string;
  total: string;
  attempts: number;
  updatedAt: string;
  problem?: string;
  canRetry: boolean;
}

export interface OrdersData {
  state: LinkState | 'all';
  rows: OrderRow[];
}

export type MappingSource = 'manual' | 'import' | 'pattern' | 'auto' | 'unmapped' | 'invalid';

export interface MappingRow {
  sku: string;
  title: string;
  variantId: string;
  kind: 'stock' | 'non_stock' | 'bundle' | 'none';
  product: string;
  matrix: [string, string, string, string];
  components?: string;
  source: MappingSource;
  problem?: string;
}

export interface MappingsData {
  query: string;
  rows: MappingRow[];
  unmappedCount: number;
  total: number;
  pattern: { separator: string; matrixLevels: number[] } | null;
  /** Set after a CSV import or bulk edit. */
  notice?: { tone: 'success' | 'critical' | 'warning'; message: string; errors?: string[] };
  /** Variants could not be read from Shopify (shown, not hidden). */
  storefrontError?: string;
}

export interface ExceptionRow {
  id: string;
  code: ProblemCode;
  title: string;
  owner: string;
  subject: string;
  message: string;
  action: string;
  retryable: boolean;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
  status: 'open' | 'resolved';
  resolutionNote?: string;
}

export interface ExceptionsData {
  status: 'open' | 'resolved';
  rows: ExceptionRow[];
  notice?: { tone: 'success' | 'critical'; message: string };
}

export interface SettingsForm {
  primaUrl: string;
  companyId: string;
  vatInclusive: boolean;
  postingEnabled: boolean;
  trigger: 'paid' | 'authorized' | 'created';
  holdWindowMinutes: number;
  cutoffState: 'allocated' | 'released';
  orderNumberPrefix: string;
  stockEnabled: boolean;
  stockIntervalMinutes: number;
  bufferKind: 'fixed' | 'percent';
  bufferValue: number;
  writeBackNote: boolean;
  writeBackTag: boolean;
  writeBackMetafield: boolean;
  /** The four maps as "key = value" lines, one a line, for plain text editing. */
  shippingMap: string;
  paymentMap: string;
  locationMap: string;
  statusMap: string;
  /** Alerts: on/off, recipients (one or more addresses, separated by commas or lines), webhook, level. */
  alertsEnabled: boolean;
  alertEmails: string;
  alertWebhookUrl: string;
  alertThreshold: number;
}

export interface SettingsData {
  form: SettingsForm;
  locations: { id: string; name: string }[];
  notice?: { tone: 'success' | 'critical' | 'warning'; message: string; errors?: string[] };
  /** Whether the app has a mail server (PRIMA_SMTP_URL): without one, alerts go to the webhook only. */
  emailConfigured: boolean;
}

/** "2026-11-22T08:00:00.000Z" -> "22 Nov 2026, 08:00 UTC": staff read dates, not ISO strings. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'never synced';
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

export const STATE_LABEL: Record<LinkState, string> = {
  received: 'Waiting',
  posting: 'Sending',
  posted: 'In Prima',
  exception: 'Needs attention',
  cancelled: 'Cancelled',
};

/** One reconciled day, as the finance page shows it. */
export interface ReconciliationDay {
  day: string;
  reconciled: boolean;
  storeOrders: number;
  inPrima: number;
  /** Store takings in minor units, for the chart. */
  storeTotalMinor: number;
  /** The same, ready to read ("GBP 1,234.50"); "—" for a day with no orders. */
  storeTotal: string;
  primaTotal: string;
  findings: number;
}

export interface ReconciliationFindingRow {
  day: string;
  orderNumber: string;
  primaOrderNumber: string;
  kind: string;
  message: string;
  code: ProblemCode;
}

export interface ReconciliationData {
  /** How many days back the page looks. */
  days: number;
  /** Oldest first, as the chart reads left to right. */
  reports: ReconciliationDay[];
  findings: ReconciliationFindingRow[];
  /** The day the "check a day" form offers first: yesterday (UTC). */
  yesterday: string;
  notice?: { tone: 'success' | 'critical' | 'warning'; message: string };
}

// ---------------------------------------------------------------- first-run setup (onboarding)

export type SetupStep = 'connect' | 'catalogue' | 'mappings' | 'maps' | 'preview' | 'go-live';

export interface SetupNotice {
  tone: 'success' | 'critical' | 'warning' | 'info';
  message: string;
  /** What to do, or what is still missing, one sentence each. */
  details?: string[];
}

export interface SetupFix {
  sku: string;
  titles: string;
  /** Why it cannot be mapped by itself, in words. */
  message: string;
  /** Prima items it could be, as "PRODUCT / M1 / M2", for a one-click pick. */
  candidates: string[];
  /** Variants sharing the SKU: only a new SKU in Shopify fixes it, not a mapping. */
  sharedSku: boolean;
}

export interface SetupData {
  steps: { step: SetupStep; label: string; done: boolean; at?: string; by?: string }[];
  next: SetupStep | null;
  /** Order posting and stock sync are on. */
  live: boolean;
  connect: {
    primaUrl: string;
    companyId: string;
    vatInclusive: boolean;
    lastTestOk?: boolean;
    company?: string;
  };
  /** Present from the mappings step on: what the wizard proposes and what needs a person. */
  mappings?: {
    proposed: { sku: string; title: string; explanation: string }[];
    proposedCount: number;
    alreadyMapped: number;
    fixes: SetupFix[];
    suggestedPattern?: string;
  };
  maps?: {
    locations: { id: string; name: string; warehouse: string }[];
    shippingMap: string;
    paymentMap: string;
    defaultWarehouse: string;
    pattern: string;
  };
  preview?: {
    changes: number;
    skus: number;
    unitsUp: number;
    unitsDown: number;
    toZero: number;
    unknownBefore: number;
    rows: { sku: string; before: number | null; after: number }[];
  };
  notice?: SetupNotice;
}

// ---------------------------------------------------------------- payouts (Shopify Payments)

export interface PayoutRow {
  payoutId: string;
  /** yyyy-mm-dd of the bank deposit. */
  date: string;
  deposit: string;
  how: 'posted' | 'exported';
  reference: string;
  primaReference: string;
  /** The journal's lines by category, ready to read ("Gross sales", "GBP 120.00"). */
  lines: { label: string; amount: string }[];
  hasCsv: boolean;
}

export interface PayoutsData {
  /** Journals go to Prima ('post') or are downloaded for Prima's journal import ('csv'). */
  mode: 'post' | 'csv';
  rows: PayoutRow[];
  /** Payouts that did not add up, or that Prima refused: open exceptions. */
  problems: { id: string; subject: string; message: string; action: string; code: ProblemCode }[];
  notice?: { tone: 'success' | 'critical' | 'warning' | 'info'; message: string };
}
