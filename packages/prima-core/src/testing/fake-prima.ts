/**
 * An in-memory PrimaGateway with Prima's business rules as far as they are known (see
 * ../shared/prima-omlink.md): a second order with the same number is refused with E:21, lines naming an
 * item Prima does not hold are rejected (E:194), a VAT-mode mismatch with the price book is E:548,
 * orders move through statuses and dispatches, and accepted orders take stock out of available-to-sell.
 *
 * Failure switches: an outage (every call throws prima_unreachable), a number of failing calls, and
 * "accept then throw": Prima stores the order but the caller never hears the OK, which is exactly a crash
 * between Prima's reply and our commit.
 */

import type {
  Dispatch,
  ItemRef,
  PrimaOrderState,
  PrimaOrderStatus,
  PrimaSalesOrder,
  PrimaStockRow,
} from '../model/index.js';
import { itemKey } from '../model/index.js';
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import type {
  PostOrderResult,
  PrimaActionResult,
  PrimaCreditNoteRequest,
  PrimaGateway,
  PrimaJournalRequest,
} from '../ports.js';

export type PrimaMethod = keyof PrimaGateway;

export interface FakePrimaOrder {
  order: PrimaSalesOrder;
  customerCode: string;
  state: PrimaOrderState;
  rawStatus: string;
  dispatches: Dispatch[];
  cancelled: boolean;
}

export interface FakePrima extends PrimaGateway {
  readonly orders: Map<string, FakePrimaOrder>;
  readonly creditNotes: PrimaCreditNoteRequest[];
  readonly journals: PrimaJournalRequest[];
  readonly amendments: { orderNumber: string; delivery: PrimaSalesOrder['delivery'] }[];
  /** Partial cancellations received (Prima line numbers and quantities). */
  readonly lineCancellations: { orderNumber: string; lines: { lineNo: number; quantity: number }[] }[];
  readonly calls: Record<PrimaMethod, number>;
  /** Items Prima holds, with their available-to-sell figure. */
  setStock(item: ItemRef, available: number): void;
  stockOf(item: ItemRef): number | undefined;
  setStatus(orderNumber: string, state: PrimaOrderState, rawStatus?: string): void;
  addDispatch(orderNumber: string, dispatch: Dispatch, state?: PrimaOrderState): void;
  /** Every call throws prima_unreachable while true. */
  setOutage(down: boolean): void;
  /** The next `times` postOrders calls store the orders, then throw as if the reply was lost. */
  acceptThenThrow(times?: number): void;
  /** The next `times` calls of `method` throw prima_unreachable. */
  failNext(method: PrimaMethod, times?: number): void;
  /** The price book's VAT mode; orders with another mode are rejected with E:548. Undefined: not checked. */
  priceBookVatInclusive?: boolean;
  /** Whether this Prima takes the (assumed) credit note request at all. */
  supportsCreditNotes: boolean;
}

const RAW_STATUS: Record<PrimaOrderState, string> = {
  entered: 'Entered',
  allocated: 'Allocated',
  released: 'Released',
  part_despatched: 'Part Despatched',
  despatched: 'Despatched',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};
const BEFORE_CUTOFF: PrimaOrderState[] = ['entered', 'allocated'];

function unreachable(): ProblemError {
  return new ProblemError(
    problem(
      'prima_unreachable',
      'Prima did not answer.',
      'Nothing to do: the connector retries on its own. If it lasts, check the Prima server.',
    ),
  );
}

export function createFakePrima(opts: { company?: string } = {}): FakePrima {
  const company = opts.company ?? '1';
  const orders = new Map<string, FakePrimaOrder>();
  const stock = new Map<string, PrimaStockRow>();
  const creditNotes: PrimaCreditNoteRequest[] = [];
  const journals: PrimaJournalRequest[] = [];
  const amendments: FakePrima['amendments'] = [];
  const lineCancellations: FakePrima['lineCancellations'] = [];
  const failing = new Map<PrimaMethod, number>();
  const calls: Record<PrimaMethod, number> = {
    ping: 0,
    postOrders: 0,
    getOrderStatus: 0,
    availableToSell: 0,
    availableToSellFor: 0,
    cancelOrder: 0,
    amendDelivery: 0,
    createCreditNote: 0,
    postJournal: 0,
  };
  let outage = false;
  let acceptThenThrowLeft = 0;
  let customerSeq = 0;
  let creditSeq = 0;

  function enter(method: PrimaMethod): void {
    calls[method]++;
    if (outage) throw unreachable();
    const left = failing.get(method) ?? 0;
    if (left > 0) {
      failing.set(method, left - 1);
      throw unreachable();
    }
  }

  function postOne(o: PrimaSalesOrder): PostOrderResult {
    if (orders.has(o.orderNumber)) {
      return {
        orderNumber: o.orderNumber,
        outcome: 'duplicate',
        problem: problem(
          'prima_duplicate',
          `Prima already holds order ${o.orderNumber}.`,
          'The connector checks the order in Prima; nothing to do unless this stays open.',
          { primaCode: 'E:21' },
        ),
      };
    }
    const problems: Problem[] = [];
    const codes: string[] = [];
    if (fake.priceBookVatInclusive !== undefined && fake.priceBookVatInclusive !== o.vatInclusive) {
      codes.push('E:548');
      problems.push(
        problem(
          'vat_mode_mismatch',
          `Prima's price book VAT setting differs from order ${o.orderNumber}.`,
          'Align the VAT-inclusive setting with Prima.',
          {
            primaCode: 'E:548',
          },
        ),
      );
    }
    for (const line of o.lines) {
      if (!stock.has(itemKey(line.item))) {
        codes.push('E:194');
        problems.push(
          problem(
            'prima_rejected',
            `Prima does not know item ${line.item.product} on line ${line.lineNo}.`,
            'Check the SKU mapping for this product.',
            {
              primaCode: 'E:194',
              product: line.item.product,
            },
          ),
        );
      }
    }
    if (problems.length > 0)
      return { orderNumber: o.orderNumber, outcome: 'rejected', problems, primaCodes: [...new Set(codes)] };
    customerSeq++;
    const customerCode = o.customerCode || `C${String(customerSeq).padStart(9, '0')}`;
    orders.set(o.orderNumber, {
      order: structuredClone(o),
      customerCode,
      state: 'entered',
      rawStatus: RAW_STATUS.entered,
      dispatches: [],
      cancelled: false,
    });
    // Prima allocates: the order's units leave available-to-sell.
    for (const line of o.lines) {
      const row = stock.get(itemKey(line.item));
      if (row) row.available = Math.max(0, row.available - line.quantity);
    }
    return { orderNumber: o.orderNumber, outcome: 'accepted', customerCode };
  }

  function refuse(message: string): PrimaActionResult {
    return { ok: false, problems: [problem('prima_rejected', message, 'Make the change in Prima by hand.')] };
  }

  const fake: FakePrima = {
    orders,
    creditNotes,
    journals,
    amendments,
    lineCancellations,
    calls,
    supportsCreditNotes: true,

    async ping() {
      enter('ping');
      return { ok: true, company };
    },

    async postOrders(list) {
      enter('postOrders');
      const results = list.map(postOne);
      if (acceptThenThrowLeft > 0) {
        acceptThenThrowLeft--;
        throw unreachable();
      }
      return results;
    },

    async getOrderStatus(orderNumber): Promise<PrimaOrderStatus | null> {
      enter('getOrderStatus');
      const o = orders.get(orderNumber);
      if (!o) return null;
      return {
        orderNumber,
        state: o.state,
        rawStatus: o.rawStatus,
        dispatches: structuredClone(o.dispatches),
      };
    },

    async availableToSell(range) {
      enter('availableToSell');
      const from = range?.from.toUpperCase() ?? '';
      const to = range?.to.toUpperCase() ?? '';
      return [...stock.values()]
        .filter((r) => {
          const p = r.item.product.toUpperCase();
          return (from === '' || p >= from) && (to === '' || p <= to);
        })
        .map((r) => structuredClone(r));
    },

    async availableToSellFor(items) {
      enter('availableToSellFor');
      return items.flatMap((i) => {
        const r = stock.get(itemKey(i));
        return r ? [structuredClone(r)] : [];
      });
    },

    async cancelOrder(orderNumber, lines) {
      enter('cancelOrder');
      const o = orders.get(orderNumber);
      if (!o) return refuse(`Prima does not hold order ${orderNumber}.`);
      if (o.state === 'cancelled') return { ok: true, problems: [] };
      if (!BEFORE_CUTOFF.includes(o.state))
        return refuse(`Order ${orderNumber} is ${o.rawStatus} in Prima and can no longer be cancelled.`);
      if (lines && lines.length > 0) {
        // Part of the order: those quantities come off their lines; the order stays open while any remain.
        for (const c of lines) {
          const line = o.order.lines.find((l) => l.lineNo === c.lineNo);
          if (!line) return refuse(`Order ${orderNumber} has no line ${c.lineNo}.`);
          line.quantity -= Math.min(c.quantity, line.quantity);
        }
        lineCancellations.push({ orderNumber, lines: structuredClone(lines) });
        if (o.order.lines.some((l) => l.quantity > 0)) return { ok: true, problems: [] };
      }
      o.state = 'cancelled';
      o.rawStatus = RAW_STATUS.cancelled;
      o.cancelled = true;
      return { ok: true, problems: [] };
    },

    async amendDelivery(orderNumber, delivery) {
      enter('amendDelivery');
      const o = orders.get(orderNumber);
      if (!o) return refuse(`Prima does not hold order ${orderNumber}.`);
      if (!BEFORE_CUTOFF.includes(o.state))
        return refuse(`Order ${orderNumber} is ${o.rawStatus} in Prima; its address can no longer change.`);
      o.order = { ...o.order, delivery: structuredClone(delivery) };
      amendments.push({ orderNumber, delivery: structuredClone(delivery) });
      return { ok: true, problems: [] };
    },

    async createCreditNote(request) {
      enter('createCreditNote');
      if (!fake.supportsCreditNotes)
        return refuse('This Prima does not accept credit notes through the web service.');
      if (!orders.has(request.orderNumber))
        return refuse(`Prima does not hold order ${request.orderNumber}.`);
      const previous = creditNotes.findIndex((c) => c.creditReference === request.creditReference);
      if (previous >= 0)
        return { ok: true, problems: [], reference: `CN${String(previous + 1).padStart(6, '0')}` };
      creditNotes.push(structuredClone(request));
      creditSeq = creditNotes.length;
      return { ok: true, problems: [], reference: `CN${String(creditSeq).padStart(6, '0')}` };
    },

    async postJournal(request) {
      enter('postJournal');
      journals.push(structuredClone(request));
      return { ok: true, problems: [], reference: `J${journals.length}` };
    },

    setStock(item, available) {
      stock.set(itemKey(item), { item: structuredClone(item), available });
    },
    stockOf(item) {
      return stock.get(itemKey(item))?.available;
    },
    setStatus(orderNumber, state, rawStatus) {
      const o = orders.get(orderNumber);
      if (!o) throw new Error(`fake Prima: no order ${orderNumber}`);
      o.state = state;
      o.rawStatus = rawStatus ?? RAW_STATUS[state];
    },
    addDispatch(orderNumber, dispatch, state = 'despatched') {
      const o = orders.get(orderNumber);
      if (!o) throw new Error(`fake Prima: no order ${orderNumber}`);
      o.dispatches.push(structuredClone(dispatch));
      o.state = state;
      o.rawStatus = RAW_STATUS[state];
    },
    setOutage(down) {
      outage = down;
    },
    acceptThenThrow(times = 1) {
      acceptThenThrowLeft = times;
    },
    failNext(method, times = 1) {
      failing.set(method, times);
    },
  };
  return fake;
}
