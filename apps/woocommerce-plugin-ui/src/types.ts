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

export interface ConnectionTest {
  prima: { ok: true; company: string } | { ok: false; problem: ProblemView };
  woocommerce: { ok: true } | { ok: false; problem: ProblemView };
}
