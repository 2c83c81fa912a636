import type { Clock, Engine, Settings } from '@prima-connect/prima-core';

/** How often the hosts look for orders whose event never arrived (as the apps' schedulers do). */
export const CATCH_UP_EVERY_MS = 15 * 60_000;
/** How far back a catch-up looks: every order of a playground run is younger than this. */
const CATCH_UP_LOOKBACK_MS = 24 * 3600_000;

/**
 * The scheduler every host runs in production, reduced to what the playground needs: a full stock sync at
 * start and then every `stock.intervalMinutes`, status polls on each round (the engine only polls links
 * that are due), and a catch-up for missed orders every 15 minutes and as soon as posting is switched on,
 * so orders placed while a fresh tenant walked its wizard reach Prima once it goes live.
 */
export function scheduler(
  engine: Engine,
  clock: Clock,
  tenantId: string,
  settings: () => Promise<Settings | null>,
) {
  let lastStockAt = Number.NEGATIVE_INFINITY;
  let lastCatchUpAt = clock.now().getTime();
  let posting: boolean | undefined;
  return async function dueWork(): Promise<void> {
    const s = await settings();
    const now = clock.now().getTime();
    const wasPosting = posting;
    posting = s?.orders.postingEnabled ?? false;
    if (!s) return;
    if (s.stock.enabled && now - lastStockAt >= s.stock.intervalMinutes * 60_000) {
      lastStockAt = now;
      await engine.syncStock(tenantId, { correlationId: `playground-stock-${now}` });
    }
    await engine.pollStatuses(tenantId, { limit: 100 });
    if (posting && (wasPosting === false || now - lastCatchUpAt >= CATCH_UP_EVERY_MS)) {
      lastCatchUpAt = now;
      await engine.catchUp(tenantId, new Date(now - CATCH_UP_LOOKBACK_MS).toISOString());
    }
  };
}
