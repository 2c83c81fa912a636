/**
 * Alerts as a JSON POST: `text` is what Slack and Teams incoming webhooks display; the structured fields let
 * a ticketing system or automation route the alert without parsing prose. Uses the platform fetch.
 */
import { type Alert, type Alerter, alertText } from './alerts.js';

export interface WebhookAlerterOptions {
  url: string;
  timeoutMs?: number;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export function createWebhookAlerter(options: WebhookAlerterOptions): Alerter {
  const doFetch = options.fetch ?? fetch;
  return {
    channel: `Webhook ${hostOf(options.url)}`,
    async send(alert: Alert) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: `*${alert.title}*\n${alertText(alert)}`,
          key: alert.key,
          tenantId: alert.tenantId,
          severity: alert.severity,
          title: alert.title,
          lines: alert.lines,
          links: alert.links,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`alert webhook answered HTTP ${response.status}`);
    },
  };
}

/** The host alone: a webhook URL's path often carries its secret token. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'address';
  }
}

/** Sends to every alerter; one failing channel does not stop the others. Returns the errors. */
export async function sendAll(alerters: Alerter[], alert: Alert): Promise<unknown[]> {
  const results = await Promise.allSettled(alerters.map((a) => a.send(alert)));
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}
