/** Reads and appends the per-order record of Prima's lines (finance/prima-lines.ts) in the audit trail. */
import { type PostedOrderRecord, PRIMA_LINES_ACTION, parsePostedRecord } from '../finance/prima-lines.js';
import { audit, type EngineContext } from './context.js';

export async function recordPrimaLines(
  ctx: EngineContext,
  tenantId: string,
  subject: string,
  record: PostedOrderRecord,
  correlationId: string,
): Promise<void> {
  await audit(ctx, {
    tenantId,
    action: PRIMA_LINES_ACTION,
    subject,
    detail: {
      primaOrderNumber: record.primaOrderNumber,
      lines: record.lines.length,
      record: JSON.stringify(record),
    },
    correlationId,
  });
}

/** The newest record for the order, or null (orders posted before records were kept). */
export async function latestPrimaLines(
  ctx: EngineContext,
  tenantId: string,
  subject: string,
): Promise<PostedOrderRecord | null> {
  const entries = await ctx.store.audit.list(tenantId, { subject, action: PRIMA_LINES_ACTION, limit: 50 });
  // The audit port lists newest first (later appends first on equal times).
  for (const e of entries) {
    const record = parsePostedRecord(e.detail.record);
    if (record) return record;
  }
  return null;
}
