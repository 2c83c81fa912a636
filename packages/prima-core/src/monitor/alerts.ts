/**
 * Alerts for the people running the business: when open exceptions cross a threshold, or a day does not
 * reconcile. The Alerter port has two adapters (alerts-smtp.ts: e-mail through nodemailer; alerts-webhook.ts:
 * a JSON POST, e.g. a Slack incoming webhook). Messages are written for a non-developer: what happened, what
 * to do, and a link to the handbook entry for each kind of problem.
 */
import { handbookAnchor, PROBLEM_CATALOGUE, type ProblemCode } from './problems.js';

/** The kinds of alert; each has its own handbook entry (docs/handbook/exceptions.md, "Alerts"). */
export const ALERT_KINDS = {
  exceptions_threshold: 'Problems are piling up',
  day_not_reconciled: 'A day does not reconcile',
} as const;
export type AlertKind = keyof typeof ALERT_KINDS;

/** The anchor of an alert kind's handbook entry, e.g. `alert-day-not-reconciled`. */
export function alertHandbookAnchor(kind: AlertKind): string {
  return `alert-${kind.replaceAll('_', '-')}`;
}

/** The handbook entry that explains an alert itself: always the first link of an alert. */
export function alertHandbookLink(handbookUrl: string, kind: AlertKind): { label: string; url: string } {
  return {
    label: `About this alert: ${ALERT_KINDS[kind]}`,
    url: `${handbookUrl}#${alertHandbookAnchor(kind)}`,
  };
}

export interface Alert {
  tenantId: string;
  /** Stable per situation and day, so a host can avoid sending the same alert twice. */
  key: string;
  severity: 'warning' | 'critical';
  /** One line: the e-mail subject, the chat message's first line. */
  title: string;
  /** Plain sentences, one per line. */
  lines: string[];
  /** Handbook entries that explain what to do. */
  links: { label: string; url: string }[];
}

export interface Alerter {
  /** Where it sends, in words for a Settings screen ("E-mail to ops@shop.example", "Webhook hooks.slack.com"). */
  readonly channel?: string;
  send(alert: Alert): Promise<void>;
}

/** The handbook entry for a problem code, under the handbook's published address. */
export function handbookLink(handbookUrl: string, code: ProblemCode): { label: string; url: string } {
  return { label: PROBLEM_CATALOGUE[code].title, url: `${handbookUrl}#${handbookAnchor(code)}` };
}

/** Plain text of an alert (e-mail body; the webhook's `text`). */
export function alertText(alert: Alert): string {
  const links = alert.links.map((l) => `- ${l.label}: ${l.url}`);
  return [...alert.lines, ...(links.length > 0 ? ['', 'What to do:', ...links] : [])].join('\n');
}

/** Open exceptions at or above the threshold: one alert naming the biggest groups. */
export function exceptionsAlert(
  tenantId: string,
  shop: string,
  openByCode: Partial<Record<ProblemCode, number>>,
  threshold: number,
  handbookUrl: string,
  day: string,
): Alert | null {
  const entries = (Object.entries(openByCode) as [ProblemCode, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (threshold <= 0 || total < threshold) return null;
  return {
    tenantId,
    key: `exceptions:${tenantId}:${day}`,
    severity: total >= threshold * 2 ? 'critical' : 'warning',
    title: `${shop}: ${total} problems are waiting for a person in Prima Connect`,
    lines: [
      `${total} orders or updates could not go through on their own and are waiting in the exception queue (the alert level is ${threshold}).`,
      ...entries.map(
        ([code, n]) => `${n} x ${PROBLEM_CATALOGUE[code].title} (for ${PROBLEM_CATALOGUE[code].owner})`,
      ),
      'Open Prima Connect > Exceptions to see each one with its suggested action.',
    ],
    links: [
      alertHandbookLink(handbookUrl, 'exceptions_threshold'),
      ...entries.map(([code]) => handbookLink(handbookUrl, code)),
    ],
  };
}

/** A day that did not reconcile: how many findings of each kind, and where the report is. */
export function reconciliationAlert(
  tenantId: string,
  shop: string,
  report: { day: string; findings: { kind: string; code: ProblemCode; storefrontOrderNumber: string }[] },
  handbookUrl: string,
): Alert | null {
  if (report.findings.length === 0) return null;
  const byKind = new Map<string, string[]>();
  for (const f of report.findings)
    byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.storefrontOrderNumber]);
  const codes = [...new Set(report.findings.map((f) => f.code))];
  return {
    tenantId,
    key: `reconciliation:${tenantId}:${report.day}`,
    severity: 'warning',
    title: `${shop}: the store and Prima do not agree for ${report.day}`,
    lines: [
      `The daily check of ${report.day} found ${report.findings.length} difference(s) between the store, Prima Connect and Prima.`,
      ...[...byKind].map(([kind, orders]) => `${KIND_WORDS[kind] ?? kind}: ${orders.join(', ')}`),
      'Open Prima Connect > Reconciliation for the full report (it downloads as CSV).',
    ],
    links: [
      alertHandbookLink(handbookUrl, 'day_not_reconciled'),
      ...codes.map((c) => handbookLink(handbookUrl, c)),
    ],
  };
}

const KIND_WORDS: Record<string, string> = {
  missing_in_prima: 'Paid in the store, never reached Prima',
  missing_in_prima_not_found: 'Sent to Prima, but Prima does not know the order',
  unknown_to_storefront: 'In Prima Connect, but no longer in the store',
  total_differs: 'Store total and Prima total differ',
  stuck: 'Waiting too long to reach Prima',
  refund_without_credit_note: 'Refunded in the store, no credit note in Prima',
};
