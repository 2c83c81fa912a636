/**
 * Shopify Payments payouts -> prima-core's canonical Payout (the gateway's `listPayouts`). Shopify's payout
 * and balance-transaction shapes stay here: each reply is validated with zod, amounts are parsed from
 * Shopify's decimal strings into integer minor units, and each transaction type is mapped to the journal
 * category prima-core books it under. Whether a payout adds up is prima-core's check (sync/payouts.ts).
 */
import {
  type Page,
  type Payout,
  type PayoutTransaction,
  ProblemError,
  parseMinor,
  problem,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import type { AdminClient } from './admin-client.server.js';
import { gidTail } from './converter.server.js';
import { PAYOUT_TRANSACTIONS_QUERY, PAYOUTS_QUERY } from './documents.js';

const money = z.object({ amount: z.union([z.string(), z.number()]), currencyCode: z.string() });
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const payoutsReply = z.object({
  shopifyPaymentsAccount: z
    .object({
      payouts: z.object({
        nodes: z.array(
          z.object({
            id: z.string(),
            legacyResourceId: z.union([z.string(), z.number()]),
            issuedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
            status: z.string(),
            transactionType: z.string(),
            net: money,
          }),
        ),
        pageInfo,
      }),
    })
    .nullable(),
});

const transactionNode = z.object({
  id: z.string(),
  type: z.string(),
  sourceType: z.string().nullish(),
  amount: money,
  fee: money,
  net: money,
  associatedOrder: z.object({ id: z.string() }).nullish(),
  associatedPayout: z.object({ id: z.string().nullish() }).nullish(),
});
type ShopifyTransaction = z.infer<typeof transactionNode>;

const transactionsReply = z.object({
  shopifyPaymentsAccount: z
    .object({ balanceTransactions: z.object({ nodes: z.array(transactionNode), pageInfo }) })
    .nullable(),
});

/**
 * The journal category of a Shopify Payments transaction type. Fees first (CHARGEBACK_FEE is a fee, not a
 * chargeback); a dispute shows as DISPUTE_* / CHARGEBACK_HOLD* or as an adjustment whose source is the
 * dispute; the payout's own TRANSFER is the movement to the bank (not booked); the many rarer types
 * (lending, Shop Cash, channel credits, ...) go to adjustments as 'other'.
 */
export function payoutTransactionType(
  type: string,
  sourceType: string | null | undefined,
): PayoutTransaction['type'] {
  const t = type.toUpperCase();
  if (t === 'CHARGE') return 'charge';
  if (t === 'REFUND' || t === 'REFUND_ADJUSTMENT' || t === 'REFUND_FAILURE') return 'refund';
  if (/(^|_)FEE(_|$)/.test(t) || t.includes('BILLING')) return 'fee';
  if (t.startsWith('DISPUTE_') || t.startsWith('CHARGEBACK_') || sourceType?.toUpperCase() === 'DISPUTE')
    return 'chargeback';
  if (t === 'ADJUSTMENT' || t === 'CHARGE_ADJUSTMENT' || t.startsWith('RESERVED_FUNDS')) return 'adjustment';
  if (t === 'TRANSFER') return 'payout';
  return 'other';
}

/** Payouts that will not reach the bank are not journalled; scheduled ones are: their content is fixed. */
const NOT_PAID_OUT = new Set(['FAILED', 'CANCELED']);

function unreadable(what: string, detail: string): ProblemError {
  return new ProblemError(
    problem(
      'storefront_api_error',
      `Shopify's ${what} could not be read (${detail}).`,
      'Nothing to do: the payout read is retried with the next daily finance round. If it repeats, report it to support.',
      {},
    ),
  );
}

function minor(m: z.infer<typeof money>, what: string): number {
  const r = parseMinor(m.amount, m.currencyCode, { label: what });
  if (!r.ok) throw unreadable('payout figures', r.problems[0]?.message ?? `${what} is not an amount`);
  return r.value;
}

/** Shopify refuses payouts without the read_shopify_payments_payouts permission: say so in plain words. */
function explainAccess(e: unknown): unknown {
  if (e instanceof ProblemError && e.problem.detail?.code === 'ACCESS_DENIED') {
    return new ProblemError(
      problem(
        'storefront_api_error',
        'Prima Connect is not allowed to read your Shopify Payments payouts, so no payout journals are made.',
        'In Shopify admin, open Prima Connect and approve its updated permissions (Shopify Payments payouts); the next daily finance round then reads the payouts it missed.',
        { code: 'ACCESS_DENIED' },
        false,
      ),
    );
  }
  return e;
}

export function createPayoutReader(client: AdminClient) {
  async function request<T>(
    doc: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    what: string,
  ) {
    let raw: unknown;
    try {
      raw = await client.request(doc, variables);
    } catch (e) {
      throw explainAccess(e);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw unreadable(
        what,
        first ? `${first.path.join('.') || 'reply'}: ${first.message}` : 'unknown shape',
      );
    }
    return parsed.data;
  }

  /** Every balance transaction of one payout (all pages), as Shopify lists them. */
  async function transactionsOf(legacyId: string): Promise<ShopifyTransaction[]> {
    const out: ShopifyTransaction[] = [];
    let after: string | null = null;
    for (;;) {
      const data: z.infer<typeof transactionsReply> = await request(
        PAYOUT_TRANSACTIONS_QUERY,
        { query: `payments_transfer_id:${legacyId}`, after },
        transactionsReply,
        'payout transactions',
      );
      const conn = data.shopifyPaymentsAccount?.balanceTransactions;
      if (!conn) return out;
      out.push(...conn.nodes);
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return out;
      after = conn.pageInfo.endCursor;
    }
  }

  /** Payouts issued since `sinceIso`, one page of PAYOUTS_PAGE, each with all its transactions. */
  async function listPayouts(sinceIso: string, cursor?: string): Promise<Page<Payout>> {
    const data = await request(
      PAYOUTS_QUERY,
      { query: `issued_at:>='${sinceIso}'`, after: cursor ?? null },
      payoutsReply,
      'payout list',
    );
    // No Shopify Payments on this shop: nothing to journal.
    const conn = data.shopifyPaymentsAccount?.payouts;
    if (!conn) return { items: [] };
    const items: Payout[] = [];
    for (const p of conn.nodes) {
      if (NOT_PAID_OUT.has(p.status.toUpperCase())) continue;
      const currency = p.net.currencyCode;
      const amount = minor(p.net, `payout ${gidTail(p.id)} amount`);
      // Shopify states the amount and, apart, its direction: a withdrawal takes money from the bank.
      const netMinor = p.transactionType.toUpperCase() === 'WITHDRAWAL' ? -Math.abs(amount) : amount;
      const transactions: PayoutTransaction[] = [];
      for (const t of await transactionsOf(String(p.legacyResourceId))) {
        // Only this payout's own entries, in its currency: anything else would be booked to the wrong
        // payout; left out, the payout no longer adds up and finance gets a payout_mismatch to look at.
        if (t.associatedPayout?.id && t.associatedPayout.id !== p.id) continue;
        if (t.amount.currencyCode !== currency) continue;
        const id = gidTail(t.id);
        transactions.push({
          id,
          type: payoutTransactionType(t.type, t.sourceType),
          ...(t.associatedOrder ? { orderId: gidTail(t.associatedOrder.id) } : {}),
          grossMinor: minor(t.amount, `transaction ${id} amount`),
          feeMinor: minor(t.fee, `transaction ${id} fee`),
          netMinor: minor(t.net, `transaction ${id} net`),
        });
      }
      items.push({
        payoutId: gidTail(p.id),
        date: new Date(Date.parse(p.issuedAt)).toISOString(),
        currency,
        netMinor,
        transactions,
      });
    }
    return {
      items,
      ...(conn.pageInfo.hasNextPage && conn.pageInfo.endCursor
        ? { nextCursor: conn.pageInfo.endCursor }
        : {}),
    };
  }

  return { listPayouts };
}
