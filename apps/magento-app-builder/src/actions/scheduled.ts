import type { ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, problemResponse } from './http.js';

/**
 * Scheduled actions (alarm triggers in app.config.yaml). Each run does one bounded round of work: App
 * Builder actions have a time limit, and the next tick continues where this one stopped.
 */

/** Every `stock.intervalMinutes`: Prima's available-to-sell, diffed, pushed through the async bulk route. */
export function stockSyncAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    const ctx = await makeContext(params);
    try {
      const settings = await ctx.store.settings.get(ctx.tenantId);
      if (!settings?.stock.enabled) return json(200, { skipped: 'stock sync is switched off in Settings' });
      const report = await ctx.engine.syncStock(ctx.tenantId, {
        correlationId: `stock-${ctx.clock.now().toISOString()}`,
      });
      return json(200, report);
    } catch (error) {
      ctx.logger.error({ error: String(error) }, 'stock sync failed');
      return problemResponse(error);
    }
  };
}

/** Every few minutes: poll Prima for open orders, catch up on orders whose event never came, run due jobs. */
export function statusPollAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    const ctx = await makeContext(params);
    try {
      const polled = await ctx.engine.pollStatuses(ctx.tenantId, { limit: 100 });
      const since = new Date(ctx.clock.now().getTime() - 24 * 3600_000).toISOString();
      const caughtUp = await ctx.engine.catchUp(ctx.tenantId, since);
      const work = await ctx.engine.work(ctx.workerId, { limit: 50 });
      return json(200, {
        polled,
        caughtUp,
        work: { claimed: work.claimed, done: work.done, retried: work.retried, dead: work.dead },
      });
    } catch (error) {
      ctx.logger.error({ error: String(error) }, 'status poll failed');
      return problemResponse(error);
    }
  };
}
