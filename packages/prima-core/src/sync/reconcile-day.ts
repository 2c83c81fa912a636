/**
 * The daily reconciliation run for one tenant and one UTC day: gathers the store's paid orders, our links,
 * Prima's answer for each posted order and the credit notes made, hands them to the pure builder
 * (finance/reconciliation.ts), keeps the report in the audit trail, and alerts when the day does not
 * reconcile or open exceptions cross the tenant's threshold.
 */
import { PRIMA_LINES_ACTION, parsePostedRecord, recordTotalMinor } from '../finance/prima-lines.js';
import {
  buildReconciliation,
  type LinkFact,
  type ReconciliationReport,
  type StoreOrderFact,
} from '../finance/reconciliation.js';
import { alertsOf, financeOf } from '../finance/settings-of.js';
import type { FinancialStatus, Order } from '../model/index.js';
import { type Alert, exceptionsAlert, reconciliationAlert } from '../monitor/alerts.js';
import { sendAll } from '../monitor/alerts-webhook.js';
import type { OrderLink } from '../ports.js';
import type { Settings } from '../settings.js';
import { audit, type EngineContext, nowIso, orderSubject } from './context.js';
import { triggerReached } from './order-events.js';

export const RECONCILE_ACTION = 'reconcile.day';
export const reconcileSubject = (day: string) => `reconcile:${day}`;

const REFUNDED: ReadonlySet<FinancialStatus> = new Set(['partially_refunded', 'refunded']);

/** Paid (by the tenant's trigger) or refunded since: the orders that should be in Prima. */
function counts(settings: Settings, order: Order): boolean {
  return (
    order.cancelledAt === undefined &&
    (triggerReached(settings.orders.trigger, order.financialStatus) || REFUNDED.has(order.financialStatus))
  );
}

async function linkFact(
  ctx: EngineContext,
  tenantId: string,
  settings: Settings,
  link: OrderLink,
): Promise<LinkFact> {
  const subject = orderSubject(link.storefrontOrderId);
  const lines = await ctx.store.audit.list(tenantId, { subject, action: PRIMA_LINES_ACTION, limit: 1 });
  const record = parsePostedRecord(lines[0]?.detail.record);
  const credits = await ctx.store.audit.list(tenantId, { subject, action: 'refund.credit_note' });
  const manual = await ctx.store.audit.list(tenantId, { subject, action: 'refund.manual' });
  const fact: LinkFact = {
    storefrontOrderId: link.storefrontOrderId,
    storefrontOrderNumber: link.storefrontOrderNumber,
    primaOrderNumber: link.primaOrderNumber,
    state: link.state,
    receivedAt: link.receivedAt,
    primaValueMinor: record ? recordTotalMinor(record) : link.totalMinor,
    creditedMinor: credits.reduce(
      (s, e) => s + (typeof e.detail.totalMinor === 'number' ? e.detail.totalMinor : 0),
      0,
    ),
    creditNotes: credits.length,
    manualRefunds: manual.length,
  };
  if (link.state === 'posted') {
    const prima = await ctx.prima(tenantId, settings);
    fact.primaKnows = (await prima.getOrderStatus(link.primaOrderNumber)) !== null;
  }
  return fact;
}

export async function reconcileDay(
  ctx: EngineContext,
  tenantId: string,
  day: string,
): Promise<ReconciliationReport> {
  const start = `${day}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + 86_400_000).toISOString();
  const settings = await ctx.store.settings.get(tenantId);
  const now = nowIso(ctx);
  if (!settings) {
    return buildReconciliation({
      tenantId,
      day,
      now,
      stuckAfterHours: 1,
      storeOrders: [],
      links: [],
      orphanLinkIds: [],
    });
  }
  const storefront = await ctx.storefront(tenantId);

  // The store's orders created in the day (listed by update time, so later payments and refunds are seen).
  const storeOrders: StoreOrderFact[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await storefront.listOrdersUpdatedSince(start, cursor);
    for (const o of page.items) {
      if (seen.has(o.storefrontOrderId) || o.createdAt < start || o.createdAt >= end || !counts(settings, o))
        continue;
      seen.add(o.storefrontOrderId);
      storeOrders.push({
        storefrontOrderId: o.storefrontOrderId,
        orderNumber: o.orderNumber,
        currency: o.currency,
        totalMinor: o.totalMinor,
        refunded: REFUNDED.has(o.financialStatus),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);

  const links: LinkFact[] = [];
  for (const o of storeOrders) {
    const link = await ctx.store.links.get(tenantId, o.storefrontOrderId);
    if (link) links.push(await linkFact(ctx, tenantId, settings, link));
  }
  // Links received in the day the store did not list: ask for each; gone from the store means unknown to it.
  const orphanLinkIds: string[] = [];
  for (const link of await ctx.store.links.listReceivedBetween(tenantId, start, end)) {
    if (seen.has(link.storefrontOrderId) || link.state === 'cancelled') continue;
    if ((await storefront.getOrder(link.storefrontOrderId)) !== null) continue;
    orphanLinkIds.push(link.storefrontOrderId);
    links.push(await linkFact(ctx, tenantId, settings, link));
  }

  const report = buildReconciliation({
    tenantId,
    day,
    now,
    stuckAfterHours: financeOf(settings).stuckAfterHours,
    storeOrders,
    links,
    orphanLinkIds,
  });
  await audit(ctx, {
    tenantId,
    action: RECONCILE_ACTION,
    subject: reconcileSubject(day),
    detail: {
      day,
      reconciled: report.reconciled,
      findings: report.findings.length,
      report: JSON.stringify(report),
    },
  });
  const shop = (await ctx.store.tenants.get(tenantId))?.shop ?? tenantId;
  const alert = reconciliationAlert(tenantId, shop, report, alertHandbookUrl(ctx, settings));
  if (alert) await deliver(ctx, tenantId, settings, alert);
  return report;
}

/** The newest stored report for each of the last `days` UTC days that were reconciled (newest day first). */
export async function storedReports(
  ctx: EngineContext,
  tenantId: string,
  days: number,
): Promise<ReconciliationReport[]> {
  const out: ReconciliationReport[] = [];
  const today = Date.parse(`${nowIso(ctx).slice(0, 10)}T00:00:00.000Z`);
  for (let i = 0; i < days; i++) {
    const day = new Date(today - i * 86_400_000).toISOString().slice(0, 10);
    const [latest] = await ctx.store.audit.list(tenantId, {
      subject: reconcileSubject(day),
      action: RECONCILE_ACTION,
      limit: 1,
    });
    if (typeof latest?.detail.report !== 'string') continue;
    try {
      out.push(JSON.parse(latest.detail.report) as ReconciliationReport);
    } catch {
      // A report that cannot be read is skipped; running the day again writes a fresh one.
    }
  }
  return out;
}

/** Alerts when open exceptions reach the tenant's threshold (at most once a day per tenant). */
export async function checkExceptionAlerts(ctx: EngineContext, tenantId: string): Promise<Alert | null> {
  const settings = await ctx.store.settings.get(tenantId);
  if (!settings) return null;
  const shop = (await ctx.store.tenants.get(tenantId))?.shop ?? tenantId;
  const alert = exceptionsAlert(
    tenantId,
    shop,
    await ctx.store.exceptions.countOpenByCode(tenantId),
    alertsOf(settings).openExceptionsThreshold,
    alertHandbookUrl(ctx, settings),
    nowIso(ctx).slice(0, 10),
  );
  if (!alert) return null;
  return (await deliver(ctx, tenantId, settings, alert)) ? alert : null;
}

/**
 * The handbook address alerts link under: the tenant's own when it set an absolute one (a business that
 * publishes the handbook on its intranet), else the copy the host serves, else the setting as it is.
 */
export function alertHandbookUrl(ctx: Pick<EngineContext, 'handbookUrl'>, settings: Settings): string {
  const own = alertsOf(settings).handbookUrl;
  if (/^https?:\/\//i.test(own)) return own;
  return ctx.handbookUrl ?? own;
}

/** Sends once per alert key (kept in the audit trail); a failed channel is logged and retried next run. */
async function deliver(
  ctx: EngineContext,
  tenantId: string,
  settings: Settings,
  alert: Alert,
): Promise<boolean> {
  if (!alertsOf(settings).enabled) return false;
  const subject = `alert:${alert.key}`;
  if ((await ctx.store.audit.list(tenantId, { subject, action: 'alert.sent', limit: 1 })).length > 0)
    return false;
  const alerters = await ctx.alerters(tenantId, settings);
  if (alerters.length === 0) return false;
  const errors = await sendAll(alerters, alert);
  for (const e of errors)
    ctx.logger.warn(
      { tenantId, alert: alert.key, error: e instanceof Error ? e.message : String(e) },
      'alert not delivered',
    );
  if (errors.length === alerters.length) return false;
  await audit(ctx, {
    tenantId,
    action: 'alert.sent',
    subject,
    detail: { title: alert.title, channels: alerters.length - errors.length },
  });
  return true;
}
