/**
 * The host's side of alerts: which mail server to send through comes from the host's environment, who to
 * tell comes from each tenant's settings. A merchant can set recipients and a webhook in Settings, but never
 * a mail server or its password: those belong to whoever runs the app.
 *
 *   PRIMA_SMTP_URL=smtp://user:pass@mail.example.com:587   (STARTTLS when the server offers it)
 *   PRIMA_SMTP_URL=smtps://user:pass@mail.example.com      (TLS from the start, port 465 by default)
 *   PRIMA_SMTP_FROM=alerts@example.com                     (sender for tenants that did not choose one)
 */
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { z } from 'zod';
import { alertsOf } from '../finance/settings-of.js';
import { alertSettingsSchema, type Settings } from '../settings.js';
import type { Alert, Alerter } from './alerts.js';
import { alertersFor } from './alerts-channels.js';

export const SMTP_URL_ENV = 'PRIMA_SMTP_URL';
export const SMTP_FROM_ENV = 'PRIMA_SMTP_FROM';

/** What a host passes to createEngine as `alerters`. */
export type AlertersFn = (tenantId: string, settings: Settings) => Promise<Alerter[]>;

const smtpUrlSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      // Never echo the value: it usually holds a password.
      ctx.addIssue({ code: 'custom', message: `${SMTP_URL_ENV} is not a URL` });
      return z.NEVER;
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      ctx.addIssue({ code: 'custom', message: `${SMTP_URL_ENV} must start with smtp:// or smtps://` });
      return z.NEVER;
    }
    if (!url.hostname) {
      ctx.addIssue({ code: 'custom', message: `${SMTP_URL_ENV} names no mail server` });
      return z.NEVER;
    }
    if (url.password && !url.username) {
      ctx.addIssue({ code: 'custom', message: `${SMTP_URL_ENV} has a password but no user name` });
      return z.NEVER;
    }
    const secure = url.protocol === 'smtps:';
    const options: SMTPTransport.Options = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      // A hung mail server must not hold the daily finance run for nodemailer's default 2 minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
    };
    return options;
  });

/**
 * `smtp[s]://[user[:pass]@]host[:port]` as nodemailer's SMTP options. Throws an Error that names the variable
 * and the problem, never the value (it carries the password).
 */
export function smtpOptionsFromUrl(url: string): SMTPTransport.Options {
  const parsed = smtpUrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

const envSchema = z.object({
  [SMTP_URL_ENV]: z.string().optional(),
  [SMTP_FROM_ENV]: z.string().trim().email(`${SMTP_FROM_ENV} is not an e-mail address`).optional(),
});

const DEFAULT_FROM = alertSettingsSchema.parse({}).emailFrom;

export interface AlertersFromEnvResult {
  alerters: AlertersFn;
  /** Whether e-mail can go out at all (PRIMA_SMTP_URL set): a Settings screen can say so. */
  emailConfigured: boolean;
}

/**
 * Reads the host's mail settings once, at start: a bad PRIMA_SMTP_URL throws here, so the process refuses to
 * start instead of silently never e-mailing anyone. Unset: webhooks only. Alerts a tenant switched off
 * (`alerts.enabled` false) go nowhere.
 */
export function alertersFromEnv(env: NodeJS.ProcessEnv = process.env): AlertersFromEnvResult {
  const blankToAbsent = (v: string | undefined) => (v?.trim() ? v : undefined);
  const parsed = envSchema.safeParse({
    [SMTP_URL_ENV]: blankToAbsent(env[SMTP_URL_ENV]),
    [SMTP_FROM_ENV]: blankToAbsent(env[SMTP_FROM_ENV]),
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const rawUrl = parsed.data[SMTP_URL_ENV];
  const smtp = rawUrl ? smtpOptionsFromUrl(rawUrl) : undefined;
  const hostFrom = parsed.data[SMTP_FROM_ENV];
  return {
    emailConfigured: smtp !== undefined,
    async alerters(_tenantId, settings) {
      return channelsFor(settings, smtp, hostFrom);
    },
  };
}

function channelsFor(settings: Settings, smtp: SMTPTransport.Options | undefined, hostFrom?: string) {
  const alerts = alertsOf(settings);
  if (!alerts.enabled) return [];
  // Mail services only accept verified senders, so the host's sender wins over the placeholder default.
  const from = hostFrom && alerts.emailFrom === DEFAULT_FROM ? hostFrom : alerts.emailFrom;
  return alertersFor({ ...settings, alerts: { ...alerts, emailFrom: from } }, smtp);
}

/** One channel's outcome of a test alert, in words for the Settings screen. */
export interface TestAlertResult {
  channel: string;
  ok: boolean;
  message: string;
}

/** A harmless alert a merchant sends from Settings to check the channels work. */
export function testAlert(tenantId: string, shop: string, handbookUrl: string, at: Date): Alert {
  return {
    tenantId,
    key: `test:${tenantId}:${at.toISOString()}`,
    severity: 'warning',
    title: `${shop}: test alert from Prima Connect`,
    lines: [
      'This is a test, sent from Prima Connect > Settings. Nothing needs doing.',
      'Real alerts come here when problems pile up or a day does not reconcile.',
    ],
    // The alerts section of the handbook opens at its first entry.
    links: [{ label: 'About alerts', url: `${handbookUrl}#alert-exceptions-threshold` }],
  };
}

/**
 * Sends a test alert through each channel the settings ask for (even while alerts are switched off, so a
 * merchant can try them before switching on) and says, per channel, whether it went out.
 */
export async function sendTestAlert(
  env: { emailConfigured: boolean; alerters: AlertersFn },
  tenantId: string,
  settings: Settings,
  alert: Alert,
): Promise<TestAlertResult[]> {
  const alerts = alertsOf(settings);
  const results: TestAlertResult[] = [];
  if (alerts.emailTo.length > 0 && !env.emailConfigured)
    results.push({
      channel: 'E-mail',
      ok: false,
      message:
        'No e-mail was sent: this app has no mail server set up. Ask whoever runs Prima Connect to set PRIMA_SMTP_URL.',
    });
  const on = { ...settings, alerts: { ...alerts, enabled: true } };
  const channels = await env.alerters(tenantId, on);
  if (channels.length === 0 && results.length === 0)
    return [
      {
        channel: 'Alerts',
        ok: false,
        message: 'Nothing to send to: enter an e-mail address or a webhook address first.',
      },
    ];
  for (const [i, channel] of channels.entries()) {
    const name = channel.channel ?? `Channel ${i + 1}`;
    try {
      await channel.send(alert);
      results.push({ channel: name, ok: true, message: `${name}: sent.` });
    } catch (error) {
      results.push({ channel: name, ok: false, message: `${name}: not sent (${reason(error)}).` });
    }
  }
  return results;
}

/** The cause in a few words; no stack, no server transcript. */
function reason(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const text = typeof e?.message === 'string' ? e.message : '';
  // nodemailer wraps socket errors (code ESOCKET) and keeps the system code in its message.
  if (e?.code === 'ECONNREFUSED' || text.includes('ECONNREFUSED')) return 'the server refused the connection';
  if (e?.code === 'ETIMEDOUT' || e?.code === 'ETIMEOUT') return 'the server did not answer in time';
  if (e?.code === 'EAUTH') return 'the mail server did not accept the user name or password';
  if (e?.code === 'EENVELOPE') return 'the mail server refused the sender or a recipient';
  if (typeof e?.message === 'string') {
    const m = e.message.match(/HTTP (\d{3})/);
    if (m) return `the webhook answered HTTP ${m[1]}`;
    if (/fetch failed|ENOTFOUND/i.test(e.message)) return 'the address could not be reached';
    return e.message.split('\n')[0]?.slice(0, 160) ?? 'unknown error';
  }
  return 'unknown error';
}
