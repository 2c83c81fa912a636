/**
 * The daily reconciliation: the store's paid orders of one UTC day against our order links and Prima.
 * A pure builder: the engine gathers the facts (reconcile-day.ts), this decides what is a finding, so
 * every rule can be tested on its own. A day reconciles when it has no findings.
 */
import type { ProblemCode } from '../monitor/problems.js';

export type FindingKind =
  /** Paid in the store, but no order link at all: its webhook was lost and catch-up has not found it. */
  | 'missing_in_prima'
  /** We believed it posted, but Prima does not know the order number. */
  | 'missing_in_prima_not_found'
  /** A link (Prima order) whose store order cannot be found in the store. */
  | 'unknown_to_storefront'
  /** Store total and Prima's order value differ. */
  | 'total_differs'
  /** Not in Prima longer than the stuck threshold (waiting, failing, or in the exception queue). */
  | 'stuck'
  /** The store refunded money and no credit note was made in Prima. */
  | 'refund_without_credit_note';

export interface ReconciliationFinding {
  kind: FindingKind;
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  primaOrderNumber?: string;
  storeMinor?: number;
  primaMinor?: number;
  /** Plain words for the finance screen and the CSV. */
  message: string;
  /** The handbook entry that explains what to do. */
  code: ProblemCode;
}

export interface ReconciliationReport {
  tenantId: string;
  /** UTC yyyy-mm-dd. */
  day: string;
  currency: string | null;
  generatedAt: string;
  storeOrders: number;
  storeTotalMinor: number;
  inPrima: number;
  primaTotalMinor: number;
  findings: ReconciliationFinding[];
  reconciled: boolean;
}

/** One store order paid in the day, as the engine found it. */
export interface StoreOrderFact {
  storefrontOrderId: string;
  orderNumber: string;
  currency: string;
  totalMinor: number;
  /** The store shows the order as refunded or partly refunded (the canonical order carries no refund sum). */
  refunded: boolean;
}

/** What we know on our side (link) and from Prima for an order. */
export interface LinkFact {
  storefrontOrderId: string;
  storefrontOrderNumber: string;
  primaOrderNumber: string;
  state: 'received' | 'posting' | 'posted' | 'exception' | 'cancelled';
  receivedAt: string;
  /** Prima's order value as posted and amended (Prima's OrderStatus carries no total). */
  primaValueMinor: number;
  /** Posted links only: whether Prima answered OrderStatus for the number. */
  primaKnows?: boolean;
  /** Credit notes made for the order, in minor units, and how many. */
  creditedMinor: number;
  creditNotes: number;
  /** Refunds that became a credit_note_manual exception: finance already has them in the queue. */
  manualRefunds: number;
}

export interface ReconcileInput {
  tenantId: string;
  day: string;
  now: string;
  stuckAfterHours: number;
  storeOrders: StoreOrderFact[];
  /** Links for the store orders above, plus links received in the day. */
  links: LinkFact[];
  /** Links received in the day whose store order the store could not find. */
  orphanLinkIds: string[];
}

export function buildReconciliation(input: ReconcileInput): ReconciliationReport {
  const findings: ReconciliationFinding[] = [];
  const links = new Map(input.links.map((l) => [l.storefrontOrderId, l]));
  const stuckBefore = new Date(Date.parse(input.now) - input.stuckAfterHours * 3_600_000).toISOString();
  let inPrima = 0;
  let primaTotal = 0;
  let storeTotal = 0;
  const currencies = new Set<string>();

  for (const o of input.storeOrders) {
    storeTotal += o.totalMinor;
    currencies.add(o.currency);
    const base = { storefrontOrderId: o.storefrontOrderId, storefrontOrderNumber: o.orderNumber };
    const link = links.get(o.storefrontOrderId);
    if (!link) {
      findings.push({
        ...base,
        kind: 'missing_in_prima',
        storeMinor: o.totalMinor,
        code: 'reconciliation_gap',
        message: `Order ${o.orderNumber} was paid in the store but never reached Prima Connect (its notification was lost).`,
      });
      continue;
    }
    const withPrima = { ...base, primaOrderNumber: link.primaOrderNumber };
    if (link.state === 'cancelled') continue;
    if (link.state !== 'posted') {
      if (link.receivedAt <= stuckBefore) {
        findings.push({
          ...withPrima,
          kind: 'stuck',
          storeMinor: o.totalMinor,
          code: 'reconciliation_gap',
          message: `Order ${o.orderNumber} has waited since ${link.receivedAt.slice(0, 16).replace('T', ' ')} UTC and is still not in Prima (${link.state === 'exception' ? 'in the exception queue' : 'not sent yet'}).`,
        });
      }
      continue;
    }
    if (link.primaKnows === false) {
      findings.push({
        ...withPrima,
        kind: 'missing_in_prima_not_found',
        storeMinor: o.totalMinor,
        code: 'reconciliation_gap',
        message: `Order ${o.orderNumber} was sent to Prima as ${link.primaOrderNumber}, but Prima does not know that order number.`,
      });
      continue;
    }
    inPrima++;
    primaTotal += link.primaValueMinor;
    if (link.primaValueMinor !== o.totalMinor) {
      findings.push({
        ...withPrima,
        kind: 'total_differs',
        storeMinor: o.totalMinor,
        primaMinor: link.primaValueMinor,
        code: 'reconciliation_gap',
        message: `Order ${o.orderNumber}: the store says ${o.totalMinor}, Prima order ${link.primaOrderNumber} holds ${link.primaValueMinor} (minor units of ${o.currency}).`,
      });
    }
    if (o.refunded && link.creditNotes === 0 && link.manualRefunds === 0) {
      findings.push({
        ...withPrima,
        kind: 'refund_without_credit_note',
        primaMinor: link.creditedMinor,
        code: 'credit_note_manual',
        message: `Order ${o.orderNumber} was refunded in the store, but Prima order ${link.primaOrderNumber} has no credit note for it and none is waiting for a person.`,
      });
    }
  }

  for (const id of input.orphanLinkIds) {
    const link = links.get(id);
    if (!link) continue;
    findings.push({
      storefrontOrderId: id,
      storefrontOrderNumber: link.storefrontOrderNumber,
      primaOrderNumber: link.primaOrderNumber,
      kind: 'unknown_to_storefront',
      primaMinor: link.primaValueMinor,
      code: 'reconciliation_gap',
      message: `Prima Connect holds order ${link.storefrontOrderNumber}${link.state === 'posted' ? ` (Prima ${link.primaOrderNumber})` : ''}, but the store no longer has it.`,
    });
  }

  findings.sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.storefrontOrderNumber.localeCompare(b.storefrontOrderNumber),
  );
  return {
    tenantId: input.tenantId,
    day: input.day,
    currency: currencies.size === 1 ? ([...currencies][0] as string) : null,
    generatedAt: input.now,
    storeOrders: input.storeOrders.length,
    storeTotalMinor: storeTotal,
    inPrima,
    primaTotalMinor: primaTotal,
    findings,
    reconciled: findings.length === 0,
  };
}
