// The wizard's shapes as the admin API answers them (prima-core's onboarding types, re-declared for the
// browser bundle, which does not import the core).

export interface ItemRef {
  product: string;
  matrix: string[];
}

export interface WizardState {
  steps: { step: string; done: boolean; at?: string; by?: string }[];
  next: string | null;
  postingEnabled: boolean;
  stockEnabled: boolean;
  lastConnectionTest?: { at: string; ok: boolean; company?: string };
  previewedAt?: string;
  predatesWizard?: true;
}

export interface StepResult {
  ok: boolean;
  missing?: string[];
  state: WizardState;
}

export interface TestResult {
  ok: boolean;
  company?: string;
  problem?: { message: string; action: string };
}

export interface SkuPattern {
  separator: string;
  matrixLevels: number[];
}

export interface Proposals {
  proposed: {
    sku: string;
    title: string;
    item: ItemRef;
    reason: 'exact_sku' | 'pattern';
    explanation: string;
  }[];
  unmapped: {
    sku: string;
    variantId: string;
    title: string;
    reason: 'no_sku' | 'not_in_prima';
    message: string;
  }[];
  ambiguous: {
    sku: string;
    variantIds: string[];
    titles: string[];
    reason: 'shared_sku' | 'several_candidates' | 'unknown_matrix';
    message: string;
    candidates: ItemRef[];
  }[];
  alreadyMapped: string[];
  suggestedPattern?: { pattern: SkuPattern; matches: number; of: number };
}

export interface StockPreview {
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
  problems: { message: string; action: string }[];
}

/** The parts of the tenant's settings the wizard prefills from (GET /settings). */
export interface SavedSettings {
  prima: { url: string; companyId?: string };
  orders: { vatInclusive: boolean; defaultWarehouse: string; postingEnabled: boolean };
  stock: { enabled: boolean; intervalMinutes: number };
  maps: {
    shipping: Record<string, { charge: string; carrier?: string; service?: string }>;
    payment: Record<string, { payMethod: string; subPayMethod?: string; provider?: string }>;
    locations: Record<string, string>;
    pattern?: SkuPattern;
  };
}

/** "ETOS / G / 080": a Prima item as a clerk reads it. */
export const describeItem = (item: ItemRef) =>
  [item.product, ...item.matrix.filter((m) => m !== '')].join(' / ');

export const isDone = (state: WizardState, step: string) =>
  state.steps.some((s) => s.step === step && s.done);
