/**
 * Finds paid orders whose webhook never arrived. WooCommerce does not retry deliveries and disables a
 * webhook after repeated failures (REST.md), so every shop is polled for orders modified since the
 * last poll, minus an overlap that covers clock skew and orders saved during the previous poll.
 * The engine dedupes what it already has, so the overlap costs a few REST reads and never a duplicate.
 */
import type { Clock, Engine, Logger } from '@prima-connect/prima-core';
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

export async function pollMissedOrders(deps: PollDeps, tenantId: string): Promise<{ since: string; found: number; enqueued: number }> {
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

/** Polls every connected shop each `intervalMs` until the signal aborts. One shop failing never stops the others. */
export async function runPoller(deps: PollDeps, opts: { intervalMs: number; signal: AbortSignal }): Promise<void> {
  while (!opts.signal.aborted) {
    for (const account of await deps.accounts.list()) {
      if (opts.signal.aborted || !account.wooKeySealed) continue;
      try {
        await pollMissedOrders(deps, account.tenantId);
      } catch (err) {
        deps.logger?.warn({ tenantId: account.tenantId, err: err instanceof Error ? err.message : String(err) }, 'poll failed');
      }
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.intervalMs);
      opts.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      }, { once: true });
    });
  }
}
