/**
 * Alerts leave the App Builder app for real: wired from the action inputs as production does
 * (alertWiring: PRIMA_SMTP_URL -> a local SMTP sink, PRIMA_WEB_URL -> the deployed handbook), a lost order
 * event makes the next day's daily-finance action find a day that does not reconcile, and the alert goes
 * to the tenant's webhook and recipients. Also the alert fields through the admin API (PUT/GET /settings,
 * refusals in words) and POST /alerts/test.
 */
import {
  type SmtpSink,
  startSmtpSink,
  startWebhookSink,
  type WebhookSink,
} from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertWiring } from '../runtime/production.js';
import { type SandboxHarness, startSandboxHarness, TENANT } from '../testing/harness.js';
import { adminApiAction } from './admin-api.js';
import { dailyFinanceAction } from './daily-finance.js';

const WEB = 'https://1234-primaconnect-stage.adobeio-static.net';
const HANDBOOK = `${WEB}/handbook/exceptions.html`;
let h: SandboxHarness;
let sandbox: Sandbox;
let smtp: SmtpSink;
let hook: WebhookSink;
const item = DEMO_CATALOGUE.filter((i) => !i.nonStock && (i.stock.MAIN ?? 0) > 2)[0];

const admin = async (method: string, path: string, body?: unknown) => {
  const out = await adminApiAction(async () => h.ctx)({
    __ow_method: method,
    __ow_path: path,
    __ow_body: body === undefined ? '' : JSON.stringify(body),
  });
  return out as { statusCode: number; body: Record<string, unknown> };
};

beforeAll(async () => {
  sandbox = await startSandbox();
  smtp = await startSmtpSink();
  hook = await startWebhookSink();
  if (!item) throw new Error('demo catalogue too small');
  h = await startSandboxHarness({
    sandbox,
    products: [{ sku: item.sku, name: item.title, priceMinor: item.priceMinor, quantity: 5 }],
    alertWiring: alertWiring({
      PRIMA_SMTP_URL: smtp.url,
      PRIMA_SMTP_FROM: 'alerts@shop.example',
      PRIMA_WEB_URL: WEB,
    }),
  });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
  await smtp?.close();
  await hook?.close();
});

describe('alert inputs', () => {
  it('refuses a malformed PRIMA_SMTP_URL without printing it, and finds the deployed handbook', () => {
    expect(() => alertWiring({ PRIMA_SMTP_URL: 'https://user:pw-123@mail.example' })).toThrow(
      /PRIMA_SMTP_URL/,
    );
    expect(() => alertWiring({ PRIMA_SMTP_URL: 'https://user:pw-123@mail.example' })).not.toThrow(/pw-123/);
    expect(alertWiring({}).handbookUrl).toBeUndefined();
    expect(alertWiring({ PRIMA_WEB_URL: `${WEB}/` }).handbookUrl).toBe(HANDBOOK);
    expect(alertWiring({ PRIMA_SMTP_URL: 'smtps://u:p@mail.example' }).alerts.emailConfigured).toBe(true);
  });
});

describe('Settings > Alerts through the admin API', () => {
  it('refuses mistyped alert fields in plain words', async () => {
    const current = (await admin('get', '/settings')).body.settings as Record<string, unknown>;
    const out = await admin('put', '/settings', {
      settings: { ...current, alerts: { enabled: true, emailTo: ['finance at shop'], webhookUrl: 'x.y/z' } },
    });
    expect(out.statusCode).toBe(400);
    expect(out.body.issues).toEqual([
      { path: '', message: 'That is not an e-mail address: finance at shop' },
      { path: '', message: 'The webhook address must be a full web address starting with https://: x.y/z' },
    ]);
  });

  it('saves and reads back on/off, recipients, webhook and level', async () => {
    const current = (await admin('get', '/settings')).body.settings as Record<string, unknown>;
    const alerts = {
      enabled: true,
      emailTo: ['finance@shop.example', 'ops@shop.example'],
      webhookUrl: hook.url,
      // Count alone never alerts here: what goes out must be the day that does not reconcile.
      openExceptionsThreshold: 0,
    };
    expect((await admin('put', '/settings', { settings: { ...current, alerts } })).statusCode).toBe(200);
    const back = (await admin('get', '/settings')).body.settings as { alerts: unknown; prima: unknown };
    expect(back.alerts).toMatchObject(alerts);
    expect(back.prima).toEqual(current.prima);
  });

  it('sends a test alert as typed and says per channel what happened', async () => {
    const before = smtp.messages.length;
    const out = await admin('post', '/alerts/test', {
      alerts: { emailTo: ['ops@shop.example'], webhookUrl: 'http://127.0.0.1:9/closed' },
    });
    expect(out.statusCode).toBe(200);
    const results = out.body.results as { ok: boolean; message: string }[];
    expect(results[0]).toEqual({
      channel: 'E-mail to ops@shop.example',
      ok: true,
      message: 'E-mail to ops@shop.example: sent.',
    });
    expect(results[1]?.ok).toBe(false);
    expect(results[1]?.message).toMatch(/^Webhook 127\.0\.0\.1:9: not sent/);
    expect(smtp.messages.slice(before)[0]?.text).toContain(`${HANDBOOK}#alert-exceptions-threshold`);
  });
});

describe('a day that does not reconcile', () => {
  it('the daily action alerts the webhook and the recipients, linking to the deployed handbook', async () => {
    if (!item) throw new Error('demo catalogue too small');
    const today = h.ctx.clock.now().toISOString().slice(0, 10);
    h.sim.setEventsUrl(undefined); // this order's event never arrives
    const lost = await h.sim.placeOrder({ items: [{ sku: item.sku, qty: 1 }], invoice: true });
    h.sim.setEventsUrl(h.eventsUrl);
    const mailsBefore = smtp.messages.length;

    h.advance(24 * 3600_000); // the alarm fires the next day
    const out = await dailyFinanceAction(async () => h.ctx)({});
    expect(out.statusCode).toBe(200);

    expect(hook.bodies).toHaveLength(1);
    const body = hook.bodies[0] as { title: string; text: string; links: { url: string }[] };
    expect(body.title).toContain(`do not agree for ${today}`);
    expect(body.text).toContain(`Paid in the store, never reached Prima: ${lost.order.incrementId}`);
    expect(body.links[0]?.url).toBe(`${HANDBOOK}#alert-day-not-reconciled`);
    const mail = smtp.messages.slice(mailsBefore);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      from: 'alerts@shop.example',
      to: ['finance@shop.example', 'ops@shop.example'],
    });
    expect(mail[0]?.text).toContain(`${HANDBOOK}#alert-day-not-reconciled`);
    expect(await h.ctx.store.audit.list(TENANT, { action: 'alert.sent', limit: 5 })).toHaveLength(1);
  });
});
