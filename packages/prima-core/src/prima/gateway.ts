/**
 * The PrimaGateway port over OMLink: builds each request, sends it through the WSDL-driven transport and
 * reads the reply. Business outcomes come back as values; transport failures throw
 * ProblemError(prima_unreachable) with `retryable` set for outages.
 */
import type {
  ItemRef,
  PrimaContact,
  PrimaOrderStatus,
  PrimaSalesOrder,
  PrimaStockRow,
} from '../model/index.js';
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import type {
  Logger,
  PostOrderResult,
  PrimaActionResult,
  PrimaCreditNoteRequest,
  PrimaGateway,
  PrimaJournalRequest,
} from '../ports.js';
import {
  ASSUMED_CUTOFF_CODE,
  buildAmendDeliveryRequest,
  buildCancelOrderRequest,
  buildCreditNoteRequest,
  buildDispatchDetailRequest,
  buildJournalRequest,
  parseActionReply,
  parseDispatchDetailReply,
} from './assumed-requests.js';
import { MAX_ORDERS_PER_CALL, PING_ORDER_NUMBER, stateFromStatusText } from './assumptions.js';
import { errorCodes, type PrimaError, primaWords } from './errors.js';
import { TransportError } from './http.js';
import {
  parseAvailableToSellReply,
  parseMultiNewOrderReply,
  parseOrderStatusReply,
  parseResult,
} from './replies.js';
import {
  buildMultiAvailableToSellRequest,
  buildMultiNewOrderRequest,
  buildOrderStatusRequest,
  buildProductAvailableToSellRequest,
  type MultiNewOrderOptions,
} from './requests.js';
import { PrimaTransport, type TransportOptions } from './transport.js';
import { transportProblemError } from './transport-problems.js';
import type { BuiltXml } from './xml.js';

export interface PrimaGatewayOptions extends TransportOptions {
  orders?: MultiNewOrderOptions & { maxOrdersPerCall?: number };
  /** MultiAvailableToSell list size per call (the logs show up to 17 per call answered in order). */
  maxSkusPerCall?: number;
}

export interface OmlinkGateway extends PrimaGateway {
  readonly transport: PrimaTransport;
  /** Sends any inner request document and returns Prima's reply document (diagnostics, the CLI). */
  exchange(built: BuiltXml, label: string): Promise<string>;
}

export function createPrimaGateway(options: PrimaGatewayOptions): OmlinkGateway {
  const transport = new PrimaTransport(options);
  const logger: Logger | undefined = options.logger;
  const perCall = Math.max(1, Math.min(options.orders?.maxOrdersPerCall ?? MAX_ORDERS_PER_CALL, 100));
  const skusPerCall = Math.max(1, options.maxSkusPerCall ?? 100);

  async function exchange(built: BuiltXml, label: string): Promise<string> {
    if (built.substitutions.length > 0) {
      // Characters Prima cannot take (ISO-8859-1): recorded, never silently.
      logger?.warn(
        {
          request: label,
          substitutions: built.substitutions
            .map((s) => `${s.original}->${s.replacement || '(dropped)'}`)
            .join(' '),
        },
        'text adapted to ISO-8859-1 for Prima',
      );
    }
    try {
      const result = await transport.call(built.xml);
      return result.xml;
    } catch (err) {
      if (err instanceof TransportError) throw transportProblemError(err);
      throw err;
    }
  }

  function actionResult(
    reply: ReturnType<typeof parseActionReply>,
    onError: (errors: PrimaError[]) => Problem,
  ): PrimaActionResult {
    if (reply.ok)
      return reply.reference === undefined
        ? { ok: true, problems: [] }
        : { ok: true, problems: [], reference: reply.reference };
    return { ok: false, problems: [onError(reply.errors)] };
  }

  const isPastCutoff = (errors: PrimaError[]): boolean =>
    errors.some(
      (e) =>
        e.code === ASSUMED_CUTOFF_CODE || /released|despatched|dispatched|picked|cut-?off/i.test(e.message),
    );

  function changeRefused(what: string, orderNumber: string, errors: PrimaError[]): Problem {
    const detail = { orderNumber, primaCodes: errorCodes(errors).join(','), prima: primaWords(errors) };
    if (isPastCutoff(errors)) {
      return problem(
        'cutoff_passed',
        `Prima did not ${what} order ${orderNumber}: it has already been released to the warehouse.`,
        'Contact the warehouse directly to stop or change the parcel, then resolve this exception.',
        detail,
      );
    }
    return problem(
      'prima_rejected',
      `Prima did not ${what} order ${orderNumber}: ${primaWords(errors) || 'no reason given'}.`,
      `Make the change in Prima by hand, then resolve this exception.`,
      detail,
    );
  }

  return {
    transport,
    exchange,

    async ping() {
      try {
        const xml = await exchange(buildOrderStatusRequest(PING_ORDER_NUMBER), 'ping');
        return { ok: true, company: parseResult(xml).header.company };
      } catch (err) {
        if (err instanceof ProblemError) return { ok: false, problem: err.problem };
        throw err;
      }
    },

    async postOrders(orders: PrimaSalesOrder[]): Promise<PostOrderResult[]> {
      const results: PostOrderResult[] = [];
      for (let i = 0; i < orders.length; i += perCall) {
        const batch = orders.slice(i, i + perCall);
        const xml = await exchange(buildMultiNewOrderRequest(batch, options.orders), 'MultiNewOrder');
        results.push(
          ...parseMultiNewOrderReply(
            xml,
            batch.map((o) => o.orderNumber),
          ),
        );
      }
      return results;
    },

    async getOrderStatus(orderNumber: string): Promise<PrimaOrderStatus | null> {
      const reply = parseOrderStatusReply(
        await exchange(buildOrderStatusRequest(orderNumber), 'OrderStatus'),
      );
      if (reply === null) return null;
      const state = stateFromStatusText(reply.rawStatus);
      const status: PrimaOrderStatus = { orderNumber, state, rawStatus: reply.rawStatus, dispatches: [] };
      if (state === 'part_despatched' || state === 'despatched') {
        // Assumed request: a Prima without it answers ERROR, and the order simply shows no tracking yet.
        const detail = parseDispatchDetailReply(
          await exchange(buildDispatchDetailRequest(orderNumber), 'OrderDespatchDetail'),
        );
        if (detail.ok) status.dispatches = detail.dispatches;
        else
          logger?.warn(
            { orderNumber, prima: primaWords(detail.errors) },
            'dispatch detail not available from Prima',
          );
      }
      return status;
    },

    async availableToSell(range?: { from: string; to: string }): Promise<PrimaStockRow[]> {
      return parseAvailableToSellReply(
        await exchange(buildProductAvailableToSellRequest(range), 'ProductAvailableToSell'),
        'sku',
      );
    },

    async availableToSellFor(items: ItemRef[]): Promise<PrimaStockRow[]> {
      const rows: PrimaStockRow[] = [];
      for (let i = 0; i < items.length; i += skusPerCall) {
        const xml = await exchange(
          buildMultiAvailableToSellRequest(items.slice(i, i + skusPerCall)),
          'MultiAvailableToSell',
        );
        rows.push(...parseAvailableToSellReply(xml, 'SKU'));
      }
      return rows;
    },

    async cancelOrder(orderNumber, lines) {
      const reply = parseActionReply(
        await exchange(buildCancelOrderRequest(orderNumber, lines), 'CancelOrder'),
      );
      return actionResult(reply, (errors) => changeRefused('cancel', orderNumber, errors));
    },

    async amendDelivery(orderNumber: string, delivery: PrimaContact) {
      const reply = parseActionReply(
        await exchange(buildAmendDeliveryRequest(orderNumber, delivery), 'AmendOrderDelivery'),
      );
      return actionResult(reply, (errors) =>
        changeRefused('change the delivery address of', orderNumber, errors),
      );
    },

    async createCreditNote(request: PrimaCreditNoteRequest) {
      const reply = parseActionReply(await exchange(buildCreditNoteRequest(request), 'NewCreditNote'));
      return actionResult(reply, (errors) =>
        problem(
          'credit_note_manual',
          `Prima did not create the credit note ${request.creditReference} for order ${request.orderNumber}: ${primaWords(errors) || 'no reason given'}.`,
          'Raise the credit note in Prima by hand, then resolve this exception.',
          { orderNumber: request.orderNumber, primaCodes: errorCodes(errors).join(',') },
        ),
      );
    },

    async postJournal(request: PrimaJournalRequest) {
      const reply = parseActionReply(await exchange(buildJournalRequest(request), 'NewJournal'));
      return actionResult(reply, (errors) =>
        problem(
          'payout_mismatch',
          `Prima did not post the journal ${request.reference}: ${primaWords(errors) || 'no reason given'}.`,
          'Post the payout journal in Prima by hand, then resolve this exception.',
          { reference: request.reference, primaCodes: errorCodes(errors).join(',') },
        ),
      );
    },
  };
}
