/**
 * The sandbox's Prima: reads one inner OMLink request document and answers as the logged Prima does
 * (prima-omlink.md): `Result` root, RequestStatus on each `Data` for MultiNewOrder and on `Result` for
 * look-ups, `(E:nnn)` messages separated by new lines with DEV MODE tails, 14586 for unreadable XML,
 * lower-case `sku` rows in bulk replies and upper-case `SKU` rows in list replies. The request types
 * Prima's public material does not show are implemented in the shape prima-core's assumed-requests.ts sends.
 */
import { type ItemRef, itemRef, parseMinor } from '@prima-connect/prima-core';
import { SandboxError, type SandboxOrder, type SandboxOrderLine, type SandboxState } from './state.js';
import { buildXml, childrenNamed, type Element, type Node, parseXml } from './xml.js';

const TRACES: Readonly<Record<string, string>> = {
  'E:21': 'E:Exist1',
  'E:548': 'E:VATINCORD',
  'E:194': 'E:NOVALID',
};

/** One Prima message: "(E:nnn) text" plus, on a DEV MODE system, the ABL call stack. */
function message(state: SandboxState, code: string, text: string): string {
  const head = `(${code}) ${text}`;
  if (!state.settings.devModeTraces) return head;
  return `${head} DEV MODE Stack Trace (Msg - ${TRACES[code] ?? code}): sop/wsomhandler.p (wsomhandler) imp/procorders.p (ProcessOrder) lib/xmlutil2.p (EndElement)`;
}

const joinMessages = (messages: string[]): string => messages.join('\n');

function result(
  state: SandboxState,
  requestType: string,
  attrs: Record<string, string>,
  body: Node = {},
): string {
  return buildXml('Result', {
    '@': { Company: state.settings.company, RequestType: requestType, ...attrs },
    ...body,
  });
}

function requestError(state: SandboxState, requestType: string, error: string): string {
  return result(
    state,
    requestType,
    { RequestStatus: 'ERROR', Error: error },
    { RequestError: { '@': { Error: error } } },
  );
}

const SAX_ERROR = (why: string): string =>
  `The XML may be invalid or may contain invalid characters. SAX parser error: ${why} (14586)`;

export interface OmlinkOutcome {
  reply: string;
  requestType: string;
  ok: boolean;
}

/** Handles one request document for a company; never throws for bad input (Prima answers instead). */
export function handleOmlinkRequest(state: SandboxState, requestXml: string): OmlinkOutcome {
  const parsed = parseXml(requestXml);
  if ('error' in parsed)
    return { reply: requestError(state, '', SAX_ERROR(parsed.error)), requestType: '', ok: false };
  const root = parsed.root;
  const requestType = root.attrs.RequestType ?? '';
  if (root.name !== 'Request') {
    return {
      reply: requestError(state, requestType, SAX_ERROR(`unexpected root element ${root.name}`)),
      requestType,
      ok: false,
    };
  }
  switch (requestType) {
    case 'NewOrder':
    case 'MultiNewOrder':
      return multiNewOrder(state, root, requestType);
    case 'OrderStatus':
      return orderStatus(state, root);
    case 'ProductAvailableToSell':
      return productAvailableToSell(state, root);
    case 'MultiAvailableToSell':
      return multiAvailableToSell(state, root);
    case 'OrderDespatchDetail':
      return despatchDetail(state, root);
    case 'CancelOrder':
      return action(state, requestType, () => cancelOrder(state, root));
    case 'AmendOrderDelivery':
      return action(state, requestType, () => amendDelivery(state, root));
    case 'NewCreditNote':
      return action(state, requestType, () => creditNote(state, root));
    case 'NewJournal':
      return action(state, requestType, () => journal(state, root));
    default:
      return {
        reply: requestError(
          state,
          requestType,
          message(state, 'E:1', `Request type "${requestType}" is not supported.`),
        ),
        requestType,
        ok: false,
      };
  }
}

// ------------------------------------------------------------------ orders

const itemOf = (a: Record<string, string>): ItemRef =>
  itemRef(a.Product ?? '', a.MtrxCode1 ?? '', a.MtrxCode2 ?? '', a.MtrxCode3 ?? '', a.MtrxCode4 ?? '');

function amount(text: string | undefined, currency: string): number | undefined {
  if (text === undefined || text.trim() === '') return 0;
  const r = parseMinor(text.trim(), currency || 'GBP');
  return r.ok ? r.value : undefined;
}

function orderData(
  state: SandboxState,
  data: Element,
): { attrs: Record<string, string>; order?: SandboxOrder; errors: string[] } {
  const a = data.attrs;
  const orderNumber = (a.OrderNumber ?? '').trim();
  const echo = {
    CustRef: a.CustomerRef ?? '',
    CustomerCode: '',
    OrderNumber: orderNumber,
    TPGUID: a.TPGUID ?? '',
    UniqueID: a.UniqueId ?? '',
  };
  const errors: string[] = [];
  if (orderNumber === '') errors.push(message(state, 'E:12', 'Order number is required.'));
  if (state.orders.has(orderNumber)) {
    // As logged: E:21, then the header follow-on.
    errors.push(message(state, 'E:21', 'Sales order header already exists with this order number.'));
    errors.push(message(state, 'E:194', 'No valid sales-order header details for line.'));
    return { attrs: echo, errors };
  }
  const header = childrenNamed(data, 'OrderHeaderData')[0]?.attrs ?? {};
  const currency = (header.Currency ?? '').trim().toUpperCase() || 'GBP';
  const vatInclusive = (a.VatInclusive ?? 'Yes').trim().toLowerCase() === 'yes';
  const lineEls = childrenNamed(data, 'OrderLineData');
  const lines: SandboxOrderLine[] = [];
  const lineErrors: string[] = [];
  let vatMismatch = false;
  let matrixProblem = false;
  for (const el of lineEls) {
    const la = el.attrs;
    const lineNo = Number.parseInt(la.OrderLine ?? '', 10);
    const item = itemOf(la);
    const quantity = Number.parseInt(la.Quantity ?? '', 10);
    const price = amount(la.Price, currency);
    const known = state.findItem(item);
    if (!state.hasProduct(item.product)) {
      lineErrors.push(
        message(state, 'E:194', `Product ${item.product} does not exist (line ${la.OrderLine ?? '?'}).`),
      );
      continue;
    }
    if (!known) {
      matrixProblem = true;
      lineErrors.push(
        message(
          state,
          'E:194',
          `Matrix codes ${item.matrix.filter((m) => m !== '').join('/')} are not valid for product ${item.product} (line ${la.OrderLine ?? '?'}).`,
        ),
      );
      continue;
    }
    if (!Number.isInteger(lineNo) || !Number.isInteger(quantity) || quantity <= 0 || price === undefined) {
      lineErrors.push(
        message(state, 'E:194', `Line ${la.OrderLine ?? '?'} has an invalid line number, quantity or price.`),
      );
      continue;
    }
    if (vatInclusive !== state.settings.priceBookVatInclusive) {
      vatMismatch = true;
      continue;
    }
    const unitPriceMinor = state.settings.linePriceMeans === 'unit' ? price : Math.round(price / quantity);
    lines.push({
      lineNo,
      item: known.item,
      quantity,
      unitPriceMinor,
      warehouse: (la.Warehouse ?? '').trim(),
      nonStock: known.nonStock,
      despatched: 0,
      cancelled: 0,
    });
  }
  if (vatMismatch)
    errors.push(
      message(state, 'E:548', 'Price from price book has different VAT incl. prices setting to sales order.'),
    );
  errors.push(...lineErrors);
  if (errors.length > 0 || lines.length === 0) {
    // Any rejected line rejects the order (a half order is worse than none); follow-ons as logged.
    if (lines.length === 0)
      errors.push(message(state, 'E:194', `No valid order lines found for order ${orderNumber}.`));
    if (matrixProblem || vatMismatch)
      errors.push(message(state, 'E:194', 'No valid sales-order line details for matrix levels.'));
    if (childrenNamed(data, 'OrderChargeData').length > 0)
      errors.push(message(state, 'E:194', 'No valid sales-order header details for charges.'));
    return { attrs: echo, errors };
  }
  const charges: { code: string; amountMinor: number }[] = [];
  for (const c of childrenNamed(data, 'OrderChargeData')) {
    const v = amount(c.attrs.ChargeValue, currency);
    if ((c.attrs.Charge ?? '').trim() === '' && (v ?? 0) === 0) continue;
    if (v === undefined)
      return {
        attrs: echo,
        errors: [message(state, 'E:194', 'No valid sales-order header details for charges.')],
      };
    charges.push({ code: (c.attrs.Charge ?? '').trim(), amountMinor: v });
  }
  const payment = childrenNamed(data, 'OrderPaymentData')[0]?.attrs ?? {};
  const email = (a.CustomerEmail ?? '').trim();
  const delivery: Record<string, string> = {};
  for (const k of [
    'CustomerTitle',
    'CustomerForename',
    'CustomerSurname',
    'AddrLine1',
    'AddrLine2',
    'AddrLine3',
    'AddrLine4',
    'AddrLine5',
    'AddrLine6',
    'PostCode',
    'Country',
    'CustomerPhone',
    'DeliveryFAO',
  ]) {
    delivery[k] = a[k] ?? '';
  }
  const order: SandboxOrder = {
    orderNumber,
    tpguid: a.TPGUID ?? '',
    uniqueId: a.UniqueId ?? '',
    customerCode: state.customerFor(a.Customer ?? '', email),
    email,
    currency,
    vatInclusive,
    status: 'Entered',
    delivery,
    specialInstructions: header.SpecialInstructions ?? '',
    lines,
    charges,
    paymentMinor: amount(payment.TranAmount, currency) ?? 0,
    dispatches: [],
    createdAt: new Date().toISOString(),
  };
  return { attrs: { ...echo, CustomerCode: order.customerCode }, order, errors: [] };
}

function multiNewOrder(state: SandboxState, root: Element, requestType: string): OmlinkOutcome {
  const datas: Node[] = [];
  let allOk = true;
  // Prima calls its NewOrder routine as each Data closes: orders in one call are processed in turn.
  for (const data of childrenNamed(root, 'Data')) {
    const r = orderData(state, data);
    if (r.order) {
      state.acceptOrder(r.order);
      datas.push({ '@': { ...r.attrs, RequestStatus: 'OK' } });
    } else {
      allOk = false;
      const error = joinMessages(r.errors);
      datas.push({
        '@': { ...r.attrs, RequestStatus: 'ERROR' },
        RequestError: { '@': { UniqueID: r.attrs.UniqueID ?? '', Error: error } },
      });
    }
  }
  // No RequestStatus on the root for MultiNewOrder: each Data carries its own (§1.6).
  return { reply: result(state, requestType, {}, { Data: datas }), requestType, ok: allOk };
}

function orderStatus(state: SandboxState, root: Element): OmlinkOutcome {
  const orderNumber = (childrenNamed(root, 'Data')[0]?.attrs.OrderNumber ?? '').trim();
  const o = state.orders.get(orderNumber);
  if (!o)
    return {
      reply: requestError(
        state,
        'OrderStatus',
        message(state, 'E:40', `Sales order ${orderNumber} not found.`),
      ),
      requestType: 'OrderStatus',
      ok: false,
    };
  return {
    reply: result(
      state,
      'OrderStatus',
      { RequestStatus: 'OK' },
      { Data: { '@': { OrderNumber: o.orderNumber, OrderStatus: o.status } } },
    ),
    requestType: 'OrderStatus',
    ok: true,
  };
}

// ------------------------------------------------------------------ stock

function stockRow(
  state: SandboxState,
  it: { item: ItemRef; availableDate?: string } & Parameters<SandboxState['availableToSell']>[0],
): Record<string, string> {
  const qty = state.availableToSell(it);
  return {
    Product: it.item.product,
    MtrxCode1: it.item.matrix[0],
    MtrxCode2: it.item.matrix[1],
    MtrxCode3: it.item.matrix[2],
    MtrxCode4: it.item.matrix[3],
    AvailableQuantity: String(qty),
    // As logged: a due date appears only on rows with nothing to sell.
    AvailableDate: qty === 0 ? (it.availableDate ?? '') : '',
  };
}

function productAvailableToSell(state: SandboxState, root: Element): OmlinkOutcome {
  const a = childrenNamed(root, 'Data')[0]?.attrs ?? {};
  const from = (a.ProductFrom ?? '').trim().toUpperCase();
  const to = (a.ProductTo ?? '').trim().toUpperCase();
  const rows: Node[] = [];
  const items = [...state.items.values()]
    .filter((i) => !i.nonStock)
    .sort((x, y) => (x.item.product < y.item.product ? -1 : x.item.product > y.item.product ? 1 : 0));
  for (const it of items) {
    const p = it.item.product.toUpperCase();
    if (from !== '' && p < from) continue;
    if (to !== '' && p > to) continue;
    rows.push({ '@': stockRow(state, it) });
  }
  const truncate = state.faults.truncateAts;
  const kept = truncate?.mode === 'rows' ? rows.slice(0, Math.floor(rows.length * truncate.keepRatio)) : rows;
  let reply = result(state, 'ProductAvailableToSell', { RequestStatus: 'OK' }, { Data: { sku: kept } });
  if (truncate?.mode === 'bytes') reply = reply.slice(0, Math.floor(reply.length * truncate.keepRatio));
  return { reply, requestType: 'ProductAvailableToSell', ok: true };
}

function multiAvailableToSell(state: SandboxState, root: Element): OmlinkOutcome {
  const data = childrenNamed(root, 'Data')[0];
  const rows: Node[] = [];
  // As logged: exactly one row per SKU asked for, in request order; unknown SKUs show 0.
  for (const s of data ? childrenNamed(data, 'sku') : []) {
    const item = itemOf(s.attrs);
    const it = state.findItem(item);
    rows.push({
      '@': it
        ? stockRow(state, it)
        : {
            Product: item.product,
            MtrxCode1: item.matrix[0],
            MtrxCode2: item.matrix[1],
            MtrxCode3: item.matrix[2],
            MtrxCode4: item.matrix[3],
            AvailableQuantity: '0',
            AvailableDate: '',
          },
    });
  }
  return {
    reply: result(state, 'MultiAvailableToSell', { RequestStatus: 'OK' }, { Data: { SKU: rows } }),
    requestType: 'MultiAvailableToSell',
    ok: true,
  };
}

// ------------------------------------------------------------------ assumed request types

const primaDate = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
};

function despatchDetail(state: SandboxState, root: Element): OmlinkOutcome {
  const orderNumber = (childrenNamed(root, 'Data')[0]?.attrs.OrderNumber ?? '').trim();
  const o = state.orders.get(orderNumber);
  const type = 'OrderDespatchDetail';
  if (!o)
    return {
      reply: requestError(state, type, message(state, 'E:40', `Sales order ${orderNumber} not found.`)),
      requestType: type,
      ok: false,
    };
  const despatches: Node[] = o.dispatches.map((d) => ({
    '@': {
      DespatchNo: d.despatchNo,
      DespatchDate: primaDate(d.date),
      Carrier: d.carrier,
      CarrServ: d.service,
      TrackingNo: d.trackingNumber,
      TrackingURL: d.trackingUrl,
    },
    DespatchLine: d.lines.map((l) => {
      const line = o.lines.find((x) => x.lineNo === l.lineNo);
      const m = line?.item.matrix ?? ['', '', '', ''];
      return {
        '@': {
          OrderLine: String(l.lineNo),
          Product: line?.item.product ?? '',
          MtrxCode1: m[0],
          MtrxCode2: m[1],
          MtrxCode3: m[2],
          MtrxCode4: m[3],
          Quantity: String(l.quantity),
        },
      };
    }),
  }));
  const reply = result(
    state,
    type,
    { RequestStatus: 'OK' },
    { Data: { '@': { OrderNumber: o.orderNumber, OrderStatus: o.status }, Despatch: despatches } },
  );
  return { reply, requestType: type, ok: true };
}

/** Runs an assumed change request; SandboxError texts become Prima-style errors. */
function action(state: SandboxState, requestType: string, run: () => Record<string, string>): OmlinkOutcome {
  try {
    const attrs = run();
    return {
      reply: result(state, requestType, { RequestStatus: 'OK' }, { Data: { '@': attrs } }),
      requestType,
      ok: true,
    };
  } catch (err) {
    if (!(err instanceof SandboxError)) throw err;
    const code = /released|cannot be changed/.test(err.message)
      ? 'E:1052'
      : err.status === 404
        ? 'E:40'
        : 'E:1053';
    return {
      reply: requestError(state, requestType, message(state, code, err.message)),
      requestType,
      ok: false,
    };
  }
}

function cancelOrder(state: SandboxState, root: Element): Record<string, string> {
  const data = childrenNamed(root, 'Data')[0];
  const orderNumber = (data?.attrs.OrderNumber ?? '').trim();
  const lines = (data ? childrenNamed(data, 'CancelLine') : []).map((l) => ({
    lineNo: Number(l.attrs.OrderLine),
    quantity: Number(l.attrs.Quantity),
  }));
  const o = state.cancel(orderNumber, lines);
  return { OrderNumber: o.orderNumber, OrderStatus: o.status };
}

function amendDelivery(state: SandboxState, root: Element): Record<string, string> {
  const a = { ...(childrenNamed(root, 'Data')[0]?.attrs ?? {}) };
  const orderNumber = (a.OrderNumber ?? '').trim();
  delete a.OrderNumber;
  const o = state.amendDelivery(orderNumber, a);
  return { OrderNumber: o.orderNumber, OrderStatus: o.status };
}

function creditNote(state: SandboxState, root: Element): Record<string, string> {
  const data = childrenNamed(root, 'Data')[0];
  const a = data?.attrs ?? {};
  const o = state.getOrder(a.OrderNumber ?? '');
  const currency = (a.Currency ?? o.currency).toUpperCase();
  let sum = 0;
  for (const l of data ? childrenNamed(data, 'CreditLine') : []) {
    const v = amount(l.attrs.Value, currency);
    if (v === undefined)
      throw new SandboxError(400, `Credit line ${l.attrs.OrderLine ?? '?'} has an invalid value`);
    sum += v;
    if ((l.attrs.Restock ?? 'No').toLowerCase() === 'yes') {
      const line = o.lines.find((x) => x.lineNo === Number(l.attrs.OrderLine));
      const it = line ? state.findItem(line.item) : undefined;
      if (it && line && !it.nonStock) {
        const wh = (line.warehouse || 'MAIN').toUpperCase();
        const cell = it.stock.get(wh) ?? { onHand: 0, allocated: 0 };
        cell.onHand += Number(l.attrs.Quantity ?? 0);
        it.stock.set(wh, cell);
      }
    }
  }
  for (const c of data ? childrenNamed(data, 'CreditCharge') : [])
    sum += amount(c.attrs.ChargeValue, currency) ?? 0;
  const total = amount(a.CreditTotal, currency);
  if (total === undefined || total !== sum)
    throw new SandboxError(
      400,
      `Credit note total ${a.CreditTotal ?? ''} does not equal its lines and charges`,
    );
  const number = `CN${String(state.creditNotes.length + 1).padStart(6, '0')}`;
  state.creditNotes.push({
    number,
    orderNumber: o.orderNumber,
    reference: a.CreditReference ?? '',
    totalMinor: total,
  });
  return { OrderNumber: o.orderNumber, CreditNoteNumber: number };
}

function journal(state: SandboxState, root: Element): Record<string, string> {
  const data = childrenNamed(root, 'Data')[0];
  const a = data?.attrs ?? {};
  const currency = (a.Currency ?? 'GBP').toUpperCase();
  let debit = 0;
  let credit = 0;
  const lines = data ? childrenNamed(data, 'JournalLine') : [];
  for (const l of lines) {
    debit += amount(l.attrs.Debit, currency) ?? Number.NaN;
    credit += amount(l.attrs.Credit, currency) ?? Number.NaN;
  }
  if (lines.length === 0 || !Number.isFinite(debit) || debit !== credit)
    throw new SandboxError(400, `Journal ${a.Reference ?? ''} does not balance`);
  const number = `J${String(state.journals.length + 1).padStart(6, '0')}`;
  state.journals.push({ number, reference: a.Reference ?? '', lines: lines.length });
  return { Reference: a.Reference ?? '', JournalNumber: number };
}
