/**
 * CSV downloads for finance: a payout journal in a plain journal-import layout (one row per journal line)
 * and the daily reconciliation report. csv-stringify does the quoting, so descriptions with commas,
 * quotes or line breaks stay in their cell.
 */
import { stringify } from 'csv-stringify/sync';
import { currencyExponent } from '../money/currency.js';
import { formatDecimalMinor } from '../money/decimal.js';
import type { PrimaJournalRequest } from '../ports.js';
import type { ReconciliationReport } from './reconciliation.js';

function decimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  return formatDecimalMinor(minor, exp.ok ? exp.value : 2);
}

/** Columns: Reference, Date, Nominal, Description, Debit, Credit, Currency (amounts as decimals). */
export function journalCsv(journal: PrimaJournalRequest): string {
  return stringify(
    journal.lines.map((l) => [
      journal.reference,
      journal.date,
      l.nominal,
      l.description,
      decimal(l.debitMinor, journal.currency),
      decimal(l.creditMinor, journal.currency),
      journal.currency,
    ]),
    { header: true, columns: ['Reference', 'Date', 'Nominal', 'Description', 'Debit', 'Credit', 'Currency'] },
  );
}

/** One row per finding; a day that reconciles gives one "reconciled" row, so the file is never blank. */
export function reconciliationCsv(reports: ReconciliationReport[]): string {
  const rows: string[][] = [];
  for (const r of reports) {
    const cur = r.currency ?? '';
    const money = (m: number | undefined) => (m === undefined ? '' : decimal(m, cur || 'GBP'));
    if (r.findings.length === 0)
      rows.push([
        r.day,
        'reconciled',
        '',
        '',
        money(r.storeTotalMinor),
        money(r.primaTotalMinor),
        cur,
        `${r.storeOrders} store orders, ${r.inPrima} in Prima`,
      ]);
    for (const f of r.findings)
      rows.push([
        r.day,
        f.kind,
        f.storefrontOrderNumber,
        f.primaOrderNumber ?? '',
        money(f.storeMinor),
        money(f.primaMinor),
        cur,
        f.message,
      ]);
  }
  return stringify(rows, {
    header: true,
    columns: [
      'Day',
      'Finding',
      'Store order',
      'Prima order',
      'Store amount',
      'Prima amount',
      'Currency',
      'Details',
    ],
  });
}
