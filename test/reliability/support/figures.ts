/**
 * Every scenario prints one line of figures (sent, posted, duplicates, lost, exceptions, pass/fail) and
 * keeps them in .cache/reliability/figures.json, so the README's "latest figures" come from a real run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figures {
  scenario: string;
  /** Storefront orders the scenario created. */
  orders: number;
  /** Requests or deliveries sent to the intake(s). */
  sent: number;
  /** Distinct storefront orders that Prima holds at the end. */
  posted: number;
  /** Prima orders beyond one per storefront order (a doubled order). */
  duplicates: number;
  /** Storefront orders Prima does not hold at the end. */
  lost: number;
  /** Exceptions raised during the run (open + resolved). */
  exceptions: number;
  /** Scenario-specific numbers: latencies, kills, cases. */
  extra?: Record<string, number | string>;
}

const FILE = join(process.cwd(), '.cache', 'reliability', 'figures.json');

/** Prints the figures with pass/fail and records them; returns `pass` so the caller can assert it too. */
export function report(f: Figures, pass: boolean): boolean {
  const extra = f.extra
    ? ` | ${Object.entries(f.extra)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`
    : '';
  console.log(
    `RELIABILITY ${f.scenario}: orders=${f.orders} sent=${f.sent} posted=${f.posted} duplicates=${f.duplicates} lost=${f.lost} exceptions=${f.exceptions}${extra} -> ${pass ? 'PASS' : 'FAIL'}`,
  );
  try {
    mkdirSync(join(FILE, '..'), { recursive: true });
    let all: Record<string, Figures & { pass: boolean; at: string }> = {};
    try {
      all = JSON.parse(readFileSync(FILE, 'utf8')) as typeof all;
    } catch {
      // first scenario of the run
    }
    all[f.scenario] = { ...f, pass, at: new Date().toISOString() };
    writeFileSync(FILE, JSON.stringify(all, null, 2));
  } catch {
    // Figures on disk are a convenience; the printed line is the record.
  }
  return pass;
}

/** Counts Prima orders against the storefront orders that should be there, by Prima order number. */
export function tally(
  expected: Iterable<string>,
  inPrima: Iterable<string>,
): { posted: number; lost: number; duplicates: number } {
  const want = new Set(expected);
  const have = [...inPrima];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const n of have) {
    if (seen.has(n) || !want.has(n)) duplicates++;
    seen.add(n);
  }
  let lost = 0;
  for (const n of want) if (!seen.has(n)) lost++;
  return { posted: want.size - lost, lost, duplicates };
}

/** The Prima number the engine gives a storefront order (prefix + letters and digits of its number). */
export function primaNumber(prefix: string, storefrontNumber: string): string {
  return `${prefix}${storefrontNumber.replace(/[^A-Za-z0-9]/g, '')}`;
}
