/**
 * Alerts leave the connector for real: a paid WooCommerce order that cannot reach Prima (its product is
 * not mapped) makes the next day's scheduled round find a day that does not reconcile, and the alert goes
 * to the shop's webhook and, through the host's mail server (PRIMA_SMTP_URL: a local SMTP sink), to its
 * recipients, linking to the handbook this service serves. Also the alert fields of PUT /v1/settings and
 * POST /v1/alerts/test.
 */
import { alertersFromEnv, type ManualClock } from '@prima-connect/prima-core';
import {
  createMemoryStore,
  type SmtpSink,
  startSmtpSink,
  startWebhookSink,
  type WebhookSink,
} from '@prima-connect/prima-core/testing';
import type { Sandbox } from '@prima-connect/prima-sandbox';
import type { WooEmulator } from '@prima-connect/sim-woocommerce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWooDemoStack, type WooDemoStack } from './demo-stack.js';
import { scheduleRound } from './jobs/poller.js';
import type { ConnectorRuntime } from './runtime.js';

const PUBLIC_URL = 'https://connect.example';

describe('alerts from the WooCommerce connector', () => {
  let stack: WooDemoStack;
  let sandbox: Sandbox;
  let woo: WooEmulator;
  let smtp: SmtpSink;
  let hook: WebhookSink;
  let runtime: ConnectorRuntime;
  let clock: ManualClock;
  let tenantId: string;
  const store = createMemoryStore();

  const call = async (path: string, method = 'GET', body?: unknown) => {
    const res = await stack.admin<Record<string, unknown>>(path, method, body);
    return { status: res.status, json: res.body };
  };

  const drain = () => stack.drain();

  const settings = (alerts: Record<string, unknown>) => ({
    prima: { url: sandbox.wsdlUrl, timeoutMs: 3000 },
    orders: { postingEnabled: true, defaultWarehouse: 'MAIN' },
    maps: {
      shipping: { flat_rate: { charge: 'RM48' } },
      payment: { stripe: { payMethod: 'CC' } },
      pattern: { separator: '-', matrixLevels: [1, 2] },
    },
    alerts,
  });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hook = await startWebhookSink();
    // A connected shop with no settings, products or orders yet: the tests save their own.
    stack = await startWooDemoStack({
      store,
      startAt: '2026-03-02T10:00:00.000Z',
      woo: { pricesIncludeTax: true, taxRateBp: 2000, followClock: true },
      publicUrl: PUBLIC_URL,
      // As main() builds it from the process environment.
      alerts: alertersFromEnv({ PRIMA_SMTP_URL: smtp.url, PRIMA_SMTP_FROM: 'alerts@connect.example' }),
      settings: false,
      variants: 0,
      mustDrain: true,
    });
    ({ sandbox, woo, runtime, clock, tenantId } = stack);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
    await hook?.close();
  });

  it('refuses mistyped alert settings in plain words and saves good ones', async () => {
    const bad = await call(
      '/v1/settings',
      'PUT',
      settings({ emailTo: ['finance at shop'], webhookUrl: 'hooks.slack.com/x' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(
      'That is not an e-mail address: finance at shop; The webhook address must be a full web address starting with https://: hooks.slack.com/x',
    );
    const good = await call(
      '/v1/settings',
      'PUT',
      settings({
        enabled: true,
        emailTo: ['finance@shop.example'],
        webhookUrl: hook.url,
        // Count alone never alerts here: what goes out must be the day that does not reconcile.
        openExceptionsThreshold: 0,
      }),
    );
    expect(good.status).toBe(200);
    expect((await call('/v1/settings')).json.settings).toMatchObject({
      alerts: { enabled: true, emailTo: ['finance@shop.example'], webhookUrl: hook.url },
    });
  });

  it('alerts when a day does not reconcile: the scheduled round, a webhook and an e-mail', async () => {
    woo.seedSimpleProduct({ sku: 'NOT-IN-PRIMA', priceMinor: 1200, stock: 5 });
    const order = woo.placeOrder({ lines: [{ sku: 'NOT-IN-PRIMA', quantity: 1 }] });
    await drain();
    expect(sandbox.state.orders.size).toBe(0);

    // The next morning the service's own schedule reconciles yesterday.
    clock.set('2026-03-03T02:00:00.000Z');
    const round = await scheduleRound(
      { accounts: runtime.accounts, engine: runtime.engine, store, clock },
      tenantId,
    );
    expect(round.reconciledDays).toContain('2026-03-02');

    expect(hook.bodies).toHaveLength(1);
    const body = hook.bodies[0] as { title: string; text: string; links: { url: string }[] };
    expect(body.title).toContain('the store and Prima do not agree for 2026-03-02');
    expect(body.text).toContain(`Waiting too long to reach Prima: ${order.number}`);
    expect(body.links[0]?.url).toBe(`${PUBLIC_URL}/handbook/exceptions#alert-day-not-reconciled`);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ from: 'alerts@connect.example', to: ['finance@shop.example'] });
    expect(smtp.messages[0]?.text).toContain('The daily check of 2026-03-02 found 1 difference');
    expect(smtp.messages[0]?.text).toContain(`${PUBLIC_URL}/handbook/exceptions#alert-day-not-reconciled`);

    // A second round the same day sends nothing more.
    await scheduleRound({ accounts: runtime.accounts, engine: runtime.engine, store, clock }, tenantId);
    expect(hook.bodies).toHaveLength(1);
  });

  it('sends a test alert through the channels as typed and says which one failed', async () => {
    const r = await call('/v1/alerts/test', 'POST', {
      alerts: { emailTo: ['ops@shop.example'], webhookUrl: 'http://127.0.0.1:9/closed' },
    });
    expect(r.status).toBe(200);
    const results = r.json.results as { channel: string; ok: boolean; message: string }[];
    expect(results.map((x) => x.ok)).toEqual([true, false]);
    expect(results[0]?.message).toBe('E-mail to ops@shop.example: sent.');
    expect(results[1]?.message).toMatch(/^Webhook 127\.0\.0\.1:9: not sent/);
    expect(smtp.messages.at(-1)?.to).toEqual(['ops@shop.example']);
    const refused = await call('/v1/alerts/test', 'POST', { alerts: { emailTo: ['nope'] } });
    expect(refused).toMatchObject({ status: 400, json: { message: 'That is not an e-mail address: nope' } });
  });
});
