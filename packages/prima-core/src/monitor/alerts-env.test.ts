import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { alertSettingsSchema, parseSettings } from '../settings.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import { exceptionsAlert } from './alerts.js';
import { alertersFromEnv, sendTestAlert, smtpOptionsFromUrl, testAlert } from './alerts-env.js';

const HANDBOOK = 'https://app.example.test/handbook/exceptions';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function webhook(status = 200): Promise<{ url: string; bodies: { text: string }[] }> {
  const bodies: { text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(body) as { text: string });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

const settingsWith = (alerts: Record<string, unknown>) =>
  parseSettings({ prima: { url: 'http://prima.test/wsdl' }, alerts });

describe('PRIMA_SMTP_URL', () => {
  it('reads server, port, TLS and URL-encoded credentials', () => {
    expect(smtpOptionsFromUrl('smtp://alerts%40shop:p%40ss%2Fw@mail.example.com:2525')).toMatchObject({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'alerts@shop', pass: 'p@ss/w' },
    });
    expect(smtpOptionsFromUrl('smtps://u:p@mail.example.com')).toMatchObject({ port: 465, secure: true });
    const open = smtpOptionsFromUrl('smtp://127.0.0.1');
    expect(open).toMatchObject({ host: '127.0.0.1', port: 587, secure: false });
    expect(open.auth).toBeUndefined();
  });

  it('refuses a bad URL at start, naming the variable and never the password', () => {
    for (const bad of ['http://u:hunter22@mail.example.com', 'mail.example.com:587', 'smtp://:hunter22@x']) {
      let message = '';
      try {
        alertersFromEnv({ PRIMA_SMTP_URL: bad });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, bad).toContain('PRIMA_SMTP_URL');
      expect(message).not.toContain('hunter22');
    }
    expect(() => alertersFromEnv({ PRIMA_SMTP_FROM: 'not an address' })).toThrow(/PRIMA_SMTP_FROM/);
    // Unset or blank: e-mail is simply not available.
    expect(alertersFromEnv({ PRIMA_SMTP_URL: '  ' }).emailConfigured).toBe(false);
    expect(alertersFromEnv({}).emailConfigured).toBe(false);
  });
});

describe('alertersFromEnv', () => {
  const alert = exceptionsAlert('t1', 'shop.example', { unmapped_sku: 4 }, 3, HANDBOOK, '2026-03-02');
  if (!alert) throw new Error('expected an alert');

  it("e-mails the tenant's recipients through the host's server and posts to the tenant's webhook", async () => {
    const smtp = await startSmtpSink();
    closers.push(smtp.close);
    const hook = await webhook();
    const { alerters, emailConfigured } = alertersFromEnv({
      PRIMA_SMTP_URL: smtp.url,
      PRIMA_SMTP_FROM: 'alerts@host.example',
    });
    expect(emailConfigured).toBe(true);
    const channels = await alerters(
      't1',
      settingsWith({ enabled: true, emailTo: ['finance@shop.example'], webhookUrl: hook.url }),
    );
    expect(channels).toHaveLength(2);
    for (const c of channels) await c.send(alert);
    expect(smtp.messages).toHaveLength(1);
    // The host's sender, since the tenant left the placeholder.
    expect(smtp.messages[0]).toMatchObject({ from: 'alerts@host.example', to: ['finance@shop.example'] });
    expect(smtp.messages[0]?.data).toContain('Subject: shop.example: 4 problems');
    expect(hook.bodies[0]?.text).toContain(`${HANDBOOK}#exception-unmapped-sku`);
  });

  it("keeps a tenant's own sender, and sends nothing while alerts are switched off", async () => {
    const { alerters } = alertersFromEnv({
      PRIMA_SMTP_URL: 'smtp://127.0.0.1:1',
      PRIMA_SMTP_FROM: 'alerts@host.example',
    });
    const s = { emailTo: ['ops@shop.example'], webhookUrl: 'https://hooks.example/x' };
    expect(await alerters('t1', settingsWith({ ...s, enabled: false }))).toEqual([]);
    expect(await alerters('t1', settingsWith({ ...s, enabled: true }))).toHaveLength(2);
    // Without a mail server, only the webhook.
    expect(await alertersFromEnv({}).alerters('t1', settingsWith({ ...s, enabled: true }))).toHaveLength(1);
  });
});

describe('sendTestAlert', () => {
  const at = new Date('2026-03-02T09:00:00Z');

  it('says per channel what went out and what did not, even before alerts are switched on', async () => {
    const smtp = await startSmtpSink();
    closers.push(smtp.close);
    const bad = await webhook(404);
    const env = alertersFromEnv({ PRIMA_SMTP_URL: smtp.url });
    const settings = settingsWith({ enabled: false, emailTo: ['ops@shop.example'], webhookUrl: bad.url });
    const results = await sendTestAlert(env, 't1', settings, testAlert('t1', 'shop.example', HANDBOOK, at));
    expect(results).toEqual([
      { channel: 'E-mail to ops@shop.example', ok: true, message: 'E-mail to ops@shop.example: sent.' },
      {
        channel: `Webhook ${new URL(bad.url).host}`,
        ok: false,
        message: `Webhook ${new URL(bad.url).host}: not sent (the webhook answered HTTP 404).`,
      },
    ]);
    expect(smtp.messages[0]?.data).toContain('test alert from Prima Connect');
  });

  it('explains a missing mail server and a setting with nowhere to send', async () => {
    const env = alertersFromEnv({});
    const alert = testAlert('t1', 'shop.example', HANDBOOK, at);
    const noServer = await sendTestAlert(env, 't1', settingsWith({ emailTo: ['ops@shop.example'] }), alert);
    expect(noServer).toHaveLength(1);
    expect(noServer[0]?.ok).toBe(false);
    expect(noServer[0]?.message).toContain('no mail server');
    const nowhere = await sendTestAlert(env, 't1', settingsWith({}), alert);
    expect(nowhere[0]?.message).toContain('enter an e-mail address or a webhook address');
  });

  it('names a mail server that refuses the connection', async () => {
    const smtp = await startSmtpSink();
    const url = smtp.url;
    await smtp.close();
    const env = alertersFromEnv({ PRIMA_SMTP_URL: url });
    const [result] = await sendTestAlert(
      env,
      't1',
      settingsWith({ emailTo: ['ops@shop.example'] }),
      testAlert('t1', 'shop.example', HANDBOOK, at),
    );
    expect(result).toMatchObject({ ok: false });
    expect(result?.message).toContain('refused the connection');
  });
});

describe('alert settings', () => {
  it('refuses what a merchant mistyped in plain words, naming the value', () => {
    const r = alertSettingsSchema.safeParse({
      emailTo: ['finance@shop.example', 'finance at shop'],
      webhookUrl: 'hooks.slack.com/services/T0',
      openExceptionsThreshold: -1,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'That is not an e-mail address: finance at shop',
      'The webhook address must be a full web address starting with https://: hooks.slack.com/services/T0',
      'The alert level cannot be below 0 (0 = never).',
    ]);
    expect(alertSettingsSchema.safeParse({ webhookUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(alertSettingsSchema.parse({ webhookUrl: '' }).webhookUrl).toBe('');
  });
});
