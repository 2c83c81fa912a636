/**
 * One summary journal per payment-provider payout (Shopify Payments), so the bank deposit reconciles one to
 * one in Prima: the bank line carries the deposit, and separate lines carry gross sales, shipping, tax,
 * fees, refunds, chargebacks and adjustments, each on its configured nominal code.
 *
 * Signs: a category's amount is money in (+) or out (-) of the payout. Money in is a credit on its nominal,
 * money out a debit; the bank deposit is a debit. The journal balances exactly when the categories sum to
 * the deposit, which is the check: a payout that does not is a payout_mismatch for finance, never posted.
 */
import type { Payout, PayoutTransaction } from '../model/index.js';
import { allocate } from '../money/allocate.js';
import { describeMoney } from '../money/decimal.js';
import { fail, ok, problem, type Result } from '../monitor/problems.js';
import type { PrimaJournalRequest } from '../ports.js';
import type { Settings } from '../settings.js';

export const JOURNAL_CATEGORIES = [
  'grossSales',
  'shipping',
  'tax',
  'fees',
  'refunds',
  'chargebacks',
  'adjustments',
] as const;
export type JournalCategory = (typeof JOURNAL_CATEGORIES)[number];

/** Each category in words, as the journal's line descriptions and the apps' payout screens name it. */
export const JOURNAL_CATEGORY_LABEL: Readonly<Record<JournalCategory, string>> = {
  grossSales: 'gross sales',
  shipping: 'shipping',
  tax: 'tax',
  fees: 'fees',
  refunds: 'refunds',
  chargebacks: 'chargebacks',
  adjustments: 'adjustments',
};

/** How an order's total divides into goods, shipping and tax (from the canonical order). */
export interface OrderSplit {
  goodsMinor: number;
  shippingMinor: number;
  taxMinor: number;
}

export interface PayoutJournal {
  payoutId: string;
  /** Signed per category: + money in, - money out. Sums to `bankMinor`. */
  amounts: Record<JournalCategory, number>;
  bankMinor: number;
  request: PrimaJournalRequest;
}

export type Nominals = Settings['finance']['nominals'];

/** Splits a sale by its order's goods/shipping/tax, exactly; unknown orders count as gross sales. */
function splitCharge(tx: PayoutTransaction, split: OrderSplit | undefined): [number, number, number] {
  if (!split) return [tx.grossMinor, 0, 0];
  const weights = [split.goodsMinor, split.shippingMinor, split.taxMinor];
  if (weights.some((w) => w < 0) || weights.every((w) => w === 0)) return [tx.grossMinor, 0, 0];
  const [g, s, t] = allocate(tx.grossMinor, weights);
  return [g as number, s as number, t as number];
}

/** Journal reference Prima will show: stable per payout, so a re-run names the same journal. */
export const payoutReference = (payout: Payout) =>
  `PO${payout.payoutId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 20);

export function buildPayoutJournal(
  payout: Payout,
  splits: ReadonlyMap<string, OrderSplit>,
  nominals: Nominals,
  provider = 'Shopify Payments',
): Result<PayoutJournal> {
  const money = (m: number) => describeMoney(m, payout.currency);
  const mismatch = (why: string, detail: Record<string, string | number>) =>
    fail<PayoutJournal>(
      problem(
        'payout_mismatch',
        `${provider} payout ${payout.payoutId} of ${payout.date.slice(0, 10)} (${money(payout.netMinor)} paid into the bank) was not posted: ${why}.`,
        `Open payout ${payout.payoutId} in the ${provider} dashboard and compare it with the bank statement; post it to Prima by hand (the difference to the suspense account), then resolve this exception.`,
        { payoutId: payout.payoutId, netMinor: payout.netMinor, currency: payout.currency, ...detail },
      ),
    );

  const amounts: Record<JournalCategory, number> = {
    grossSales: 0,
    shipping: 0,
    tax: 0,
    fees: 0,
    refunds: 0,
    chargebacks: 0,
    adjustments: 0,
  };
  for (const tx of payout.transactions) {
    if (tx.type === 'payout') continue; // the transfer itself, not money earned or spent
    if (tx.grossMinor - tx.feeMinor !== tx.netMinor) {
      return mismatch(
        `its transaction ${tx.id} says ${money(tx.grossMinor)} less a fee of ${money(tx.feeMinor)} is ${money(tx.netMinor)}`,
        { transactionId: tx.id },
      );
    }
    amounts.fees -= tx.feeMinor;
    switch (tx.type) {
      case 'charge': {
        const [g, s, t] = splitCharge(tx, tx.orderId ? splits.get(tx.orderId) : undefined);
        amounts.grossSales += g;
        amounts.shipping += s;
        amounts.tax += t;
        break;
      }
      case 'refund':
        amounts.refunds += tx.grossMinor;
        break;
      case 'chargeback':
        amounts.chargebacks += tx.grossMinor;
        break;
      case 'fee':
        amounts.fees += tx.grossMinor;
        break;
      case 'adjustment':
      case 'other':
        amounts.adjustments += tx.grossMinor;
        break;
    }
  }
  const sum = JOURNAL_CATEGORIES.reduce((s, c) => s + amounts[c], 0);
  if (sum !== payout.netMinor) {
    return mismatch(
      `its transactions add up to ${money(sum)}, a difference of ${money(payout.netMinor - sum)} (a transaction missing from the payout, or one that belongs to another payout)`,
      { transactionsMinor: sum, differenceMinor: payout.netMinor - sum },
    );
  }

  const lines: PrimaJournalRequest['lines'] = [
    {
      nominal: nominals.bank,
      description: `${provider} payout ${payout.payoutId}: bank deposit`,
      debitMinor: Math.max(payout.netMinor, 0),
      creditMinor: Math.max(-payout.netMinor, 0),
    },
  ];
  for (const c of JOURNAL_CATEGORIES) {
    const a = amounts[c];
    if (a === 0) continue;
    lines.push({
      nominal: nominals[c],
      description: `${provider} payout ${payout.payoutId}: ${JOURNAL_CATEGORY_LABEL[c]}`,
      debitMinor: Math.max(-a, 0),
      creditMinor: Math.max(a, 0),
    });
  }
  return ok({
    payoutId: payout.payoutId,
    amounts,
    bankMinor: payout.netMinor,
    request: {
      reference: payoutReference(payout),
      date: payout.date.slice(0, 10),
      currency: payout.currency,
      lines,
    },
  });
}

/** An order's total as goods, shipping and tax, from the canonical order (shipping net of its own tax). */
export function orderSplit(order: {
  totalMinor: number;
  taxMinor: number;
  pricesIncludeTax: boolean;
  charges: { kind: string; amountMinor: number; discountMinor: number; taxMinor: number }[];
}): OrderSplit {
  const shippingMinor = order.charges
    .filter((c) => c.kind === 'shipping')
    .reduce((s, c) => s + c.amountMinor - c.discountMinor - (order.pricesIncludeTax ? c.taxMinor : 0), 0);
  return {
    goodsMinor: order.totalMinor - shippingMinor - order.taxMinor,
    shippingMinor,
    taxMinor: order.taxMinor,
  };
}
