import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHarness, startSandboxHarness, TENANT } from '../testing/harness.js';
import { dailyFinanceAction, previousUtcDay } from './daily-finance.js';

/**
 * The daily finance action as a plain function: Commerce emulator (orders, signed events), the app's
 * engine on a memory KV, and the Prima sandbox over OMLink SOAP. One order reaches Prima; the event of a
 * second is lost; the next day's run must name the lost one and keep the report.
 */
let h: SandboxHarness;
let sandbox: Sandbox;
const items = DEMO_CATALOGUE.filter((i) => !i.nonStock && (i.stock.MAIN ?? 0) > 2).slice(0, 2);

beforeAll(async () => {
  sandbox = await startSandbox();
  h = await startSandboxHarness({
    sandbox,
    products: items.map((i) => ({ sku: i.sku, name: i.title, priceMinor: i.priceMinor, quantity: 5 })),
  });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('daily finance action', () => {
  it('previousUtcDay is the UTC calendar day before, across month ends', () => {
    expect(previousUtcDay(new Date('2026-12-01T01:00:00Z'))).toBe('2026-11-30');
    expect(previousUtcDay(new Date('2026-11-22T23:59:59Z'))).toBe('2026-11-21');
  });

  it('refuses a malformed day before touching anything', async () => {
    const out = await dailyFinanceAction(async () => h.ctx)({ day: '22/11/2026' });
    expect(out.statusCode).toBe(400);
  });

  it('reconciles yesterday: the order whose event was lost is named, the report is kept', async () => {
    const [a, b] = items;
    if (!a || !b) throw new Error('demo catalogue too small');
    const today = h.ctx.clock.now().toISOString().slice(0, 10);
    const posted = await h.sim.placeOrder({ items: [{ sku: a.sku, qty: 1 }], invoice: true });
    await h.ctx.engine.work('test-worker', { limit: 10 });
    expect((await h.ctx.store.links.get(TENANT, String(posted.order.entityId)))?.state).toBe('posted');

    h.sim.setEventsUrl(undefined); // the webhook for this one never arrives
    const lost = await h.sim.placeOrder({ items: [{ sku: b.sku, qty: 2 }], invoice: true });
    h.sim.setEventsUrl(h.eventsUrl);
    expect(await h.ctx.store.links.get(TENANT, String(lost.order.entityId))).toBeFalsy();

    h.advance(24 * 3600_000); // the alarm fires the next day
    const out = await dailyFinanceAction(async () => h.ctx)({});
    expect(out.statusCode).toBe(200);
    const body = out.body as { day: string; reconciled: boolean; storeOrders: number; findings: string[] };
    expect(body.day).toBe(today);
    expect(body.reconciled).toBe(false);
    expect(body.storeOrders).toBe(2);
    expect(body.findings).toContain('missing_in_prima');

    const kept = await h.ctx.engine.reconciliationReport(TENANT, 30);
    const report = kept.reports.find((r) => r.day === today);
    expect(report?.findings.map((f) => f.storefrontOrderId)).toContain(String(lost.order.entityId));
    expect(kept.csv).toContain(today);
  });
});
