// Shapes the admin-api action answers with (prima-core's types, re-declared for the browser bundle).
export interface Problem {
  code: string;
  message: string;
  action: string;
  retryable: boolean;
}
export interface OrderLink {
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  primaOrderNumber: string;
  state: string;
  primaState?: string;
  primaRawStatus?: string;
  totalMinor: number;
  currency: string;
  receivedAt: string;
  lastProblem?: Problem;
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
}
export interface ExceptionRecord {
  id: string;
  code: string;
  subject: string;
  problem: Problem;
  status: 'open' | 'resolved';
  attempts: number;
  lastSeenAt: string;
}
export interface SkuMapping {
  sku: string;
  kind: 'stock' | 'non_stock' | 'bundle';
  item?: { product: string; matrix: [string, string, string, string] };
  source: string;
  updatedAt: string;
}
export interface OrderSyncView {
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  state: string;
  primaOrderNumber?: string;
  primaState?: string;
  primaRawStatus?: string;
  dispatches: { dispatchId: string; carrier: string; trackingNumber?: string; at: string }[];
  lastProblem?: Problem;
  canRetry: boolean;
}
export interface ReconciliationFinding {
  kind: string;
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  primaOrderNumber?: string;
  message: string;
  code: string;
}
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
