/**
 * What Prima holds for one order, line by line, as we sent it: Prima line number, the storefront line it
 * came from (a bundle or an exactly-priced split gives several Prima lines per storefront line), item,
 * quantity and value. Cancellations and credit notes must name Prima's line numbers, and Prima has no
 * request that lists an order's lines, so the record is kept in the audit trail ("order.prima_lines") when
 * the order is posted and again after each line cancellation; the newest record is the truth.
 */
import { z } from 'zod';
import type { ItemRef, Order, PrimaSalesOrder } from '../model/index.js';

export interface PrimaLineRecord {
  lineNo: number;
  /** The storefront line id (Prima's line Reference). */
  lineId: string;
  item: ItemRef;
  quantity: number;
  /** Exact: unitPriceMinor * quantity === valueMinor (see PrimaOrderLine). */
  unitPriceMinor: number;
  valueMinor: number;
}

export interface PostedOrderRecord {
  primaOrderNumber: string;
  currency: string;
  /** The storefront quantities the Prima lines stand for (a bundle line's components scale with it). */
  storefrontLines: { lineId: string; sku: string; quantity: number }[];
  lines: PrimaLineRecord[];
  charges: { code: string; amountMinor: number }[];
}

export const PRIMA_LINES_ACTION = 'order.prima_lines';

const int = z.number().int();
export const postedOrderRecordSchema = z.object({
  primaOrderNumber: z.string(),
  currency: z.string(),
  storefrontLines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: int.min(0) })),
  lines: z.array(
    z.object({
      lineNo: int.min(1),
      lineId: z.string(),
      item: z.object({
        product: z.string(),
        matrix: z.tuple([z.string(), z.string(), z.string(), z.string()]),
      }),
      quantity: int.min(0),
      unitPriceMinor: int,
      valueMinor: int,
    }),
  ),
  charges: z.array(z.object({ code: z.string(), amountMinor: int })),
});

export function recordFromPosted(order: Order, posted: PrimaSalesOrder): PostedOrderRecord {
  return {
    primaOrderNumber: posted.orderNumber,
    currency: posted.currency,
    storefrontLines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    lines: posted.lines.map((l) => ({
      lineNo: l.lineNo,
      lineId: l.reference,
      item: l.item,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      valueMinor: l.lineValueMinor,
    })),
    charges: posted.charges.map((c) => ({ code: c.code, amountMinor: c.amountMinor })),
  };
}

/** Prima's order value as we know it: its remaining lines plus charges. */
export function recordTotalMinor(record: PostedOrderRecord): number {
  return (
    record.lines.reduce((s, l) => s + l.valueMinor, 0) + record.charges.reduce((s, c) => s + c.amountMinor, 0)
  );
}

/** Stored as one string field of an audit entry (audit details are flat). null when unreadable. */
export function parsePostedRecord(text: unknown): PostedOrderRecord | null {
  if (typeof text !== 'string') return null;
  try {
    const parsed = postedOrderRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as PostedOrderRecord) : null;
  } catch {
    return null;
  }
}

export interface LineCancellation {
  lineNo: number;
  quantity: number;
}

/**
 * The Prima line quantities to cancel when storefront lines were reduced (an order edit, a refund that
 * cancels unshipped items), and the record as it stands afterwards. A storefront line with n units that
 * became several Prima lines (bundle components, exact-price splits) gives up its units pro rata: each
 * component loses (its units per storefront unit) x (storefront units removed), taken from its last
 * Prima line first. Returns null when the reduction cannot be expressed exactly (a component quantity
 * that does not divide by the storefront quantity): a person decides.
 */
export function planLineCancellations(
  record: PostedOrderRecord,
  reduced: { lineId: string; quantity: number }[],
): { cancel: LineCancellation[]; next: PostedOrderRecord } | null {
  const next: PostedOrderRecord = structuredClone(record);
  const cancel: LineCancellation[] = [];
  for (const r of reduced) {
    const source = next.storefrontLines.find((l) => l.lineId === r.lineId);
    if (!source || r.quantity <= 0 || r.quantity > source.quantity) return null;
    const prima = next.lines.filter((l) => l.lineId === r.lineId);
    // Group the Prima lines of this storefront line by item: one group per bundle component.
    const groups = new Map<string, PrimaLineRecord[]>();
    for (const l of prima) {
      const key = JSON.stringify([l.item.product, ...l.item.matrix]);
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    for (const lines of groups.values()) {
      const units = lines.reduce((s, l) => s + l.quantity, 0);
      if (units % source.quantity !== 0) return null;
      let left = (units / source.quantity) * r.quantity;
      for (const l of [...lines].reverse()) {
        if (left === 0) break;
        const take = Math.min(left, l.quantity);
        if (take === 0) continue;
        cancel.push({ lineNo: l.lineNo, quantity: take });
        l.quantity -= take;
        l.valueMinor = l.unitPriceMinor * l.quantity;
        left -= take;
      }
    }
    source.quantity -= r.quantity;
  }
  cancel.sort((a, b) => a.lineNo - b.lineNo);
  return { cancel, next };
}

/** Storefront lines whose quantity went down (or that disappeared) since the record was made. */
export function reducedLines(
  record: PostedOrderRecord,
  order: Order,
): { lineId: string; quantity: number }[] {
  const out: { lineId: string; quantity: number }[] = [];
  for (const was of record.storefrontLines) {
    if (was.quantity === 0) continue;
    const now = order.lines.find((l) => l.lineId === was.lineId)?.quantity ?? 0;
    if (now < was.quantity) out.push({ lineId: was.lineId, quantity: was.quantity - now });
  }
  return out;
}

/** Storefront lines that are new or grew: not something Prima Connect passes on by itself. */
export function addedLines(record: PostedOrderRecord, order: Order): string[] {
  return order.lines
    .filter((l) => l.quantity > (record.storefrontLines.find((w) => w.lineId === l.lineId)?.quantity ?? 0))
    .map((l) => l.lineId);
}
