/**
 * Business metrics for the dashboard, computed from what the store already holds (links, exceptions,
 * events, audit, snapshots) and the queue's counts: nothing extra has to be recorded for them.
 */
import type { EngineMetrics } from '../engine-api.js';
import type { OrderLink, Queue, Store } from '../ports.js';
import type { ProblemCode } from './problems.js';

/** Nearest-rank percentile of a list of numbers (0 for an empty list). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Exceptions that fix themselves (an outage that passes) are not "a person was needed". */
const SELF_HEALING: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'prima_unreachable',
  'storefront_api_error',
  'prima_duplicate',
]);

const day = (iso: string) => iso.slice(0, 10);

export async function computeMetrics(
  store: Store,
  queue: Queue,
  tenantId: string,
  now: Date,
  days: number,
): Promise<EngineMetrics> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const sinceIso = since.toISOString();
  const links: OrderLink[] = await store.links.listReceivedBetween(
    tenantId,
    sinceIso,
    new Date(now.getTime() + 1).toISOString(),
  );
  const posted = links.filter(
    (l) => l.state === 'posted' || (l.state === 'cancelled' && l.postedAt !== undefined),
  );
  const failed = links.filter((l) => l.state === 'exception');
  const latencies = posted
    .filter((l) => l.postedAt)
    .map((l) => Date.parse(l.postedAt as string) - Date.parse(l.receivedAt));

  const exceptions = await store.exceptions.list(tenantId, {});
  const neededPerson = new Set(
    exceptions
      .filter(
        (e) =>
          e.subject.startsWith('order:') &&
          !SELF_HEALING.has(e.code) &&
          Date.parse(e.lastSeenAt) >= since.getTime(),
      )
      .map((e) => e.subject),
  );
  const manual = links.filter((l) => neededPerson.has(`order:${l.storefrontOrderId}`)).length;

  const duplicates = (await store.audit.list(tenantId, { action: 'event.duplicate' })).filter(
    (e) => e.at >= sinceIso,
  ).length;
  const lastStockSyncAt = await store.snapshots.lastSyncAt(tenantId);

  const daily = new Map<string, { posted: number; failed: number }>();
  for (let i = days - 1; i >= 0; i--)
    daily.set(day(new Date(now.getTime() - i * 86_400_000).toISOString()), { posted: 0, failed: 0 });
  for (const l of posted) {
    const d = daily.get(day(l.postedAt ?? l.receivedAt));
    if (d) d.posted++;
  }
  for (const l of failed) {
    const d = daily.get(day(l.updatedAt));
    if (d) d.failed++;
  }

  const decided = posted.length + failed.length;
  return {
    ordersReceived: links.length,
    ordersPosted: posted.length,
    // Nothing decided yet counts as nothing rejected.
    acceptanceRate: decided === 0 ? 1 : posted.length / decided,
    postingLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    stockFreshnessSeconds: lastStockSyncAt
      ? Math.max(0, Math.round((now.getTime() - Date.parse(lastStockSyncAt)) / 1000))
      : null,
    lastStockSyncAt,
    openExceptionsByCode: await store.exceptions.countOpenByCode(tenantId),
    duplicateEventsSuppressed: duplicates,
    manualInterventionRate: links.length === 0 ? 0 : manual / links.length,
    queue: await queue.counts(tenantId),
    daily: [...daily.entries()].map(([d, v]) => ({ day: d, ...v })),
  };
}
