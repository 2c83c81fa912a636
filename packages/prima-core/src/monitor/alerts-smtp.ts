/**
 * E-mail alerts through nodemailer's SMTP transport: the one dependable way to reach finance and operations
 * teams without another service. The transport options are the host's (server, port, TLS, credentials from
 * its secret store); nothing here logs them.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { type Alert, type Alerter, alertText } from './alerts.js';

export interface SmtpAlerterOptions {
  transport: SMTPTransport.Options;
  from: string;
  to: string[];
}

export function createSmtpAlerter(options: SmtpAlerterOptions): Alerter & { close(): void } {
  const transporter = nodemailer.createTransport(options.transport);
  return {
    channel: `E-mail to ${options.to.join(', ')}`,
    async send(alert: Alert) {
      if (options.to.length === 0) return;
      await transporter.sendMail({
        from: options.from,
        to: options.to,
        subject: `${alert.severity === 'critical' ? '[Action needed] ' : ''}${alert.title}`,
        text: alertText(alert),
        headers: { 'X-Prima-Connect-Alert': alert.key },
      });
    },
    close() {
      transporter.close();
    },
  };
}
