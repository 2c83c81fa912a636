import { z } from 'zod';
import type { ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, problemResponse } from './http.js';

/** An optional `day` param re-runs one day by hand (`aio rt action invoke ... -p day 2026-11-20`). */
const params = z.object({ day: z.iso.date().optional() });

/** The UTC day before `now`, yyyy-mm-dd: the alarm fires after midnight, so "yesterday" is complete. */
export function previousUtcDay(now: Date): string {
  return new Date(now.getTime() - 24 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Daily at 01:00 UTC (alarm in ext.config.yaml): reconciles yesterday's Commerce orders against the order
 * links and Prima (the report is kept for the Reconciliation screen, and a day that does not reconcile
 * alerts by itself), then checks the open-exceptions alert threshold. Payouts are not synced: Adobe
 * Commerce has no payout API like Shopify Payments, so there is nothing to read.
 */
export function dailyFinanceAction(makeContext: ContextFactory) {
  return async (input: ActionParams): Promise<ActionResponse> => {
    const parsed = params.safeParse({ day: input.day === '' ? undefined : input.day });
    if (!parsed.success)
      return json(400, { error: 'day must be a date like 2026-11-20, or left out for yesterday' });
    const ctx = await makeContext(input);
    try {
      const day = parsed.data.day ?? previousUtcDay(ctx.clock.now());
      const report = await ctx.engine.reconcileDay(ctx.tenantId, day);
      const alerts = await ctx.engine.checkAlerts(ctx.tenantId);
      ctx.logger.info(
        { day, reconciled: report.reconciled, findings: report.findings.length },
        'daily reconciliation done',
      );
      return json(200, {
        day,
        reconciled: report.reconciled,
        storeOrders: report.storeOrders,
        inPrima: report.inPrima,
        findings: report.findings.map((f) => f.kind),
        alerted: alerts.alerted,
      });
    } catch (error) {
      ctx.logger.error({ error: String(error) }, 'daily reconciliation failed');
      return problemResponse(error);
    }
  };
}
