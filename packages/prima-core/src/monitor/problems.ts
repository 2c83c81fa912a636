/**
 * Every failure the product can report is a Problem: a stable code, words a store clerk can act on,
 * a suggested action, whether retrying (as is) can help, and who owns it. The catalogue is the one list
 * of codes; the handbook (docs/) has one entry per code, keyed by `handbookAnchor`.
 */

export type Owner = 'merchandising' | 'operations' | 'finance' | 'ecommerce' | 'it';

export const PROBLEM_CATALOGUE = {
  unmapped_sku: { title: 'Product not mapped to Prima', owner: 'merchandising', retryable: false },
  shared_variant_sku: { title: 'Variants share one SKU', owner: 'merchandising', retryable: false },
  invalid_mapping: { title: 'Mapping is not valid', owner: 'merchandising', retryable: false },
  money_mismatch: { title: 'Order total does not add up', owner: 'finance', retryable: false },
  vat_mode_mismatch: {
    title: 'VAT setting differs from Prima price book',
    owner: 'finance',
    retryable: false,
  },
  unknown_currency: { title: 'Currency not supported', owner: 'finance', retryable: false },
  unknown_shipping_method: { title: 'Shipping method not mapped', owner: 'operations', retryable: false },
  unknown_payment_method: { title: 'Payment method not mapped', owner: 'finance', retryable: false },
  invalid_warehouse: { title: 'No Prima warehouse for this location', owner: 'operations', retryable: false },
  missing_address: { title: 'Address incomplete', owner: 'ecommerce', retryable: false },
  invalid_order: { title: 'Order cannot be read', owner: 'ecommerce', retryable: false },
  prima_rejected: { title: 'Prima rejected the order', owner: 'operations', retryable: false },
  prima_duplicate: { title: 'Order number already in Prima', owner: 'operations', retryable: true },
  prima_malformed_request: { title: 'Prima could not read our request', owner: 'it', retryable: false },
  prima_unreachable: { title: 'Prima is not answering', owner: 'it', retryable: true },
  storefront_api_error: { title: 'Storefront did not accept an update', owner: 'ecommerce', retryable: true },
  cutoff_passed: {
    title: 'Change arrived after the warehouse cut-off',
    owner: 'operations',
    retryable: false,
  },
  credit_note_manual: { title: 'Refund needs a credit note by hand', owner: 'finance', retryable: false },
  payout_mismatch: { title: 'Payout does not match the bank deposit', owner: 'finance', retryable: false },
  fulfilment_failed: {
    title: 'Dispatch could not be shown in the store',
    owner: 'operations',
    retryable: true,
  },
  stock_reply_short: { title: 'Prima stock reply looked incomplete', owner: 'it', retryable: true },
  reconciliation_gap: { title: 'Store and Prima disagree', owner: 'finance', retryable: false },
} as const satisfies Record<string, { title: string; owner: Owner; retryable: boolean }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

export interface Problem {
  code: ProblemCode;
  /** What happened, in words a store clerk understands. Names the order, SKU or method concerned. */
  message: string;
  /** What a person should do about it. */
  action: string;
  /** Whether trying again unchanged can succeed (outages), as opposed to needing a fix first. */
  retryable: boolean;
  /** Machine-readable facts: SKU, Prima error codes, amounts. Never secrets or card data. */
  detail?: Record<string, string | number | boolean>;
}

export function problem(
  code: ProblemCode,
  message: string,
  action: string,
  detail?: Problem['detail'],
  retryable: boolean = PROBLEM_CATALOGUE[code].retryable,
): Problem {
  return detail === undefined
    ? { code, message, action, retryable }
    : { code, message, action, retryable, detail };
}

export function handbookAnchor(code: ProblemCode): string {
  return `exception-${code.replaceAll('_', '-')}`;
}

/** Thrown across ports when an operation fails with a known Problem (e.g. Prima unreachable). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.message}`);
    this.name = 'ProblemError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...problems: Problem[]): Result<T> => ({ ok: false, problems });
