/**
 * The worker loop: runs due jobs, and on each tenant's schedule enqueues stock syncs, status polls and the
 * catch-up that finds orders whose webhook never arrived (Shopify delivery is not guaranteed), and every
 * few minutes the daily finance round (alerts; yesterday's reconciliation and Shopify Payments payouts
 * once a day, catching up days missed while the app was down).
 */
import { runFinanceRound } from '@prima-connect/prima-core';
import type { ShopifyHost } from './host.server.js';

/** How often the finance round looks for work: alerts within minutes, the daily parts once a day. */
export const FINANCE_ROUND_MS = 5 * 60_000;

export interface WorkerHandle {
  stop(): void;
  /** One round, for tests: work due jobs, then schedule what is due. */
  tick(): Promise<void>;
}

export function startWorker(
  host: ShopifyHost,
  opts: { intervalMs?: number; workerId?: string } = {},
): WorkerHandle {
  const workerId = opts.workerId ?? `shopify-app-${process.pid}`;
  const lastStock = new Map<string, number>();
  const lastCatchUp = new Map<string, number>();
  const lastFinance = new Map<string, number>();
  let running = false;

  async function tick(): Promise<void> {
    if (running) return;
    running = true;
    try {
      await host.engine.work(workerId, { limit: 20 });
      const now = host.clock.now().getTime();
      for (const tenant of await host.store.tenants.list()) {
        if (tenant.platform !== 'shopify' || tenant.uninstalledAt) continue;
        const settings = await host.settings(tenant.id);
        if (!settings) continue;
        if (
          settings.stock.enabled &&
          now - (lastStock.get(tenant.id) ?? 0) >= settings.stock.intervalMinutes * 60_000
        ) {
          lastStock.set(tenant.id, now);
          await host.engine
            .syncStock(tenant.id)
            .catch((e) =>
              host.logger.warn({ tenantId: tenant.id, error: String(e) }, 'stock sync not scheduled'),
            );
        }
        await host.engine
          .pollStatuses(tenant.id, { limit: 50 })
          .catch((e) => host.logger.warn({ tenantId: tenant.id, error: String(e) }, 'status poll failed'));
        if (now - (lastCatchUp.get(tenant.id) ?? 0) >= 15 * 60_000) {
          lastCatchUp.set(tenant.id, now);
          const since = new Date(now - 24 * 3600_000).toISOString();
          await host.engine
            .catchUp(tenant.id, since)
            .catch((e) => host.logger.warn({ tenantId: tenant.id, error: String(e) }, 'catch-up failed'));
        }
        if (now - (lastFinance.get(tenant.id) ?? 0) >= FINANCE_ROUND_MS) {
          lastFinance.set(tenant.id, now);
          await runFinanceRound(host.engine, host.store, tenant.id, new Date(now), { payouts: true }).catch(
            (e) => host.logger.warn({ tenantId: tenant.id, error: String(e) }, 'daily finance round failed'),
          );
        }
      }
    } catch (e) {
      host.logger.error({ error: String(e) }, 'worker round failed');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), opts.intervalMs ?? 2000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
