/**
 * Reply parsers, exactly as the logs show them (prima-omlink.md §1.6, §2): root `Result`; MultiNewOrder puts
 * RequestStatus on each `Data`; look-ups put it on `Result`; a request Prima cannot parse gets
 * RequestStatus="ERROR" on `Result` with a `RequestError` child; bulk stock rows are `sku`, list rows `SKU`.
 */
import type { PrimaStockRow } from '../model/index.js';
import { itemRef } from '../model/index.js';
import { ProblemError, problem } from '../monitor/problems.js';
import type { PostOrderResult } from '../ports.js';
import { ORDER_STATUS_ERROR_MEANS_NOT_FOUND, PRIMA_CODES } from './assumptions.js';
import {
  duplicateProblem,
  errorCodes,
  malformedRequestProblem,
  type PrimaError,
  parsePrimaErrors,
  rejectionProblems,
} from './errors.js';
import { child, type ParsedElement, parseDocument } from './xml.js';

export interface ResultHeader {
  company: string;
  requestType: string;
  /** "OK" / "ERROR" on `Result`; absent on MultiNewOrder replies, where each `Data` carries its own. */
  requestStatus?: string;
  /** Request-level errors (the `Error` attribute and any `RequestError` children of `Result`). */
  errors: PrimaError[];
}

export interface ParsedResult {
  header: ResultHeader;
  root: ParsedElement;
}

/** Errors on an element: its own `Error` attribute and its `RequestError` children, without repeats. */
function errorsOf(el: ParsedElement): PrimaError[] {
  const texts = [el.attrs.Error ?? '', ...child(el, 'RequestError').map((r) => r.attrs.Error ?? '')];
  const seen = new Set<string>();
  const out: PrimaError[] = [];
  for (const text of texts) {
    for (const e of parsePrimaErrors(text)) {
      const key = `${e.code}|${e.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(e);
      }
    }
  }
  return out;
}

const unreadableReply = (why: string): ProblemError =>
  new ProblemError(
    problem(
      'prima_unreachable',
      `Prima's reply could not be read (${why}).`,
      'Usually a passing network or server problem: the connector retries by itself. If it keeps happening, ask IT to check the Prima web service.',
      { kind: 'bad_reply' },
      true,
    ),
  );

/** Reads the `Result` root. Throws ProblemError(prima_unreachable) when the reply is not a Prima reply. */
export function parseResult(xml: string): ParsedResult {
  const doc = parseDocument(xml);
  if (!doc.ok) throw unreadableReply(`not well-formed XML: ${doc.reason}`);
  if (doc.name !== 'Result') throw unreadableReply(`expected a <Result> document, got <${doc.name}>`);
  const root = doc.root;
  const header: ResultHeader = {
    company: root.attrs.Company ?? '',
    requestType: root.attrs.RequestType ?? '',
    errors: errorsOf(root),
  };
  if (root.attrs.RequestStatus !== undefined) header.requestStatus = root.attrs.RequestStatus;
  return { header, root };
}

const isError = (status: string | undefined): boolean => (status ?? '').trim().toUpperCase() === 'ERROR';

/** Throws the request-level failure of a look-up reply (parse error 14586 or another whole-request error). */
function throwIfRequestFailed(parsed: ParsedResult, subject: string): void {
  if (!isError(parsed.header.requestStatus)) return;
  const errors = parsed.header.errors;
  if (errors.some((e) => e.code === PRIMA_CODES.saxParseError) || errors.length === 0) {
    throw new ProblemError(malformedRequestProblem(subject, errors));
  }
  throw new ProblemError(
    problem(
      'prima_rejected',
      `Prima refused the ${subject} request: ${errors.map((e) => e.message).join('; ')}.`,
      'Check the Prima connection settings (company) and the request; ask IT if it persists.',
      { primaCodes: errorCodes(errors).join(',') },
    ),
  );
}

/** MultiNewOrder: one outcome per order sent, in the order sent (matched on OrderNumber, §2.2). */
export function parseMultiNewOrderReply(xml: string, orderNumbers: string[]): PostOrderResult[] {
  const parsed = parseResult(xml);
  if (isError(parsed.header.requestStatus)) {
    // The whole request failed (e.g. 14586): every order in it is unposted.
    const errors = parsed.header.errors;
    return orderNumbers.map((orderNumber) => ({
      orderNumber,
      outcome: 'rejected',
      problems: rejectionProblems(orderNumber, errors),
      primaCodes: errorCodes(errors),
    }));
  }
  const byNumber = new Map<string, ParsedElement>();
  for (const data of child(parsed.root, 'Data')) {
    const n = (data.attrs.OrderNumber ?? '').trim();
    if (!byNumber.has(n)) byNumber.set(n, data);
  }
  return orderNumbers.map((orderNumber): PostOrderResult => {
    const data = byNumber.get(orderNumber);
    if (data === undefined) {
      return {
        orderNumber,
        outcome: 'rejected',
        problems: [
          problem(
            'prima_rejected',
            `Prima's reply did not mention order ${orderNumber}.`,
            'Retry the order: if Prima did take it, the retry is refused as a duplicate and the connector verifies it.',
            { orderNumber },
            true,
          ),
        ],
        primaCodes: [],
      };
    }
    if (!isError(data.attrs.RequestStatus)) {
      return { orderNumber, outcome: 'accepted', customerCode: (data.attrs.CustomerCode ?? '').trim() };
    }
    const errors = errorsOf(data);
    if (errors.some((e) => e.code === PRIMA_CODES.duplicate)) {
      return { orderNumber, outcome: 'duplicate', problem: duplicateProblem(orderNumber, errors) };
    }
    return {
      orderNumber,
      outcome: 'rejected',
      problems: rejectionProblems(orderNumber, errors),
      primaCodes: errorCodes(errors),
    };
  });
}

/** OrderStatus: the raw status text, or null when Prima does not know the order (§2.3). */
export function parseOrderStatusReply(xml: string): { rawStatus: string; data: ParsedElement } | null {
  const parsed = parseResult(xml);
  if (isError(parsed.header.requestStatus)) {
    if (parsed.header.errors.some((e) => e.code === PRIMA_CODES.saxParseError)) {
      throw new ProblemError(malformedRequestProblem('order status', parsed.header.errors));
    }
    if (ORDER_STATUS_ERROR_MEANS_NOT_FOUND) return null;
    throwIfRequestFailed(parsed, 'OrderStatus');
  }
  const data = child(parsed.root, 'Data')[0];
  if (data === undefined) return null;
  return { rawStatus: (data.attrs.OrderStatus ?? '').trim(), data };
}

/** dd/mm/yyyy -> yyyy-mm-dd; anything else -> undefined (dates are hints only). */
export function isoFromPrimaDate(value: string | undefined): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value ?? '');
  if (!m) return undefined;
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

function stockRow(el: ParsedElement): PrimaStockRow | undefined {
  const a = el.attrs;
  const product = (a.Product ?? '').trim();
  const quantity = Number.parseInt((a.AvailableQuantity ?? '').trim(), 10);
  if (product === '' || !Number.isFinite(quantity)) return undefined;
  const row: PrimaStockRow = {
    item: itemRef(product, a.MtrxCode1 ?? '', a.MtrxCode2 ?? '', a.MtrxCode3 ?? '', a.MtrxCode4 ?? ''),
    available: Math.max(0, quantity),
  };
  const date = isoFromPrimaDate(a.AvailableDate);
  if (date !== undefined) row.availableDate = date;
  return row;
}

/**
 * Available-to-sell rows. ProductAvailableToSell answers with lower-case `sku` rows, MultiAvailableToSell
 * with upper-case `SKU` (§2.4, §2.5); rows under the other spelling are read too, in document order.
 */
export function parseAvailableToSellReply(xml: string, rowElement: 'sku' | 'SKU'): PrimaStockRow[] {
  const parsed = parseResult(xml);
  throwIfRequestFailed(parsed, rowElement === 'sku' ? 'ProductAvailableToSell' : 'MultiAvailableToSell');
  const rows: PrimaStockRow[] = [];
  const other = rowElement === 'sku' ? 'SKU' : 'sku';
  for (const data of child(parsed.root, 'Data')) {
    for (const name of [rowElement, other]) {
      for (const el of child(data, name)) {
        const row = stockRow(el);
        if (row !== undefined) rows.push(row);
      }
    }
  }
  return rows;
}

export { errorsOf, throwIfRequestFailed };
