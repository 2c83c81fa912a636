import type { Clock, Engine, Settings } from '@prima-connect/prima-core';

/**
 * The scheduler every host runs in production, reduced to what the playground needs: a full stock sync at
 * start and then every `stock.intervalMinutes`, and status polls on each round (the engine only polls
 * links that are due).
 */
export function scheduler(
  engine: Engine,
  clock: Clock,
  tenantId: string,
  settings: () => Promise<Settings | null>,
) {
  let lastStockAt = Number.NEGATIVE_INFINITY;
  return async function dueWork(): Promise<void> {
    const s = await settings();
    if (!s) return;
    const now = clock.now().getTime();
    if (s.stock.enabled && now - lastStockAt >= s.stock.intervalMinutes * 60_000) {
      lastStockAt = now;
      await engine.syncStock(tenantId, { correlationId: `playground-stock-${now}` });
    }
    await engine.pollStatuses(tenantId, { limit: 100 });
  };
}
