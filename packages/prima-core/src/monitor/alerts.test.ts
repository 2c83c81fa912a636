import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../settings.js';
import { alertText, exceptionsAlert, reconciliationAlert } from './alerts.js';
import { alertersFor } from './alerts-channels.js';
import { createSmtpAlerter } from './alerts-smtp.js';
import { createWebhookAlerter, sendAll } from './alerts-webhook.js';

const HANDBOOK = 'https://help.example.test/handbook/exceptions';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A local SMTP server on 127.0.0.1:0 that keeps every message it receives. */
async function smtpServer(): Promise<{ port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, messages };
}

async function webhookServer(status = 200): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

describe('alert messages', () => {
  it('says how many problems wait, by kind and owner, and links each to its handbook entry', () => {
    const a = exceptionsAlert(
      't1',
      'shop.example',
      { unmapped_sku: 7, prima_unreachable: 4 },
      10,
      HANDBOOK,
      '2026-03-02',
    );
    expect(a?.title).toBe('shop.example: 11 problems are waiting for a person in Prima Connect');
    expect(a?.lines).toContain('7 x Product not mapped to Prima (for merchandising)');
    expect(a?.links.map((l) => l.url)).toEqual([
      `${HANDBOOK}#alert-exceptions-threshold`,
      `${HANDBOOK}#exception-unmapped-sku`,
      `${HANDBOOK}#exception-prima-unreachable`,
    ]);
    expect(exceptionsAlert('t1', 's', { unmapped_sku: 9 }, 10, HANDBOOK, '2026-03-02')).toBeNull();
    expect(exceptionsAlert('t1', 's', { unmapped_sku: 9 }, 0, HANDBOOK, '2026-03-02')).toBeNull();
  });

  it('names the orders of a day that did not reconcile', () => {
    const a = reconciliationAlert(
      't1',
      'shop.example',
      {
        day: '2026-03-01',
        findings: [
          { kind: 'missing_in_prima', code: 'reconciliation_gap', storefrontOrderNumber: '#1' },
          { kind: 'refund_without_credit_note', code: 'credit_note_manual', storefrontOrderNumber: '#5' },
        ],
      },
      HANDBOOK,
    );
    const text = alertText(
      a ?? { tenantId: '', key: '', severity: 'warning', title: '', lines: [], links: [] },
    );
    expect(text).toContain('Paid in the store, never reached Prima: #1');
    expect(text).toContain('Refunded in the store, no credit note in Prima: #5');
    expect(text).toContain(`${HANDBOOK}#exception-credit-note-manual`);
    expect(a?.links[0]?.url).toBe(`${HANDBOOK}#alert-day-not-reconciled`);
    expect(reconciliationAlert('t1', 's', { day: '2026-03-01', findings: [] }, HANDBOOK)).toBeNull();
  });
});

describe('alert channels', () => {
  const alert = exceptionsAlert('t1', 'shop.example', { money_mismatch: 3 }, 1, HANDBOOK, '2026-03-02');
  if (!alert) throw new Error('expected an alert');

  it('e-mails the recipients over SMTP', async () => {
    const smtp = await smtpServer();
    const alerter = createSmtpAlerter({
      transport: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      from: 'alerts@shop.example',
      to: ['finance@shop.example'],
    });
    closers.push(async () => alerter.close());
    await alerter.send(alert);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toContain('To: finance@shop.example');
    expect(smtp.messages[0]).toContain('Subject: [Action needed] shop.example: 3 problems');
    expect(smtp.messages[0]).toContain('exception-money-mismatch');
  });

  it('posts JSON to a webhook, and reports a channel that refuses without stopping the others', async () => {
    const good = await webhookServer();
    const bad = await webhookServer(500);
    const errors = await sendAll(
      [createWebhookAlerter({ url: bad.url }), createWebhookAlerter({ url: good.url })],
      alert,
    );
    expect(errors).toHaveLength(1);
    expect(good.bodies[0]).toMatchObject({ key: alert.key, severity: 'critical', title: alert.title });
    expect((good.bodies[0] as { text: string }).text).toContain('Order total does not add up');
  });

  it('builds the channels the settings ask for', () => {
    const settings = parseSettings({
      prima: { url: 'http://prima.test/wsdl' },
      alerts: { enabled: true, emailTo: ['ops@shop.example'], webhookUrl: 'https://hooks.example/x' },
    });
    expect(alertersFor(settings)).toHaveLength(1);
    expect(alertersFor(settings, { host: '127.0.0.1', port: 25 })).toHaveLength(2);
  });
});
