/**
 * The Payouts page (Shopify Payments): the summary journal made for each payout, its lines by category, and
 * its journal-import CSV; payouts that do not add up are the open payout exceptions. "Read payouts now"
 * runs the same read the nightly finance round does, over the last 30 days.
 */
import {
  describeMoney,
  financeOf,
  JOURNAL_CATEGORY_LABEL,
  type JournalCategory,
  ProblemError,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ShopifyHost } from './host.server.js';
import type { PayoutsData } from './view-models.js';

const READ_BACK_DAYS = 30;

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function payoutsData(host: ShopifyHost, tenantId: string): Promise<PayoutsData> {
  const [journals, settings, open] = await Promise.all([
    host.engine.payoutJournals(tenantId, { limit: 200 }),
    host.settings(tenantId),
    host.store.exceptions.list(tenantId, { status: 'open', limit: 500 }),
  ]);
  return {
    mode: settings ? financeOf(settings).payoutJournal : 'csv',
    rows: journals.map((j) => ({
      payoutId: j.payoutId,
      date: j.date.slice(0, 10),
      deposit: describeMoney(j.netMinor, j.currency),
      how: j.how,
      reference: j.reference,
      primaReference: j.primaReference ?? '',
      lines: Object.entries(j.amounts ?? {})
        .filter(([, minor]) => minor !== 0)
        .map(([c, minor]) => ({
          label: sentenceCase(JOURNAL_CATEGORY_LABEL[c as JournalCategory]),
          amount: describeMoney(minor, j.currency),
        })),
      hasCsv: j.csv !== undefined,
    })),
    problems: open
      .filter((e) => e.subject.startsWith('payout:'))
      .map((e) => ({
        id: e.id,
        subject: e.subject.slice('payout:'.length),
        message: e.problem.message,
        action: e.problem.action,
        code: e.code,
      })),
  };
}

/** One payout's journal-import CSV, or null when there is none for that payout. */
export async function payoutCsv(
  host: ShopifyHost,
  tenantId: string,
  payoutId: string,
): Promise<string | null> {
  const id = z.string().min(1).max(100).safeParse(payoutId);
  if (!id.success) return null;
  const [journal] = await host.engine.payoutJournals(tenantId, { limit: 1, payoutId: id.data });
  return journal?.csv ?? null;
}

export async function payoutsAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
): Promise<NonNullable<PayoutsData['notice']>> {
  const parsed = z.object({ intent: z.literal('read-now') }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { tone: 'critical', message: 'Unknown request' };
  const since = new Date(host.clock.now().getTime() - READ_BACK_DAYS * 86_400_000).toISOString();
  let run: Awaited<ReturnType<typeof host.engine.syncPayouts>>;
  try {
    run = await host.engine.syncPayouts(tenantId, since);
  } catch (error) {
    // Shopify or Prima did not answer: nothing was journalled twice (each payout is recorded once done).
    return {
      tone: 'critical',
      message:
        error instanceof ProblemError
          ? `${error.problem.message} ${error.problem.action}`
          : 'Shopify or Prima did not answer while reading payouts. Try again in a minute.',
    };
  }
  if (!run.supported)
    return {
      tone: 'warning',
      message: 'No payouts to read: connect Prima first, or this shop does not use Shopify Payments.',
    };
  const count = (o: string) => run.payouts.filter((p) => p.outcome === o).length;
  const made = count('posted') + count('exported');
  const wrong = count('mismatch') + count('refused');
  return {
    tone: wrong > 0 ? 'warning' : 'success',
    message:
      `Read ${plural(run.payouts.length, 'payout')} of the last ${READ_BACK_DAYS} days: ${plural(made, 'new journal')}` +
      `${count('already_done') > 0 ? `, ${count('already_done')} already done` : ''}` +
      `${wrong > 0 ? `, ${wrong} need you (below)` : ''}.`,
  };
}
