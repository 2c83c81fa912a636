/**
 * The daily finance round a long-running host (the Shopify app's worker, the connector service) runs on
 * every scheduling tick. Each part is safe to repeat, so a tick after downtime simply catches up:
 * - alerts: `checkAlerts` every tick (an alert is sent once per situation and day: its key is audited);
 * - reconciliation: every complete UTC day since the last one reconciled (at most `catchUpDays` back, and
 *   never a day before the tenant was connected: its orders were never meant for Prima) is reconciled once,
 *   after `reconcileAfterHourUtc` on the following day; a day already reconciled is never reconciled again
 *   by the schedule (a person can re-run one from the app);
 * - payouts (Shopify Payments): read once per reconciled day, since the day before, so a payout is turned
 *   into its journal the morning after it lands (journals are posted once per payout, whatever the window).
 */
import type { Engine } from '../engine-api.js';
import type { Store } from '../ports.js';
import { RECONCILE_ACTION, reconcileSubject } from './reconcile-day.js';

export interface FinanceScheduleOptions {
  /** Hour (UTC) after which yesterday counts as complete: late payments and webhooks have landed. */
  reconcileAfterHourUtc?: number;
  /** How many past days a host that was down catches up, at most. */
  catchUpDays?: number;
  /** Whether the platform has payouts to read (Shopify Payments); WooCommerce and Adobe Commerce do not. */
  payouts?: boolean;
}

export interface FinanceRoundReport {
  alerted: boolean;
  reconciledDays: string[];
  payoutsRead: boolean;
}

const DAY_MS = 24 * 3600_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Complete UTC days not yet reconciled, oldest first. */
export async function daysToReconcile(
  store: Pick<Store, 'audit' | 'tenants'>,
  tenantId: string,
  now: Date,
  opts: FinanceScheduleOptions = {},
): Promise<string[]> {
  const tenant = await store.tenants.get(tenantId);
  if (!tenant) return [];
  const firstDay = tenant.createdAt.slice(0, 10);
  const afterHour = opts.reconcileAfterHourUtc ?? 1;
  const catchUp = opts.catchUpDays ?? 7;
  const todayStart = Date.parse(`${dayOf(now.getTime())}T00:00:00.000Z`);
  // Before the hour, yesterday is not complete yet: the newest day due is the day before it.
  const newest = now.getUTCHours() >= afterHour ? todayStart - DAY_MS : todayStart - 2 * DAY_MS;
  const due: string[] = [];
  for (let t = newest - (catchUp - 1) * DAY_MS; t <= newest; t += DAY_MS) {
    const day = dayOf(t);
    if (day < firstDay) continue;
    const done = await store.audit.list(tenantId, {
      subject: reconcileSubject(day),
      action: RECONCILE_ACTION,
      limit: 1,
    });
    if (done.length === 0) due.push(day);
  }
  return due;
}

export async function runFinanceRound(
  engine: Pick<Engine, 'checkAlerts' | 'reconcileDay' | 'syncPayouts'>,
  store: Pick<Store, 'audit' | 'tenants'>,
  tenantId: string,
  now: Date,
  opts: FinanceScheduleOptions = {},
): Promise<FinanceRoundReport> {
  const reconciledDays: string[] = [];
  for (const day of await daysToReconcile(store, tenantId, now, opts)) {
    await engine.reconcileDay(tenantId, day);
    reconciledDays.push(day);
  }
  let payoutsRead = false;
  if (opts.payouts && reconciledDays.length > 0) {
    const oldest = reconciledDays[0] as string;
    await engine.syncPayouts(
      tenantId,
      new Date(Date.parse(`${oldest}T00:00:00.000Z`) - DAY_MS).toISOString(),
    );
    payoutsRead = true;
  }
  const { alerted } = await engine.checkAlerts(tenantId);
  return { alerted, reconciledDays, payoutsRead };
}
