/**
 * A storefront refund as a Prima credit note against the original Prima order (the assumed NewCreditNote
 * request). The credit note names Prima's own line numbers, from the record of what Prima holds
 * (prima-lines.ts), so bundles are credited through their components and exact-price splits line by line.
 *
 * Money rules, all exact (integer minor units, largest-remainder allocation):
 * - itemised refund lines are credited on their Prima lines, the amount split by each line's value;
 * - refunded shipping goes to the shipping method's Prima charge code (or the refund charge code);
 * - an amount beyond the items and shipping (goodwill, amount-only refunds) goes to the configured refund
 *   charge code, or is spread over the order's lines in proportion to what is still creditable on them;
 * - an amount below the items and shipping (a restocking fee kept) scales every part down;
 * - nothing credits more than was paid: per storefront line, and for the order as a whole.
 * Anything else is a credit_note_manual Problem telling finance what to enter in Prima by hand.
 */

import { mapShippingMethod } from '../mapping/maps.js';
import type { Order, Refund } from '../model/index.js';
import { allocate } from '../money/allocate.js';
import { describeMoney } from '../money/decimal.js';
import { fail, ok, type Problem, problem, type Result } from '../monitor/problems.js';
import type { PrimaCreditNoteRequest } from '../ports.js';
import type { Settings } from '../settings.js';
import type { PostedOrderRecord, PrimaLineRecord } from './prima-lines.js';
import { financeOf } from './settings-of.js';

/** Deterministic per refund: a retried refund job names the same credit note. */
export const creditReference = (refund: Refund) =>
  `R${refund.storefrontRefundId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 20);

/** What earlier credit notes of the same order already gave back. */
export interface CreditHistory {
  totalMinor: number;
  /** Per storefront line id. */
  byLine: Record<string, number>;
}

export const NO_CREDIT_HISTORY: CreditHistory = { totalMinor: 0, byLine: {} };

export interface CreditNotePlan {
  request: PrimaCreditNoteRequest;
  /** This credit note's amount per storefront line id (for the next refund's history). */
  creditedByLine: Record<string, number>;
}

export interface CreditTarget {
  primaOrderNumber: string;
  storefrontOrderNumber: string;
  /** What the customer paid for the order (the Prima order's total as posted). */
  paidMinor: number;
}

function manual(refund: Refund, orderNumber: string, primaNumber: string, why: string): Problem {
  return problem(
    'credit_note_manual',
    `Refund ${refund.storefrontRefundId} of order ${orderNumber} (${describeMoney(refund.amountMinor, refund.currency)}) was not turned into a Prima credit note: ${why}.`,
    `Raise a credit note in Prima by hand against order ${primaNumber} for ${describeMoney(refund.amountMinor, refund.currency)}, then resolve this exception.`,
    {
      refundId: refund.storefrontRefundId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      primaOrderNumber: primaNumber,
    },
  );
}

type CreditLine = PrimaCreditNoteRequest['lines'][number] & { lineId: string };

/** The Prima lines (and units on each) that `quantity` storefront units of a line stand for. */
function unitsOnPrimaLines(
  record: PostedOrderRecord,
  lineId: string,
  quantity: number,
): { line: PrimaLineRecord; units: number }[] | null {
  const source = record.storefrontLines.find((l) => l.lineId === lineId);
  const prima = record.lines.filter((l) => l.lineId === lineId);
  if (!source || source.quantity === 0 || prima.length === 0 || quantity > source.quantity) return null;
  const groups = new Map<string, PrimaLineRecord[]>();
  for (const l of prima) {
    const key = JSON.stringify([l.item.product, ...l.item.matrix]);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const out: { line: PrimaLineRecord; units: number }[] = [];
  for (const lines of groups.values()) {
    const total = lines.reduce((s, l) => s + l.quantity, 0);
    if (total % source.quantity !== 0) return null;
    let left = (total / source.quantity) * quantity;
    for (const line of lines) {
      const units = Math.min(left, line.quantity);
      if (units > 0) out.push({ line, units });
      left -= units;
    }
  }
  return out;
}

/** What is still creditable per storefront line: its Prima value less earlier credit notes. */
function creditableByLine(record: PostedOrderRecord, history: CreditHistory): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of record.lines) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.valueMinor);
  for (const [id, v] of out) out.set(id, Math.max(0, v - (history.byLine[id] ?? 0)));
  return out;
}

function shippingChargeCode(order: Order | null, settings: Settings): string | null {
  const method = order?.charges.find((c) => c.kind === 'shipping');
  const mapped = method ? mapShippingMethod(method.code, settings.maps.shipping) : null;
  if (mapped?.ok) return mapped.value.charge;
  return financeOf(settings).refundChargeCode || null;
}

export function creditNoteForRefund(
  refund: Refund,
  target: CreditTarget,
  record: PostedOrderRecord | null,
  order: Order | null,
  settings: Settings,
  history: CreditHistory = NO_CREDIT_HISTORY,
): Result<CreditNotePlan> {
  const no = (why: string) =>
    fail<CreditNotePlan>(manual(refund, target.storefrontOrderNumber, target.primaOrderNumber, why));
  const money = (m: number) => describeMoney(m, refund.currency);
  if (refund.amountMinor <= 0) return no('it returns no money');
  if (!record) return no("the Prima order's lines are not known to Prima Connect");
  if (refund.currency.toUpperCase() !== record.currency.toUpperCase())
    return no(`it is in ${refund.currency}, the Prima order in ${record.currency}`);
  if (history.totalMinor + refund.amountMinor > target.paidMinor) {
    return no(
      `with the ${money(history.totalMinor)} already credited it would give back more than the ${money(target.paidMinor)} paid`,
    );
  }

  const creditable = creditableByLine(record, history);
  const lines: CreditLine[] = [];
  // One weight per part (credit line or the shipping charge), so a smaller refund can scale them exactly.
  for (const r of refund.lines) {
    const spread = unitsOnPrimaLines(record, r.lineId, r.quantity);
    const left = record.storefrontLines.find((l) => l.lineId === r.lineId)?.quantity;
    if (!spread && left !== undefined && r.quantity > left)
      return no(
        `only ${left} of the ${r.quantity} x "${r.sku || r.lineId}" refunded are still on the Prima order (the others were cancelled there before dispatch, so Prima never invoiced them)`,
      );
    if (!spread)
      return no(
        `the refunded item "${r.sku || r.lineId}" (x${r.quantity}) does not match a line of the Prima order`,
      );
    if (r.amountMinor > (creditable.get(r.lineId) ?? 0))
      return no(`it would credit more for "${r.sku || r.lineId}" than is left to credit on that line`);
    const shares = allocate(
      r.amountMinor,
      spread.map((s) => s.units * Math.max(0, s.line.unitPriceMinor)),
    );
    spread.forEach((s, i) => {
      lines.push({
        lineId: r.lineId,
        lineNo: s.line.lineNo,
        item: s.line.item,
        quantity: s.units,
        amountMinor: shares[i] as number,
        restock: r.restock,
      });
    });
    creditable.set(r.lineId, (creditable.get(r.lineId) ?? 0) - r.amountMinor);
  }

  const charges: PrimaCreditNoteRequest['charges'] = [];
  if (refund.shippingMinor > 0) {
    const code = shippingChargeCode(order, settings);
    if (!code)
      return no(
        'the refunded shipping has no Prima charge code (map the shipping method, or set a refund charge code)',
      );
    charges.push({ code, amountMinor: refund.shippingMinor });
  }

  const itemised = lines.reduce((s, l) => s + l.amountMinor, 0) + refund.shippingMinor;
  const extra = refund.amountMinor - itemised;
  if (extra < 0) {
    // Less went back than the items and shipping are worth (a fee kept): every part shrinks pro rata.
    const parts = [...lines.map((l) => l.amountMinor), ...charges.map((c) => c.amountMinor)];
    const scaled = allocate(refund.amountMinor, parts);
    lines.forEach((l, i) => {
      l.amountMinor = scaled[i] as number;
    });
    charges.forEach((c, i) => {
      c.amountMinor = scaled[lines.length + i] as number;
    });
  } else if (extra > 0) {
    const chargeCode = financeOf(settings).refundChargeCode;
    if (chargeCode) {
      charges.push({ code: chargeCode, amountMinor: extra });
    } else {
      // Spread over the lines in proportion to what is still creditable on them: value only, no units.
      const ids = [...creditable.keys()].filter((id) => (creditable.get(id) ?? 0) > 0);
      const room = ids.reduce((s, id) => s + (creditable.get(id) ?? 0), 0);
      if (room < extra)
        return no(
          `${money(extra)} of it is not for items or shipping, and the order's lines have only ${money(room)} left to credit`,
        );
      const perLine = allocate(
        extra,
        ids.map((id) => creditable.get(id) ?? 0),
      );
      ids.forEach((id, i) => {
        const prima = record.lines.filter((l) => l.lineId === id && l.valueMinor > 0);
        const shares = allocate(
          perLine[i] as number,
          prima.map((l) => l.valueMinor),
        );
        prima.forEach((l, j) => {
          const amountMinor = shares[j] as number;
          if (amountMinor > 0)
            lines.push({
              lineId: id,
              lineNo: l.lineNo,
              item: l.item,
              quantity: 0,
              amountMinor,
              restock: false,
            });
        });
      });
    }
  }

  // One credit line per Prima line: units and amounts of several parts on the same line add up.
  const merged = new Map<number, CreditLine>();
  for (const l of lines) {
    const m = merged.get(l.lineNo);
    if (!m) merged.set(l.lineNo, { ...l });
    else {
      m.quantity += l.quantity;
      m.amountMinor += l.amountMinor;
      m.restock ||= l.restock;
    }
  }
  const creditedByLine: Record<string, number> = {};
  for (const l of merged.values()) creditedByLine[l.lineId] = (creditedByLine[l.lineId] ?? 0) + l.amountMinor;

  return ok({
    request: {
      orderNumber: target.primaOrderNumber,
      creditReference: creditReference(refund),
      currency: refund.currency,
      lines: [...merged.values()].sort((a, b) => a.lineNo - b.lineNo).map(({ lineId: _id, ...l }) => l),
      charges,
      totalMinor: refund.amountMinor,
      reason: (refund.reason ?? 'Storefront refund').slice(0, 200),
    },
    creditedByLine,
  });
}
