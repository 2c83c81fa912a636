/**
 * Alerts leave the Shopify app for real: the host reads the mail server from PRIMA_SMTP_URL (a local SMTP
 * sink here) and the shop's Settings > Alerts (recipients, a local webhook), and links to the handbook this
 * app serves (SHOPIFY_APP_URL). Also the Settings form's alert fields and its test button.
 */
import { parseSettings, problem, type Settings } from '@prima-connect/prima-core';
import {
  type SmtpSink,
  startSmtpSink,
  startWebhookSink,
  type WebhookSink,
} from '@prima-connect/prima-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsAction, settingsData } from './admin-data.server.js';
import { formToSettings, settingsToForm } from './settings-form.js';
import { offlineHost } from './test-support.js';

const SHOP = 'alerts-shop.myshopify.com';
let smtp: SmtpSink;
let hook: WebhookSink;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  hook = await startWebhookSink();
  for (const k of ['PRIMA_SMTP_URL', 'PRIMA_SMTP_FROM', 'SHOPIFY_APP_URL']) saved[k] = process.env[k];
  Object.assign(process.env, {
    PRIMA_SMTP_URL: smtp.url,
    PRIMA_SMTP_FROM: 'alerts@prima-connect.example',
    SHOPIFY_APP_URL: 'https://prima-connect.example',
  });
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await smtp.close();
  await hook.close();
});

// No `alerts` injected: the host reads PRIMA_SMTP_URL itself, as in production.
const host = () => offlineHost();

const asStrings = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
const formData = (o: Record<string, unknown>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(asStrings(o))) f.set(k, v);
  return f;
};

describe('alerts from the Shopify app', () => {
  it('e-mails and posts an alert when open problems reach the level set in Settings', async () => {
    const h = host();
    const tenantId = await h.ensureTenant(SHOP);
    const base = parseSettings({ prima: { url: 'http://prima.example/wsdl' } });
    const form = {
      ...settingsToForm(base),
      alertsEnabled: true,
      alertEmails: 'finance@shop.example,\nops@shop.example',
      alertWebhookUrl: hook.url,
      alertThreshold: 2,
    };
    const notice = await settingsAction(h, tenantId, formData({ ...form, intent: 'save' }), 'staff');
    expect(notice).toMatchObject({ tone: 'success' });
    for (const sku of ['SOCK-1', 'SOCK-2'])
      await h.store.exceptions.raise({
        tenantId,
        code: 'unmapped_sku',
        subject: `sku:${sku}`,
        problem: problem('unmapped_sku', `${sku} is not mapped`, 'Map it in Mappings.'),
        lastSeenAt: h.clock.now().toISOString(),
      });

    expect(await h.engine.checkAlerts(tenantId)).toEqual({ alerted: true });

    const body = hook.bodies.at(-1) as { title: string; text: string; links: { url: string }[] };
    expect(body.title).toBe(`${SHOP}: 2 problems are waiting for a person in Prima Connect`);
    expect(body.text).toContain('2 x Product not mapped to Prima');
    expect(body.links.map((l) => l.url)).toContain(
      'https://prima-connect.example/handbook/exceptions#exception-unmapped-sku',
    );
    const mail = smtp.messages.at(-1);
    expect(mail?.to).toEqual(['finance@shop.example', 'ops@shop.example']);
    expect(mail?.from).toBe('alerts@prima-connect.example');
    expect(mail?.text).toContain(
      'https://prima-connect.example/handbook/exceptions#alert-exceptions-threshold',
    );
    // Once a day per situation.
    expect(await h.engine.checkAlerts(tenantId)).toEqual({ alerted: false });
  });

  it('sends nothing while alerts are switched off', async () => {
    const h = host();
    const tenantId = await h.ensureTenant('quiet-shop.myshopify.com');
    await h.store.settings.put(
      tenantId,
      parseSettings({
        prima: { url: 'http://prima.example/wsdl' },
        alerts: { enabled: false, webhookUrl: hook.url, openExceptionsThreshold: 1 },
      }),
    );
    await h.store.exceptions.raise({
      tenantId,
      code: 'unmapped_sku',
      subject: 'sku:X',
      problem: problem('unmapped_sku', 'X is not mapped', 'Map it in Mappings.'),
      lastSeenAt: h.clock.now().toISOString(),
    });
    const before = hook.bodies.length;
    expect(await h.engine.checkAlerts(tenantId)).toEqual({ alerted: false });
    expect(hook.bodies).toHaveLength(before);
  });
});

describe('Settings > Alerts', () => {
  const base = parseSettings({ prima: { url: 'http://prima.example/wsdl' } });

  it('round-trips on/off, recipients, webhook and level, keeping what the form does not show', () => {
    const existing: Settings = { ...base, alerts: { ...base.alerts, handbookUrl: 'https://intranet/hb' } };
    const r = formToSettings(
      asStrings({
        ...settingsToForm(existing),
        alertsEnabled: true,
        alertEmails: 'a@shop.example; b@shop.example',
        alertWebhookUrl: 'https://hooks.slack.com/services/T/B/X',
        alertThreshold: 25,
      }),
      existing,
    );
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(r.settings.alerts).toMatchObject({
      enabled: true,
      emailTo: ['a@shop.example', 'b@shop.example'],
      webhookUrl: 'https://hooks.slack.com/services/T/B/X',
      openExceptionsThreshold: 25,
      handbookUrl: 'https://intranet/hb',
    });
    expect(settingsToForm(r.settings)).toMatchObject({
      alertsEnabled: true,
      alertEmails: 'a@shop.example, b@shop.example',
      alertThreshold: 25,
    });
  });

  it('refuses mistyped alert fields in plain words', () => {
    const r = formToSettings(
      asStrings({
        ...settingsToForm(base),
        alertEmails: 'finance@shop.example, finance at shop',
        alertWebhookUrl: 'hooks.slack.com/x',
        alertThreshold: 'ten',
      }),
      base,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'That is not an e-mail address: finance at shop',
        'The webhook address must be a full web address starting with https://: hooks.slack.com/x',
        'The alert level must be a whole number (0 = never).',
      ]);
  });

  it('"Send a test alert" says per channel what went out, without saving', async () => {
    const h = host();
    const tenantId = await h.ensureTenant('test-button.myshopify.com');
    expect((await settingsData(h, tenantId, null)).emailConfigured).toBe(true);
    const before = smtp.messages.length;
    const notice = await settingsAction(
      h,
      tenantId,
      formData({
        ...settingsToForm(base),
        alertEmails: 'ops@shop.example',
        alertWebhookUrl: 'http://127.0.0.1:9/nothing-listens-here',
        intent: 'test-alert',
      }),
      'staff',
    );
    expect(notice.tone).toBe('warning');
    expect(notice.errors?.[0]).toBe('E-mail to ops@shop.example: sent.');
    expect(notice.errors?.[1]).toMatch(/^Webhook 127\.0\.0\.1:9: not sent \(/);
    expect(smtp.messages.slice(before)[0]?.text).toContain('test alert from Prima Connect');
    expect(await h.store.settings.get(tenantId)).toBeNull();
  });
});
