/**
 * The payout flow: read the storefront's payment-provider payouts (Shopify Payments), build one summary
 * journal per payout (finance/payout-journal.ts), and post it to Prima (the assumed NewJournal request) or
 * keep it as a CSV for Prima's journal import, as the tenant chose. A payout that does not add up to its
 * bank deposit, or that Prima refuses, is an exception for finance. Each payout is journalled once.
 */
import { journalCsv } from '../finance/csv.js';
import {
  buildPayoutJournal,
  JOURNAL_CATEGORIES,
  type JournalCategory,
  type OrderSplit,
  orderSplit,
  type PayoutJournal,
} from '../finance/payout-journal.js';
import { financeOf } from '../finance/settings-of.js';
import type { Payout } from '../model/index.js';
import { type Problem, problem } from '../monitor/problems.js';
import { audit, type EngineContext, raiseException, resolveOpen } from './context.js';

export type PayoutOutcome = 'posted' | 'exported' | 'mismatch' | 'refused' | 'already_done';

/** A payout's journal as kept: what finance downloads (CSV mode) or checks against Prima (post mode). */
export interface PayoutJournalRecord {
  payoutId: string;
  /** The payout's date (the bank deposit). */
  date: string;
  currency: string;
  netMinor: number;
  how: 'posted' | 'exported';
  /** The journal reference Prima shows (stable per payout). */
  reference: string;
  primaReference: string | null;
  /** When the journal was made. */
  at: string;
  /** Signed amount per category (+ money in, - money out); absent on journals kept before they were stored. */
  amounts?: Record<JournalCategory, number>;
  /** The journal as Prima's journal-import CSV; absent on journals kept before they were stored. */
  csv?: string;
}

export interface PayoutRunReport {
  /** False when the storefront has no payouts to read (not Shopify Payments, or not implemented yet). */
  supported: boolean;
  payouts: {
    payoutId: string;
    outcome: PayoutOutcome;
    journal?: PayoutJournal;
    /** The journal as CSV for Prima's journal import (always given when a journal was built). */
    csv?: string;
    primaReference?: string;
    problem?: Problem;
  }[];
}

export const payoutSubject = (payoutId: string) => `payout:${payoutId}`;

export async function syncPayouts(
  ctx: EngineContext,
  tenantId: string,
  sinceIso: string,
): Promise<PayoutRunReport> {
  const settings = await ctx.store.settings.get(tenantId);
  if (!settings) return { supported: false, payouts: [] };
  const storefront = await ctx.storefront(tenantId);
  if (!storefront.listPayouts) return { supported: false, payouts: [] };
  const report: PayoutRunReport = { supported: true, payouts: [] };
  const correlationId = `payouts:${tenantId}:${sinceIso}`;
  const splits = new Map<string, OrderSplit>();

  let cursor: string | undefined;
  do {
    const page = await storefront.listPayouts(sinceIso, cursor);
    for (const payout of page.items) {
      const subject = payoutSubject(payout.payoutId);
      const done = await ctx.store.audit.list(tenantId, { subject, action: 'payout.journal', limit: 1 });
      if (done.length > 0) {
        report.payouts.push({ payoutId: payout.payoutId, outcome: 'already_done' });
        continue;
      }
      await loadSplits(ctx, tenantId, payout, splits);
      const built = buildPayoutJournal(payout, splits, financeOf(settings).nominals);
      if (!built.ok) {
        const p = built.problems[0] as Problem;
        await raiseException(ctx, tenantId, subject, p, correlationId);
        report.payouts.push({ payoutId: payout.payoutId, outcome: 'mismatch', problem: p });
        continue;
      }
      const journal = built.value;
      const csv = journalCsv(journal.request);
      if (financeOf(settings).payoutJournal === 'csv') {
        await recordJournal(ctx, tenantId, payout, { journal, csv }, 'exported', null, correlationId);
        report.payouts.push({ payoutId: payout.payoutId, outcome: 'exported', journal, csv });
        continue;
      }
      const prima = await ctx.prima(tenantId, settings);
      const result = await prima.postJournal(journal.request);
      if (!result.ok) {
        const p = problem(
          'payout_mismatch',
          `Prima did not accept the journal for payout ${payout.payoutId} of ${payout.date.slice(0, 10)}: ${result.problems.map((x) => x.message).join(' ')}`,
          `Download the payout's journal CSV and import it into Prima by hand (or post it as a journal), then resolve this exception.`,
          { payoutId: payout.payoutId, reference: journal.request.reference },
        );
        await raiseException(ctx, tenantId, subject, p, correlationId);
        report.payouts.push({ payoutId: payout.payoutId, outcome: 'refused', journal, csv, problem: p });
        continue;
      }
      await recordJournal(
        ctx,
        tenantId,
        payout,
        { journal, csv },
        'posted',
        result.reference ?? null,
        correlationId,
      );
      report.payouts.push({
        payoutId: payout.payoutId,
        outcome: 'posted',
        journal,
        csv,
        ...(result.reference ? { primaReference: result.reference } : {}),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return report;
}

/** Goods/shipping/tax of each order a payout's sales belong to, read once per run. */
async function loadSplits(
  ctx: EngineContext,
  tenantId: string,
  payout: Payout,
  splits: Map<string, OrderSplit>,
): Promise<void> {
  const storefront = await ctx.storefront(tenantId);
  for (const tx of payout.transactions) {
    if (tx.type !== 'charge' || !tx.orderId || splits.has(tx.orderId)) continue;
    const order = await storefront.getOrder(tx.orderId);
    if (order) splits.set(tx.orderId, orderSplit(order));
  }
}

async function recordJournal(
  ctx: EngineContext,
  tenantId: string,
  payout: Payout,
  built: { journal: PayoutJournal; csv: string },
  how: 'posted' | 'exported',
  primaReference: string | null,
  correlationId: string,
): Promise<void> {
  const subject = payoutSubject(payout.payoutId);
  await resolveOpen(ctx, tenantId, subject, `Payout journal ${how}.`);
  await audit(ctx, {
    tenantId,
    action: 'payout.journal',
    subject,
    detail: {
      payoutId: payout.payoutId,
      how,
      netMinor: payout.netMinor,
      currency: payout.currency,
      primaReference,
      date: payout.date,
      reference: built.journal.request.reference,
      // Kept whole: in CSV mode this is the only copy finance gets to import into Prima.
      amounts: JSON.stringify(built.journal.amounts),
      csv: built.csv,
    },
    correlationId,
  });
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function amountsOf(raw: unknown): Record<JournalCategory, number> | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const rec = parsed as Record<string, unknown>;
    const out = {} as Record<JournalCategory, number>;
    for (const c of JOURNAL_CATEGORIES) {
      const n = rec[c];
      if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
      out[c] = n;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** The journals made for the tenant's payouts, newest first (the engine's payoutJournals). */
export async function storedPayoutJournals(
  ctx: EngineContext,
  tenantId: string,
  limit: number,
  payoutId?: string,
): Promise<PayoutJournalRecord[]> {
  const entries = await ctx.store.audit.list(tenantId, {
    action: 'payout.journal',
    limit,
    ...(payoutId ? { subject: payoutSubject(payoutId) } : {}),
  });
  const out: PayoutJournalRecord[] = [];
  for (const e of entries) {
    const d = e.detail;
    const payoutId = str(d.payoutId);
    const how = d.how === 'posted' || d.how === 'exported' ? d.how : null;
    if (!payoutId || !how || typeof d.netMinor !== 'number') continue;
    const amounts = amountsOf(d.amounts);
    const csv = str(d.csv);
    out.push({
      payoutId,
      date: str(d.date) ?? e.at,
      currency: str(d.currency) ?? '',
      netMinor: d.netMinor,
      how,
      reference: str(d.reference) ?? '',
      primaReference: str(d.primaReference),
      at: e.at,
      ...(amounts ? { amounts } : {}),
      ...(csv ? { csv } : {}),
    });
  }
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
