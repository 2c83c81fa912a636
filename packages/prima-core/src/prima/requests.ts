/**
 * Builders for the four request types Prima's public material shows (prima-omlink.md §2): MultiNewOrder,
 * OrderStatus, ProductAvailableToSell and MultiAvailableToSell. Each returns the inner XML document and
 * the Latin-1 substitutions made on the way.
 */
import type { ItemRef, PrimaContact, PrimaOrderLine, PrimaSalesOrder } from '../model/index.js';
import { wireAmount } from './amounts.js';
import {
  formatPrimaDate,
  LINE_PRICE_MEANS,
  type LinePriceMeaning,
  ORDER_DEFAULTS,
  sendMatrixCode,
  yesNo,
} from './assumptions.js';
import { type BuiltXml, buildDocument, Latin1Collector, type XmlElement } from './xml.js';

export interface MultiNewOrderOptions {
  /** Overrides the assumptions module's choice (for a customer whose Prima reads Price as the line value). */
  linePriceMeans?: LinePriceMeaning;
  /** Send the line discount in PromotionValue. Off: Price is already net, and Prima might subtract it twice. */
  sendLineDiscount?: boolean;
}

/** Prima has six address lines: extra street lines are joined into the sixth rather than dropped. */
function sixLines(lines: string[]): string[] {
  const clean = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  const six = clean.slice(0, 5);
  six.push(clean.slice(5).join(', '));
  while (six.length < 6) six.push('');
  return six;
}

function deliveryAttributes(c: PrimaContact): Record<string, string> {
  const lines = sixLines(c.addressLines);
  const attrs: Record<string, string> = {
    CustomerTitle: c.title,
    CustomerForename: c.forename,
    CustomerSurname: c.surname,
  };
  lines.forEach((l, i) => {
    attrs[`AddrLine${i + 1}`] = l;
  });
  return {
    ...attrs,
    PostCode: c.postcode,
    Country: c.country.toUpperCase(),
    CustomerEmail: c.email,
    CustomerPhone: c.phone,
    CustomerMobile: c.mobile,
    CustomerFax: '',
  };
}

function invoiceAttributes(c: PrimaContact): Record<string, string> {
  const attrs: Record<string, string> = {
    InvoiceTitle: c.title,
    InvoiceForename: c.forename,
    InvoiceSurname: c.surname,
  };
  sixLines(c.addressLines).forEach((l, i) => {
    attrs[`InvoiceAddrLine${i + 1}`] = l;
  });
  return {
    ...attrs,
    InvoicePostCode: c.postcode,
    InvoiceCountry: c.country.toUpperCase(),
    InvoiceEmail: c.email,
    InvoicePhone: c.phone,
    InvoiceMobile: c.mobile,
    InvoiceFax: '',
    InvoiceFAO: c.fao,
  };
}

export function itemAttributes(item: ItemRef): Record<string, string> {
  return {
    Product: item.product.trim(),
    MtrxCode1: sendMatrixCode(item.matrix[0]),
    MtrxCode2: sendMatrixCode(item.matrix[1]),
    MtrxCode3: sendMatrixCode(item.matrix[2]),
    MtrxCode4: sendMatrixCode(item.matrix[3]),
  };
}

function lineAttributes(
  line: PrimaOrderLine,
  currency: string,
  options: Required<MultiNewOrderOptions>,
): Record<string, string> {
  const price = options.linePriceMeans === 'unit' ? line.unitPriceMinor : line.lineValueMinor;
  const attrs: Record<string, string> = {
    OrderLine: String(line.lineNo),
    ...itemAttributes(line.item),
    Quantity: String(line.quantity),
    Price: wireAmount(price, currency),
    Promotion: '',
    PromotionValue:
      options.sendLineDiscount && line.discountMinor !== 0 ? wireAmount(line.discountMinor, currency) : '',
    WebPrmCode: '',
    TrDisc: '',
    Warehouse: line.warehouse,
    Inventory: '',
    Reserve: '',
    DueDate: '',
    LineSalesman: '',
    WorksNo: '',
    EnhancementToLine: '',
    LineNarrative: line.narrative,
    LineReference: line.reference,
    ExtTaxVal: '',
    Voucher: 'No',
  };
  return attrs;
}

/** One `Data` block: a complete order (§2.2). `uniqueId` is our correlation id, echoed back as UniqueID. */
function orderData(
  order: PrimaSalesOrder,
  uniqueId: string,
  c: Latin1Collector,
  options: Required<MultiNewOrderOptions>,
): XmlElement {
  const cur = order.currency;
  return {
    '@': c.attrs({
      UniqueId: uniqueId,
      TPGUID: order.tpguid,
      OrderNumber: order.orderNumber,
      Customer: order.customerCode,
      CustDef: '',
      CustomerRef: '',
      HoldOrder: yesNo(order.hold),
      HoldOrderNarrative: order.holdNarrative,
      OrderChannel: order.channel,
      OrderType: order.orderType,
      PaymentTerms: '',
      Salesman: '',
      ...deliveryAttributes(order.delivery),
      DelivAddrNo: '',
      InvcAddrNo: '',
      DeliveryFAO: order.delivery.fao,
      VatInclusive: yesNo(order.vatInclusive),
      Gender: '',
      DateOfBirth: '',
      ReceiveMail: ORDER_DEFAULTS.consent,
      ReceiveEmail: ORDER_DEFAULTS.consent,
      ReceiveText: ORDER_DEFAULTS.consent,
      ReceivePhone: ORDER_DEFAULTS.consent,
      ReceiveMobile: ORDER_DEFAULTS.consent,
      RentDetails: ORDER_DEFAULTS.consent,
    }),
    OrderHeaderData: {
      '@': c.attrs({
        B2B: '',
        Brand: '',
        SpecialInstructions: order.specialInstructions,
        ShippingInstructions: '',
        SourceMedia: '',
        OrderCategory: order.orderCategory,
        OrderStatus: '',
        Carrier: order.carrier,
        CarrServ: order.carrierService,
        Currency: cur,
        OrderContact: '',
        OrderDate: formatPrimaDate(order.orderDate),
        OrderEmail: order.invoice.email || order.delivery.email,
        OrderPaid: '',
        PaymentOnOrder: '',
        ProdConv: '',
        Proforma: '',
        Season: '',
        SendToApproval: '',
      }),
    },
    OrderInvoiceData: { '@': c.attrs(invoiceAttributes(order.invoice)) },
    OrderLineData: order.lines.map((line) => ({ '@': c.attrs(lineAttributes(line, cur, options)) })),
    OrderChargeData: order.charges.map((charge) => ({
      '@': c.attrs({ Charge: charge.code, ChargeValue: wireAmount(charge.amountMinor, cur) }),
    })),
    OrderPaymentData: {
      '@': c.attrs({
        PayMethod: order.payment.payMethod,
        SubPayMethod: order.payment.subPayMethod,
        TranAmount: wireAmount(order.payment.amountMinor, cur),
        AuthRef: order.payment.authRef,
        AuthDate: '',
        AuthTime: '',
        BankSort: '',
        BankAccount: '',
        ChequeNum: '',
        PayProvider: order.payment.provider || ORDER_DEFAULTS.payProvider,
        PayProviderStatus: '',
        PayAuthRef: order.orderNumber,
        PayAuthId: order.orderNumber,
        LineRef: order.orderNumber,
        TokenID: '',
        CAVV: '',
        ECI: '',
        AuthenticationStatus: '',
        ATSData: '',
        TransactionID: order.payment.transactionId,
        VchNumber: '',
        FailureCount: '',
        ExchCreditNo: '',
      }),
    },
  };
}

/** A stable per-call correlation id: the order's position in the call, 8 digits like Prima's own examples. */
export const uniqueIdFor = (index: number): string => String(10_000_001 + index);

/** MultiNewOrder with one `Data` per order (§2.2). */
export function buildMultiNewOrderRequest(
  orders: PrimaSalesOrder[],
  options: MultiNewOrderOptions = {},
): BuiltXml {
  if (orders.length === 0) throw new RangeError('MultiNewOrder needs at least one order');
  const opts: Required<MultiNewOrderOptions> = {
    linePriceMeans: options.linePriceMeans ?? LINE_PRICE_MEANS,
    sendLineDiscount: options.sendLineDiscount ?? false,
  };
  const c = new Latin1Collector();
  const data = orders.map((o, i) => orderData(o, uniqueIdFor(i), c, opts));
  return buildDocument('Request', { '@': { RequestType: 'MultiNewOrder' }, Data: data }, c);
}

/** OrderStatus for one order number (§2.3). */
export function buildOrderStatusRequest(orderNumber: string): BuiltXml {
  const c = new Latin1Collector();
  return buildDocument(
    'Request',
    { '@': { RequestType: 'OrderStatus' }, Data: { '@': c.attrs({ OrderNumber: orderNumber }) } },
    c,
  );
}

/** ProductAvailableToSell for a product-code range; both empty = the whole catalogue (§2.4). */
export function buildProductAvailableToSellRequest(range?: { from: string; to: string }): BuiltXml {
  const c = new Latin1Collector();
  const attrs = c.attrs({ ProductFrom: range?.from ?? '', ProductTo: range?.to ?? '' });
  return buildDocument(
    'Request',
    { '@': { RequestType: 'ProductAvailableToSell' }, Data: { '@': attrs } },
    c,
  );
}

/** MultiAvailableToSell for a list of SKUs: one lower-case `sku` element each (§2.5). */
export function buildMultiAvailableToSellRequest(items: ItemRef[]): BuiltXml {
  const c = new Latin1Collector();
  const skus = items.map((item) => ({ '@': c.attrs(itemAttributes(item)) }));
  return buildDocument('Request', { '@': { RequestType: 'MultiAvailableToSell' }, Data: { sku: skus } }, c);
}
