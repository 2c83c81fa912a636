/**
 * Finds paid orders whose webhook never arrived. WooCommerce does not retry deliveries and disables a
 * webhook after repeated failures (REST.md), so every shop is polled for orders modified since the
 * last poll, minus an overlap that covers clock skew and orders saved during the previous poll.
 * The engine dedupes what it already has, so the overlap costs a few REST reads and never a duplicate.
 */
import {
  type Clock,
  type Engine,
  type Logger,
  runFinanceRound,
  type Settings,
  type Store,
} from '@prima-connect/prima-core';
import type { Accounts } from '../accounts/accounts.js';

export const POLL_OVERLAP_MS = 10 * 60_000;
/** First poll of a shop looks back this far. */
export const FIRST_POLL_LOOKBACK_MS = 24 * 60 * 60_000;

export interface PollDeps {
  accounts: Accounts;
  engine: Pick<Engine, 'catchUp'>;
  clock: Clock;
  logger?: Logger;
}

export async function pollMissedOrders(
  deps: PollDeps,
  tenantId: string,
): Promise<{ since: string; found: number; enqueued: number }> {
  const account = await deps.accounts.get(tenantId);
  if (!account) throw new Error(`unknown tenant ${tenantId}`);
  const startedAt = deps.clock.now();
  const since = account.lastPollAt
    ? new Date(Date.parse(account.lastPollAt) - POLL_OVERLAP_MS)
    : new Date(startedAt.getTime() - FIRST_POLL_LOOKBACK_MS);
  const result = await deps.engine.catchUp(tenantId, since.toISOString());
  // The watermark moves only after a successful pass: a failed poll is simply repeated next time.
  await deps.accounts.touch(tenantId, 'lastPollAt', startedAt.toISOString());
  deps.logger?.info({ tenantId, ...result }, 'polled woocommerce for missed orders');
  return { since: since.toISOString(), ...result };
}

/** A full stock sync is due when stock sync is on and the last one is older than the shop's interval. */
export function stockSyncDue(settings: Settings | null, lastSyncAt: string | null, now: Date): boolean {
  if (!settings?.stock.enabled) return false;
  if (!lastSyncAt) return true;
  return now.getTime() - Date.parse(lastSyncAt) >= settings.stock.intervalMinutes * 60_000;
}

export interface ScheduleDeps extends PollDeps {
  engine: Pick<
    Engine,
    'catchUp' | 'pollStatuses' | 'syncStock' | 'checkAlerts' | 'reconcileDay' | 'syncPayouts'
  >;
  store: Pick<Store, 'settings' | 'snapshots' | 'audit' | 'tenants'>;
}

/**
 * One round for one shop: missed orders, Prima statuses of open orders, stock when due, and the daily
 * finance round (alerts; yesterday's reconciliation once, catching up missed days). WooCommerce has no
 * payout API to read, so there are no payout journals here.
 */
export async function scheduleRound(
  deps: ScheduleDeps,
  tenantId: string,
): Promise<{ polled: boolean; stock: boolean; reconciledDays: string[] }> {
  await pollMissedOrders(deps, tenantId);
  await deps.engine.pollStatuses(tenantId);
  const [settings, last] = await Promise.all([
    deps.store.settings.get(tenantId),
    deps.store.snapshots.lastSyncAt(tenantId),
  ]);
  const due = stockSyncDue(settings, last, deps.clock.now());
  if (due) await deps.engine.syncStock(tenantId);
  const finance = await runFinanceRound(deps.engine, deps.store, tenantId, deps.clock.now(), {
    payouts: false,
  });
  return { polled: true, stock: due, reconciledDays: finance.reconciledDays };
}

/** Runs a round for every connected shop each `intervalMs` until the signal aborts; one shop failing never stops the others. */
export async function runSchedules(
  deps: ScheduleDeps,
  opts: { intervalMs: number; signal: AbortSignal },
): Promise<void> {
  while (!opts.signal.aborted) {
    for (const account of await deps.accounts.list()) {
      if (opts.signal.aborted || !account.wooKeySealed) continue;
      try {
        await scheduleRound(deps, account.tenantId);
      } catch (err) {
        deps.logger?.warn(
          { tenantId: account.tenantId, err: err instanceof Error ? err.message : String(err) },
          'scheduled round failed',
        );
      }
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.intervalMs);
      opts.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
  }
}
