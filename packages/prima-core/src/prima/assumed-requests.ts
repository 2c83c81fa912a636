/**
 * ASSUMED REQUESTS: request types Prima's public material does not show (prima-omlink.md: "where this page
 * says nothing"). Each has ONE builder and ONE reply reader here, and the sandbox implements the same shape.
 * Every name below (request types, attributes, elements) is our guess, to confirm with the customer's Prima
 * ("To confirm with your Prima" in packages/prima-core/README.md). The envelope follows the known requests:
 * `Request/@RequestType`, one `Data` with attributes, repeating children; reply `Result` with RequestStatus.
 */
import type { Dispatch, ItemRef, PrimaContact } from '../model/index.js';
import type { PrimaCreditNoteRequest, PrimaJournalRequest } from '../ports.js';
import { wireAmount } from './amounts.js';
import { formatPrimaDate, yesNo } from './assumptions.js';
import type { PrimaError } from './errors.js';
import { errorsOf, isoFromPrimaDate, parseResult } from './replies.js';
import { itemAttributes } from './requests.js';
import { type BuiltXml, buildDocument, child, Latin1Collector } from './xml.js';

export const ASSUMED_REQUEST_TYPES = {
  dispatchDetail: 'OrderDespatchDetail',
  cancelOrder: 'CancelOrder',
  amendDelivery: 'AmendOrderDelivery',
  creditNote: 'NewCreditNote',
  journal: 'NewJournal',
} as const;

/** The error code the sandbox (and, we assume, Prima) uses when an order is past the warehouse cut-off. */
export const ASSUMED_CUTOFF_CODE = 'E:1052';

/** OrderDespatchDetail: every despatch of an order, with carrier, tracking and the lines it carried. */
export function buildDispatchDetailRequest(orderNumber: string): BuiltXml {
  const c = new Latin1Collector();
  return buildDocument(
    'Request',
    {
      '@': { RequestType: ASSUMED_REQUEST_TYPES.dispatchDetail },
      Data: { '@': c.attrs({ OrderNumber: orderNumber }) },
    },
    c,
  );
}

/**
 * Reply: `Result RequestStatus="OK"` / `Data OrderNumber` / `Despatch DespatchNo DespatchDate Carrier CarrServ
 * TrackingNo TrackingURL` / `DespatchLine OrderLine Product MtrxCode1..4 Quantity`.
 */
export function parseDispatchDetailReply(
  xml: string,
): { ok: true; dispatches: Dispatch[] } | { ok: false; errors: PrimaError[] } {
  const parsed = parseResult(xml);
  if ((parsed.header.requestStatus ?? '').toUpperCase() === 'ERROR')
    return { ok: false, errors: parsed.header.errors };
  const dispatches: Dispatch[] = [];
  for (const data of child(parsed.root, 'Data')) {
    for (const d of child(data, 'Despatch')) {
      const a = d.attrs;
      const date = isoFromPrimaDate(a.DespatchDate);
      const dispatch: Dispatch = {
        dispatchId: (a.DespatchNo ?? '').trim(),
        dispatchedAt: date !== undefined ? `${date}T00:00:00.000Z` : '',
        carrier: (a.Carrier ?? '').trim(),
        lines: child(d, 'DespatchLine').map((l) => ({
          lineNo: Number.parseInt(l.attrs.OrderLine ?? '0', 10),
          quantity: Number.parseInt(l.attrs.Quantity ?? '0', 10),
        })),
      };
      if (a.CarrServ) dispatch.service = a.CarrServ;
      if (a.TrackingNo) dispatch.trackingNumber = a.TrackingNo;
      if (a.TrackingURL) dispatch.trackingUrl = a.TrackingURL;
      if (dispatch.dispatchId !== '') dispatches.push(dispatch);
    }
  }
  return { ok: true, dispatches };
}

/** CancelOrder: the whole order, or only some quantities of some lines (`CancelLine`). */
export function buildCancelOrderRequest(
  orderNumber: string,
  lines?: { lineNo: number; quantity: number }[],
): BuiltXml {
  const c = new Latin1Collector();
  const data = {
    '@': c.attrs({
      OrderNumber: orderNumber,
      CancelWholeOrder: yesNo(lines === undefined || lines.length === 0),
    }),
    CancelLine: (lines ?? []).map((l) => ({
      '@': { OrderLine: String(l.lineNo), Quantity: String(l.quantity) },
    })),
  };
  return buildDocument('Request', { '@': { RequestType: ASSUMED_REQUEST_TYPES.cancelOrder }, Data: data }, c);
}

/** AmendOrderDelivery: replaces the delivery contact and address, same attribute names as MultiNewOrder's Data. */
export function buildAmendDeliveryRequest(orderNumber: string, d: PrimaContact): BuiltXml {
  const c = new Latin1Collector();
  const lines = [...d.addressLines.slice(0, 5), d.addressLines.slice(5).join(', ')];
  const attrs: Record<string, string> = {
    OrderNumber: orderNumber,
    CustomerTitle: d.title,
    CustomerForename: d.forename,
    CustomerSurname: d.surname,
  };
  for (let i = 0; i < 6; i++) attrs[`AddrLine${i + 1}`] = lines[i] ?? '';
  Object.assign(attrs, {
    PostCode: d.postcode,
    Country: d.country.toUpperCase(),
    CustomerEmail: d.email,
    CustomerPhone: d.phone,
    CustomerMobile: d.mobile,
    DeliveryFAO: d.fao,
  });
  return buildDocument(
    'Request',
    { '@': { RequestType: ASSUMED_REQUEST_TYPES.amendDelivery }, Data: { '@': c.attrs(attrs) } },
    c,
  );
}

const lineItem = (item: ItemRef): Record<string, string> => itemAttributes(item);

/** NewCreditNote against an order: `CreditLine` per refunded line, `CreditCharge` per refunded charge. */
export function buildCreditNoteRequest(r: PrimaCreditNoteRequest): BuiltXml {
  const c = new Latin1Collector();
  const cur = r.currency;
  const data = {
    '@': c.attrs({
      OrderNumber: r.orderNumber,
      CreditReference: r.creditReference,
      Currency: cur,
      CreditTotal: wireAmount(r.totalMinor, cur),
      Reason: r.reason,
    }),
    CreditLine: r.lines.map((l) => ({
      '@': c.attrs({
        OrderLine: String(l.lineNo),
        ...lineItem(l.item),
        Quantity: String(l.quantity),
        Value: wireAmount(l.amountMinor, cur),
        Restock: yesNo(l.restock),
      }),
    })),
    CreditCharge: r.charges.map((ch) => ({
      '@': c.attrs({ Charge: ch.code, ChargeValue: wireAmount(ch.amountMinor, cur) }),
    })),
  };
  return buildDocument('Request', { '@': { RequestType: ASSUMED_REQUEST_TYPES.creditNote }, Data: data }, c);
}

/** NewJournal: a balanced summary journal (payouts), one `JournalLine` per nominal. */
export function buildJournalRequest(r: PrimaJournalRequest): BuiltXml {
  const c = new Latin1Collector();
  const cur = r.currency;
  const data = {
    '@': c.attrs({ Reference: r.reference, JournalDate: formatPrimaDate(r.date), Currency: cur }),
    JournalLine: r.lines.map((l) => ({
      '@': c.attrs({
        Nominal: l.nominal,
        Description: l.description,
        Debit: wireAmount(l.debitMinor, cur),
        Credit: wireAmount(l.creditMinor, cur),
      }),
    })),
  };
  return buildDocument('Request', { '@': { RequestType: ASSUMED_REQUEST_TYPES.journal }, Data: data }, c);
}

/** Reply to cancel / amend / credit note / journal: OK with an optional reference, or the errors. */
export function parseActionReply(
  xml: string,
): { ok: true; reference?: string } | { ok: false; errors: PrimaError[] } {
  const parsed = parseResult(xml);
  const data = child(parsed.root, 'Data')[0];
  const status = parsed.header.requestStatus ?? data?.attrs.RequestStatus ?? '';
  if (status.toUpperCase() !== 'OK') {
    const errors = [...parsed.header.errors, ...(data ? errorsOf(data) : [])];
    return { ok: false, errors };
  }
  const reference = data?.attrs.CreditNoteNumber ?? data?.attrs.JournalNumber ?? data?.attrs.Reference;
  return reference ? { ok: true, reference } : { ok: true };
}
