/**
 * Issue #11's acceptance test over the playground: the real emulators, the real hosts (the Shopify app's
 * engine wiring, the connector service, the App Builder actions) and the Prima sandbox. A day of clean
 * orders reconciles; then faults are injected through the drivers and the daily reconciliation must list
 * exactly those, per storefront, in the report and in its CSV.
 *
 * Worker rounds are driven by hand (`background: false`): the hosts' catch-up would rightly find a lost
 * order once the clock moves on, and that healing is not what this test is about.
 */
import type { OrderScenario, PlacedOrder, PlatformStack, Stack } from '@prima-connect/playground';
import { scenarioFor } from '@prima-connect/playground';
import type { Platform, ReconciliationFinding, ReconciliationReport } from '@prima-connect/prima-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor } from '../e2e/harness.js';

const PLATFORMS = ['shopify', 'woocommerce', 'magento'] as const satisfies readonly Platform[];
type P = (typeof PLATFORMS)[number];
const DAY_MS = 86_400_000;
/** prima-core's default `finance.stuckAfterHours` (the playground keeps it), plus an hour. */
const PAST_STUCK_MS = 5 * 3_600_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Every UTC day from the one holding `fromMs` to the one holding `toMs`: a run may straddle midnight. */
function daysBetween(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${dayOf(fromMs)}T00:00:00.000Z`); d <= toMs; d += DAY_MS) days.push(dayOf(d));
  return days;
}

interface Run {
  reports: ReconciliationReport[];
  findings: (ReconciliationFinding & { day: string })[];
  storeOrders: number;
  inPrima: number;
}

async function reconcile(host: PlatformStack, days: string[]): Promise<Run> {
  const reports: ReconciliationReport[] = [];
  for (const day of days) reports.push(await host.engine.reconcileDay(host.tenantId, day));
  return {
    reports,
    findings: reports.flatMap((r) => r.findings.map((f) => ({ ...f, day: r.day }))),
    storeOrders: reports.reduce((n, r) => n + r.storeOrders, 0),
    inPrima: reports.reduce((n, r) => n + r.inPrima, 0),
  };
}

const byKindThenId = (a: [string, string], b: [string, string]) =>
  a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]);

/** The CSV's first four columns (day, finding, store order, Prima order); none of them holds a comma. */
function csvKeys(csv: string): string[] {
  const [header, ...rows] = csv.trim().split('\n');
  expect(header).toBe('Day,Finding,Store order,Prima order,Store amount,Prima amount,Currency,Details');
  return rows.map((r) => r.split(',').slice(0, 4).join(',')).sort();
}

let stack: Stack;
const t0 = Date.now();

beforeAll(async () => {
  stack = await startTestStack({ background: false });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

function hostOf(p: P): PlatformStack {
  const host = stack.platforms[p];
  if (!host) throw new Error(`${p} did not start`);
  return host;
}

/** Runs worker rounds (every host's jobs, polls, due syncs) until `done` holds. */
async function roundsUntil(what: string, done: () => Promise<boolean>): Promise<void> {
  await waitFor(what, async () => {
    await stack.round();
    return done();
  });
}

function firstSku(s: OrderScenario): string {
  const sku = s.lines[0]?.sku;
  if (!sku) throw new Error(`scenario ${s.name} has no lines`);
  return sku;
}

const linkState = async (host: PlatformStack, o: PlacedOrder) =>
  (await host.store.links.get(host.tenantId, o.storefrontOrderId))?.state;

describe('the daily reconciliation over a playground day', () => {
  it('a clean day reconciles; a day with injected faults lists exactly those, in the report and its CSV', {
    timeout: 120_000,
  }, async () => {
    // 1. A handful of clean orders on each storefront, plus the ones faults will be injected into later.
    const placed = {} as Record<
      P,
      {
        clean: PlacedOrder[];
        refundLost: PlacedOrder;
        refundOk: PlacedOrder;
        reprice: PlacedOrder;
        gone: PlacedOrder;
      }
    >;
    for (const p of PLATFORMS) {
      const d = hostOf(p).driver;
      placed[p] = {
        clean: [
          await d.placeOrder(scenarioFor('variant', 1)),
          await d.placeOrder(scenarioFor('multi-line-discount', 2)),
          await d.placeOrder(scenarioFor('bundle', 3)),
          await d.placeOrder(scenarioFor('penny-rounding', 4)),
        ],
        refundLost: await d.placeOrder(scenarioFor('partial-refund', 5)),
        refundOk: await d.placeOrder(scenarioFor('partial-refund', 6)),
        reprice: await d.placeOrder(scenarioFor('vat-inclusive', 7)),
        gone: await d.placeOrder(scenarioFor('variant', 8)),
      };
    }
    const all = (p: P) => {
      const o = placed[p];
      return [...o.clean, o.refundLost, o.refundOk, o.reprice, o.gone];
    };
    await roundsUntil('every order posted to Prima', async () => {
      for (const p of PLATFORMS)
        for (const o of all(p)) if ((await linkState(hostOf(p), o)) !== 'posted') return false;
      return true;
    });

    // Every order is in Prima once, with the store's total: each storefront's day reconciles.
    const cleanDays = daysBetween(t0, Date.now());
    for (const p of PLATFORMS) {
      const run = await reconcile(hostOf(p), cleanDays);
      expect(run.findings, p).toEqual([]);
      expect(run.reports.every((r) => r.reconciled)).toBe(true);
      expect([run.storeOrders, run.inPrima], p).toEqual([8, 8]);
    }

    // 2. Faults the hosts hear about: an order with the SKU no one mapped (it waits in the exception
    // queue), and a refund whose event arrives (a credit note: no finding).
    const stuck = {} as Record<P, PlacedOrder>;
    for (const p of PLATFORMS) {
      const host = hostOf(p);
      stuck[p] = await host.driver.placeOrder(scenarioFor('unmapped-sku', 9));
      const sku = firstSku(scenarioFor('partial-refund', 6));
      expect(await host.driver.refundLine(placed[p].refundOk.storefrontOrderId, sku, 1)).toBe('done');
    }
    await roundsUntil('the unmapped orders in the exception queue and the credit notes made', async () => {
      for (const p of PLATFORMS) {
        const host = hostOf(p);
        if ((await linkState(host, stuck[p])) !== 'exception') return false;
        const link = await host.store.links.get(host.tenantId, placed[p].refundOk.storefrontOrderId);
        if (!stack.sandbox.state.creditNotes.some((c) => c.orderNumber === link?.primaOrderNumber))
          return false;
      }
      return true;
    });

    // 3. Faults nothing tells the hosts about: a lost order, a lost refund, a repriced order, a deleted one.
    const lost = {} as Record<P, PlacedOrder>;
    const repricedTotal = {} as Record<P, number>;
    for (const p of PLATFORMS) {
      const d = hostOf(p).driver;
      lost[p] = await d.placeOrder(scenarioFor('variant', 10), { eventLost: true });
      const sku = firstSku(scenarioFor('partial-refund', 5));
      expect(await d.refundLine(placed[p].refundLost.storefrontOrderId, sku, 1, { eventLost: true })).toBe(
        'done',
      );
      repricedTotal[p] = await d.faults.repriceShipping(placed[p].reprice.storefrontOrderId, 1295);
      expect(repricedTotal[p]).not.toBe(placed[p].reprice.totalMinor);
      await d.faults.deleteOrder(placed[p].gone.storefrontOrderId);
    }
    // A round at the same time changes nothing: the hosts were not told.
    await stack.round();
    const faultDays = daysBetween(t0, Date.now());
    for (const p of PLATFORMS) expect(await linkState(hostOf(p), lost[p])).toBeUndefined();

    // 4. Hours later (the stack's clock; the emulators keep real time), reconcile every day of the run.
    stack.clock.advance(PAST_STUCK_MS);
    for (const p of PLATFORMS) {
      const host = hostOf(p);
      const o = placed[p];
      const run = await reconcile(host, faultDays);
      const found = run.findings.map((f) => [f.kind, f.storefrontOrderId] as [string, string]);
      expect(found.sort(byKindThenId), p).toEqual(
        (
          [
            ['missing_in_prima', lost[p].storefrontOrderId],
            ['refund_without_credit_note', o.refundLost.storefrontOrderId],
            ['stuck', stuck[p].storefrontOrderId],
            ['total_differs', o.reprice.storefrontOrderId],
            ['unknown_to_storefront', o.gone.storefrontOrderId],
          ] as [string, string][]
        ).sort(byKindThenId),
      );
      expect(
        run.findings.find((f) => f.kind === 'total_differs'),
        p,
      ).toMatchObject({
        storeMinor: repricedTotal[p],
        primaMinor: o.reprice.totalMinor,
      });
      expect(run.findings.find((f) => f.kind === 'missing_in_prima')?.storeMinor, p).toBe(lost[p].totalMinor);
      // In the store: 4 clean, the two refunded, the repriced, the stuck and the lost one (the deleted
      // one is gone); in Prima: the clean, the refunded and the repriced.
      expect([run.storeOrders, run.inPrima], p).toEqual([9, 7]);
      expect(run.reports.some((r) => !r.reconciled)).toBe(true);

      // The kept reports and their CSV say the same, row for row.
      const clockDay = Date.parse(`${dayOf(stack.clock.now().getTime())}T00:00:00.000Z`);
      const firstDay = Date.parse(`${faultDays[0]}T00:00:00.000Z`);
      const kept = await host.engine.reconciliationReport(host.tenantId, (clockDay - firstDay) / DAY_MS + 1);
      expect(kept.reports.map((r) => r.day).sort()).toEqual(faultDays);
      const expectedRows = run.reports.flatMap((r) =>
        r.findings.length === 0
          ? [`${r.day},reconciled,,`]
          : r.findings.map(
              (f) => `${r.day},${f.kind},${f.storefrontOrderNumber},${f.primaOrderNumber ?? ''}`,
            ),
      );
      expect(csvKeys(kept.csv), p).toEqual(expectedRows.sort());
    }
  });
});
