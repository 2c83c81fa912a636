/**
 * Shopify Payments: the balance ledger (balance transactions) and the payouts that sweep it to the bank,
 * and the `shopifyPaymentsAccount` fields the app reads: `payouts` (search on `issued_at`, `status`, `id`;
 * sort ISSUED_AT or ID) and `balanceTransactions` (search on `payments_transfer_id`, `payout_status`,
 * `transaction_type`, `processed_at`; `hideTransfers`). Paid orders add a CHARGE with the processing fee,
 * refunds a REFUND; `payOut` sweeps what is pending into one payout, with its TRANSFER entry, as Shopify does.
 */
import { connection, type PageArgs } from './connection.js';
import { decimal, gid } from './ids.js';
import type { ShopState, SimBalanceTransaction, SimPayout, SimPayoutStatus } from './state.js';

export const PAYMENTS_GATEWAY = 'shopify_payments';

/** Shopify's processing fee: a percentage in basis points (150 = 1.5%) plus a fixed part per charge. */
export interface PaymentsFee {
  basisPoints: number;
  fixedMinor: number;
}

/** UK online card rate on the Basic plan's lower tier: 1.5% + 25p. */
export const DEFAULT_PAYMENTS_FEE: PaymentsFee = { basisPoints: 150, fixedMinor: 25 };

/** The fee on a charge, rounded half up to the minor unit with integer arithmetic (never floats). */
export function processingFee(amountMinor: number, fee: PaymentsFee): number {
  if (amountMinor <= 0) return 0;
  return Math.floor((amountMinor * fee.basisPoints + 5_000) / 10_000) + fee.fixedMinor;
}

export interface BalanceTransactionSpec {
  type: string;
  amountMinor: number;
  feeMinor?: number;
  sourceType?: string | null;
  orderId?: number | null;
  adjustmentReason?: string | null;
  processedAt?: string;
}

/** Source type Shopify gives each transaction type (the ones the emulator creates; others none). */
function defaultSourceType(type: string): string | null {
  if (type === 'CHARGE' || type === 'REFUND' || type === 'ADJUSTMENT' || type === 'TRANSFER') return type;
  if (type.startsWith('DISPUTE_') || type.startsWith('CHARGEBACK_')) return 'DISPUTE';
  return null;
}

export function addBalanceTransaction(
  state: ShopState,
  nowIso: string,
  spec: BalanceTransactionSpec,
): SimBalanceTransaction {
  if (!Number.isSafeInteger(spec.amountMinor) || !Number.isSafeInteger(spec.feeMinor ?? 0))
    throw new Error('Balance transaction amounts are integer minor units');
  const tx: SimBalanceTransaction = {
    id: state.nextId(),
    type: spec.type,
    sourceType: spec.sourceType === undefined ? defaultSourceType(spec.type) : spec.sourceType,
    amountMinor: spec.amountMinor,
    feeMinor: spec.feeMinor ?? 0,
    currency: state.currency,
    orderId: spec.orderId ?? null,
    adjustmentReason: spec.adjustmentReason ?? null,
    processedAt: spec.processedAt ?? nowIso,
    payoutId: null,
    hidden: false,
  };
  state.balanceTransactions.push(tx);
  return tx;
}

export interface PayOutOptions {
  /** Default PAID (the money reached the bank); SCHEDULED for one still on its way. */
  status?: SimPayoutStatus;
  issuedAt?: string;
}

/**
 * Sweeps every pending transaction into one payout (net = the sum of their nets) and records the payout's
 * own TRANSFER entry, which takes the amount out of the balance. Null when nothing is pending.
 */
export function payOut(state: ShopState, nowIso: string, opts: PayOutOptions = {}): SimPayout | null {
  const pending = state.balanceTransactions.filter((t) => t.payoutId === null && t.type !== 'TRANSFER');
  if (pending.length === 0) return null;
  const netMinor = pending.reduce((s, t) => s + t.amountMinor - t.feeMinor, 0);
  const issuedAt = opts.issuedAt ?? nowIso;
  const payout: SimPayout = {
    id: state.nextId(),
    issuedAt,
    status: opts.status ?? 'PAID',
    netMinor,
    currency: state.currency,
  };
  for (const t of pending) t.payoutId = payout.id;
  const transfer = addBalanceTransaction(state, issuedAt, { type: 'TRANSFER', amountMinor: -netMinor });
  transfer.payoutId = payout.id;
  state.payouts.push(payout);
  return payout;
}

// ---------------------------------------------------------------- search and GraphQL nodes

type Field<T> = { kind: 'time' | 'id' | 'text'; value: (x: T) => string | number | null };

/**
 * Shopify's search syntax, the part these fields need: `field:value`, `field:>=value` (also >, <=, <),
 * values optionally quoted, terms joined by spaces or AND. Unknown fields are ignored, as the orders search is.
 */
function matches<T>(item: T, query: string | null | undefined, fields: Record<string, Field<T>>): boolean {
  if (!query) return true;
  for (const term of query.split(/\s+(?:AND\s+)?/).filter(Boolean)) {
    const m = /^([a-z_]+):(>=|<=|>|<)?['"]?([^'"]*)['"]?$/.exec(term);
    const field = m ? fields[m[1] as string] : undefined;
    if (!m || !field) continue;
    const op = m[2] ?? '=';
    const raw = field.value(item);
    if (raw === null) return false;
    let a: number;
    let b: number;
    if (field.kind === 'text') {
      if (op !== '=' || String(raw).toLowerCase() !== (m[3] ?? '').toLowerCase()) return false;
      continue;
    }
    if (field.kind === 'time') {
      a = Date.parse(String(raw));
      b = Date.parse(m[3] ?? '');
    } else {
      a = Number(raw);
      b = Number(m[3]);
    }
    if (Number.isNaN(b)) return false;
    const ok =
      op === '=' ? a === b : op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : a < b;
    if (!ok) return false;
  }
  return true;
}

const PAYOUT_FIELDS: Record<string, Field<SimPayout>> = {
  issued_at: { kind: 'time', value: (p) => p.issuedAt },
  status: { kind: 'text', value: (p) => p.status },
  id: { kind: 'id', value: (p) => p.id },
};

function transactionFields(state: ShopState): Record<string, Field<SimBalanceTransaction>> {
  const payoutOf = (t: SimBalanceTransaction) => state.payouts.find((p) => p.id === t.payoutId);
  return {
    payments_transfer_id: { kind: 'id', value: (t) => t.payoutId },
    payout_status: {
      kind: 'text',
      value: (t) => payoutOf(t)?.status ?? 'PENDING',
    },
    transaction_type: { kind: 'text', value: (t) => t.type },
    processed_at: { kind: 'time', value: (t) => t.processedAt },
    id: { kind: 'id', value: (t) => t.id },
  };
}

const money = (minor: number, currency: string) => ({ amount: decimal(minor), currencyCode: currency });

function payoutNode(p: SimPayout) {
  const net = money(Math.abs(p.netMinor), p.currency);
  return {
    __typename: 'ShopifyPaymentsPayout',
    id: gid('ShopifyPaymentsPayout', p.id),
    legacyResourceId: String(p.id),
    issuedAt: p.issuedAt,
    status: p.status,
    // As Shopify reports it: the amount is positive and the direction says which way it moved.
    transactionType: p.netMinor < 0 ? 'WITHDRAWAL' : 'DEPOSIT',
    net,
    gross: net,
  };
}

function transactionNode(state: ShopState, t: SimBalanceTransaction) {
  const payout = state.payouts.find((p) => p.id === t.payoutId);
  const order = t.orderId === null ? undefined : state.orders.get(t.orderId);
  return {
    __typename: 'ShopifyPaymentsBalanceTransaction',
    id: gid('ShopifyPaymentsBalanceTransaction', t.id),
    type: t.type,
    sourceType: t.sourceType,
    test: true,
    transactionDate: t.processedAt,
    amount: money(t.amountMinor, t.currency),
    fee: money(t.feeMinor, t.currency),
    net: money(t.amountMinor - t.feeMinor, t.currency),
    adjustmentReason: t.adjustmentReason,
    adjustmentsOrders: [],
    associatedOrder: order ? { id: gid('Order', order.id), name: order.name } : null,
    associatedPayout: {
      id: payout ? gid('ShopifyPaymentsPayout', payout.id) : null,
      status: payout?.status ?? 'PENDING',
    },
  };
}

type Sort = { sortKey?: string | null; reverse?: boolean | null };

/** `shopifyPaymentsAccount`: null when the shop does not use Shopify Payments, as on Shopify. */
export function paymentsAccountNode(state: ShopState) {
  if (!state.paymentsEnabled) return null;
  return {
    __typename: 'ShopifyPaymentsAccount',
    id: gid('ShopifyPaymentsAccount', 1),
    activated: true,
    defaultCurrency: state.currency,
    payouts: (args: PageArgs & Sort & { query?: string | null }) => {
      const list = state.payouts
        .filter((p) => matches(p, args.query, PAYOUT_FIELDS))
        .sort((a, b) =>
          args.sortKey === 'ID' ? a.id - b.id : a.issuedAt.localeCompare(b.issuedAt) || a.id - b.id,
        );
      if (args.reverse) list.reverse();
      return connection(list.map(payoutNode), args);
    },
    balanceTransactions: (
      args: PageArgs & Sort & { query?: string | null; hideTransfers?: boolean | null },
    ) => {
      const fields = transactionFields(state);
      const list = state.balanceTransactions
        .filter((t) => !t.hidden && !(args.hideTransfers && t.type === 'TRANSFER'))
        .filter((t) => matches(t, args.query, fields))
        .sort((a, b) =>
          args.sortKey === 'ID' ? a.id - b.id : a.processedAt.localeCompare(b.processedAt) || a.id - b.id,
        );
      if (args.reverse) list.reverse();
      return connection(
        list.map((t) => transactionNode(state, t)),
        args,
      );
    },
  };
}
