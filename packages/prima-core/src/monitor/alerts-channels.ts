/** The alert channels a tenant's settings ask for: e-mail (when the host has an SMTP server) and a webhook. */
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { alertsOf } from '../finance/settings-of.js';
import type { Settings } from '../settings.js';
import type { Alerter } from './alerts.js';
import { createSmtpAlerter } from './alerts-smtp.js';
import { createWebhookAlerter } from './alerts-webhook.js';

/** `smtp` is the host's mail server (its credentials stay with the host, never in tenant settings). */
export function alertersFor(settings: Settings, smtp?: SMTPTransport.Options): Alerter[] {
  const out: Alerter[] = [];
  const { emailTo, emailFrom, webhookUrl } = alertsOf(settings);
  if (smtp && emailTo.length > 0)
    out.push(createSmtpAlerter({ transport: smtp, from: emailFrom, to: emailTo }));
  if (webhookUrl) out.push(createWebhookAlerter({ url: webhookUrl }));
  return out;
}
