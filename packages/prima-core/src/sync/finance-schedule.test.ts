import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import type { Alert } from '../monitor/alerts.js';
import { recordingLogger } from '../monitor/log.js';
import { problem } from '../monitor/problems.js';
import { settingsSchema } from '../settings.js';
import { createFakePrima } from '../testing/fake-prima.js';
import { createFakeStorefront } from '../testing/fake-storefront.js';
import { createMemoryQueue } from '../testing/memory-queue.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { manualClock } from './clock.js';
import { daysToReconcile, runFinanceRound } from './finance-schedule.js';

const T = 'tenant-finance';

async function world(start: string, connectedAt = '2026-01-01T00:00:00.000Z') {
  const clock = manualClock(start);
  const store = createMemoryStore();
  const queue = createMemoryQueue({ clock });
  await store.tenants.put({ id: T, platform: 'shopify', shop: 'shop.example', createdAt: connectedAt });
  await store.settings.put(T, settingsSchema.parse({ prima: { url: 'http://prima.invalid/wsdl' } }));
  const prima = createFakePrima();
  const storefront = createFakeStorefront();
  const sent: Alert[] = [];
  const engine = createEngine({
    store,
    queue,
    clock,
    logger: recordingLogger(),
    prima: async () => prima,
    storefront: async () => storefront,
    alerters: async () => [{ send: async (a) => void sent.push(a) }],
  });
  let payoutReads = 0;
  // Counts the payout reads the round asks for (the fake storefront has no payouts to return).
  const counted = {
    ...engine,
    syncPayouts: (tenantId: string, sinceIso: string) => {
      payoutReads += 1;
      return engine.syncPayouts(tenantId, sinceIso);
    },
  };
  return { clock, store, engine: counted, sent, payoutReads: () => payoutReads };
}

describe('the daily finance round', () => {
  it('reconciles yesterday once, after the hour, and never the same day twice', async () => {
    const w = await world('2026-03-02T00:30:00.000Z');
    // 00:30: yesterday (1 March) is not complete yet; the catch-up covers the week before it.
    expect((await daysToReconcile(w.store, T, w.clock.now(), { catchUpDays: 1 })).at(-1)).toBe('2026-02-28');
    w.clock.set('2026-03-02T01:05:00.000Z');
    const first = await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 1 });
    expect(first.reconciledDays).toEqual(['2026-03-01']);
    const again = await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 1 });
    expect(again.reconciledDays).toEqual([]);
  });

  it('catches up the days missed while the host was down, oldest first, and reads payouts once after them', async () => {
    const w = await world('2026-03-05T06:00:00.000Z');
    const round = await runFinanceRound(w.engine, w.store, T, w.clock.now(), {
      catchUpDays: 3,
      payouts: true,
    });
    expect(round.reconciledDays).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(round.payoutsRead).toBe(true);
    expect(w.payoutReads()).toBe(1);
    const next = await runFinanceRound(w.engine, w.store, T, w.clock.now(), {
      catchUpDays: 3,
      payouts: true,
    });
    expect(next).toMatchObject({ reconciledDays: [], payoutsRead: false });
  });

  it('checks the alert threshold on every round, and sends one alert per situation and day', async () => {
    const w = await world('2026-03-05T06:00:00.000Z');
    await w.store.settings.put(
      T,
      settingsSchema.parse({
        prima: { url: 'http://prima.invalid/wsdl' },
        alerts: { enabled: true, openExceptionsThreshold: 2 },
      }),
    );
    expect((await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 1 })).alerted).toBe(
      false,
    );
    for (const sku of ['A-1', 'B-2'])
      await w.store.exceptions.raise({
        tenantId: T,
        code: 'unmapped_sku',
        subject: `sku:${sku}`,
        problem: problem('unmapped_sku', `${sku} is not mapped`, 'Map it'),
        lastSeenAt: w.clock.now().toISOString(),
      });
    expect((await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 1 })).alerted).toBe(
      true,
    );
    expect((await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 1 })).alerted).toBe(
      false,
    );
    expect(w.sent.map((a) => a.key)).toEqual([`exceptions:${T}:2026-03-05`]);
  });

  it('never reconciles a day before the tenant was connected', async () => {
    const w = await world('2026-03-05T06:00:00.000Z', '2026-03-04T15:00:00.000Z');
    const round = await runFinanceRound(w.engine, w.store, T, w.clock.now(), { catchUpDays: 7 });
    expect(round.reconciledDays).toEqual(['2026-03-04']);
  });
});
