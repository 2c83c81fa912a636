/** What the connector's admin API returns, as the screens use it (relayed unchanged by the PHP routes). */

export interface ProblemView {
  code: string;
  message: string;
  action: string;
  retryable: boolean;
}

export interface Metrics {
  ordersReceived: number;
  ordersPosted: number;
  acceptanceRate: number;
  postingLatencyMs: { p50: number; p95: number };
  stockFreshnessSeconds: number | null;
  lastStockSyncAt: string | null;
  openExceptionsByCode: Record<string, number>;
  duplicateEventsSuppressed: number;
  manualInterventionRate: number;
  queue: { pending: number; active: number; dead: number };
  daily: { day: string; posted: number; failed: number }[];
}

export interface DashboardReply {
  metrics: Metrics;
  lastWebhookAt: string | null;
  lastPollAt: string | null;
}

export interface ItemRefView {
  product: string;
  matrix: [string, string, string, string];
}

export type MappingStatus = 'mapped' | 'pattern' | 'unmapped' | 'shared_or_missing_sku';

export interface MappingRow {
  variantId: string;
  productId: string;
  sku: string;
  parentSku?: string;
  title: string;
  options: Record<string, string>;
  mapping: { sku: string; kind: 'stock' | 'non_stock' | 'bundle'; item?: ItemRefView } | null;
  patternItem: ItemRefView | null;
  status: MappingStatus;
}

export interface ExceptionView {
  id: string;
  code: string;
  subject: string;
  problem: ProblemView;
  status: 'open' | 'resolved';
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface OrderView {
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  state: 'received' | 'posting' | 'posted' | 'exception' | 'cancelled' | 'unknown';
  primaOrderNumber?: string;
  primaState?: string;
  primaRawStatus?: string;
  dispatches: {
    dispatchId: string;
    carrier: string;
    trackingNumber?: string;
    trackingUrl?: string;
    at: string;
  }[];
  lastProblem?: ProblemView;
  canRetry: boolean;
  updatedAt?: string;
}

export interface PluginSettingsView {
  connector_url: string;
  api_key_saved: boolean;
  webhook_count: number;
}

export interface PrimaSettings {
  prima: { url: string; companyId?: string; timeoutMs?: number; maxConcurrency?: number };
  orders: {
    postingEnabled: boolean;
    trigger: 'paid' | 'authorized' | 'created';
    holdWindowMinutes: number;
    orderNumberPrefix: string;
    vatInclusive: boolean;
    [key: string]: unknown;
  };
  stock: {
    enabled: boolean;
    intervalMinutes: number;
    defaultBuffer: { kind: 'fixed' | 'percent'; value: number };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** prima-core's alert settings (settings.alerts): who is told when problems pile up or a day does not reconcile. */
export interface AlertSettingsView {
  enabled: boolean;
  emailTo: string[];
  webhookUrl: string;
  openExceptionsThreshold: number;
  [key: string]: unknown;
}

/** One channel's outcome of POST /alerts/test, in words. */
export interface TestAlertResult {
  channel: string;
  ok: boolean;
  message: string;
}

export interface ConnectionTest {
  prima: { ok: true; company: string } | { ok: false; problem: ProblemView };
  woocommerce: { ok: true } | { ok: false; problem: ProblemView };
}

/** One finding of a day's reconciliation (prima-core finance/reconciliation.ts), in plain words. */
export interface ReconciliationFinding {
  kind: string;
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  primaOrderNumber?: string;
  storeMinor?: number;
  primaMinor?: number;
  message: string;
  code: string;
}

/** One UTC day: the shop's paid orders against Prima. It reconciles when there are no findings. */
export interface ReconciliationReport {
  day: string;
  currency: string | null;
  storeOrders: number;
  storeTotalMinor: number;
  inPrima: number;
  primaTotalMinor: number;
  findings: ReconciliationFinding[];
  reconciled: boolean;
}

/** GET /reconciliation?days=N: the kept reports (newest day first) and the same as CSV. */
export interface ReconciliationReply {
  reports: ReconciliationReport[];
  csv: string;
}

// ------------------------------------------------------------ first-run wizard (/onboarding/*)

export type OnboardingStepName = 'connect' | 'catalogue' | 'mappings' | 'maps' | 'preview' | 'go-live';

/** GET /onboarding: where the shop is in the wizard (kept by the connector, so the wizard resumes). */
export interface OnboardingStateView {
  steps: { step: OnboardingStepName; done: boolean; at?: string; by?: string }[];
  /** The first step not done; null once live (or set up before the wizard existed). */
  next: OnboardingStepName | null;
  postingEnabled: boolean;
  stockEnabled: boolean;
  lastConnectionTest?: { at: string; ok: boolean; company?: string };
  previewedAt?: string;
  predatesWizard?: true;
}

/** A step's outcome: done, or what has to happen first, in words. */
export interface OnboardingStepReply {
  ok: boolean;
  missing?: string[];
  state: OnboardingStateView;
}

export interface PrimaTestResult {
  ok: boolean;
  company?: string;
  problem?: ProblemView;
}

export interface ProposedMappingView {
  sku: string;
  variantIds: string[];
  title: string;
  item: ItemRefView;
  reason: 'exact_sku' | 'pattern';
  explanation: string;
}

export interface UnmappedVariantView {
  sku: string;
  variantId: string;
  title: string;
  reason: 'no_sku' | 'not_in_prima';
  message: string;
}

export interface AmbiguousVariantView {
  sku: string;
  variantIds: string[];
  titles: string[];
  reason: 'shared_sku' | 'several_candidates' | 'unknown_matrix';
  message: string;
  candidates: ItemRefView[];
}

/** POST /onboarding/propose: what can be matched, and what the merchandiser has to look at. */
export interface MappingProposalsView {
  proposed: ProposedMappingView[];
  unmapped: UnmappedVariantView[];
  ambiguous: AmbiguousVariantView[];
  alreadyMapped: string[];
  suggestedPattern?: { pattern: { separator: string; matrixLevels: number[] }; matches: number; of: number };
}

/** POST /onboarding/stock-preview: the first stock push, before it runs. */
export interface StockPreviewView {
  rows: { sku: string; variantId: string; locationId: string; before: number | null; after: number }[];
  totals: {
    changes: number;
    skus: number;
    unitsUp: number;
    unitsDown: number;
    toZero: number;
    unknownBefore: number;
  };
  considered: number;
  guarded: boolean;
  problems: ProblemView[];
}

/** PUT /onboarding/maps body (relayed from POST /onboarding/maps). */
export interface OnboardingMapsInput {
  shipping: Record<string, { charge: string; carrier?: string; service?: string }>;
  payment: Record<string, { payMethod: string }>;
  locations: Record<string, string>;
  defaultWarehouse: string;
  /** The SKU rule for products without a match of their own (the one the catalogues suggested). */
  pattern?: { separator: string; matrixLevels: number[] };
}
