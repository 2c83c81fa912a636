import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { itemRef } from '../model/index.js';
import { encodeLatin1, toLatin1 } from './latin1.js';
import {
  buildMultiAvailableToSellRequest,
  buildMultiNewOrderRequest,
  buildOrderStatusRequest,
  buildProductAvailableToSellRequest,
} from './requests.js';
import { sampleSalesOrder } from './sample-order.js';
import { child, parseDocument } from './xml.js';

function parsed(xml: string) {
  const doc = parseDocument(xml);
  if (!doc.ok) throw new Error(doc.reason);
  return doc;
}

describe('MultiNewOrder request', () => {
  it('has one Data per order with header, invoice, lines, charges and payment in that order', () => {
    const { xml } = buildMultiNewOrderRequest([
      sampleSalesOrder(),
      sampleSalesOrder({ orderNumber: 'W1002' }),
    ]);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?><Request RequestType="MultiNewOrder">'),
    ).toBe(true);
    const doc = parsed(xml);
    const data = child(doc.root, 'Data');
    expect(data.map((d) => d.attrs.OrderNumber)).toEqual(['W1001', 'W1002']);
    const first = data[0];
    if (!first) throw new Error('no Data');
    expect(Object.keys(first.children)).toEqual([
      'OrderHeaderData',
      'OrderInvoiceData',
      'OrderLineData',
      'OrderChargeData',
      'OrderPaymentData',
    ]);
    expect(first.attrs.VatInclusive).toBe('Yes');
    expect(first.attrs.HoldOrder).toBe('No');
    expect(first.attrs.UniqueId).not.toBe(data[1]?.attrs.UniqueId);
  });

  it('formats amounts from minor units with the currency exponent; Price is the unit price by default', () => {
    const doc = parsed(buildMultiNewOrderRequest([sampleSalesOrder()]).xml);
    const data = child(doc.root, 'Data')[0];
    if (!data) throw new Error('no Data');
    const lines = child(data, 'OrderLineData');
    expect(
      lines.map((l) => [
        l.attrs.Product,
        l.attrs.MtrxCode1,
        l.attrs.MtrxCode2,
        l.attrs.Quantity,
        l.attrs.Price,
      ]),
    ).toEqual([
      ['ETOS', 'G', '080', '2', '49.99'],
      ['GIFTWRAP', 'NONE', 'ONE', '1', '5.00'],
    ]);
    expect(child(data, 'OrderChargeData')[0]?.attrs).toMatchObject({ Charge: 'RM48', ChargeValue: '3.95' });
    expect(child(data, 'OrderPaymentData')[0]?.attrs.TranAmount).toBe('108.93');
    expect(child(data, 'OrderHeaderData')[0]?.attrs.OrderDate).toBe('20/11/2026');
  });

  it('sends the line value instead when a customer Prima reads Price that way', () => {
    const doc = parsed(buildMultiNewOrderRequest([sampleSalesOrder()], { linePriceMeans: 'line' }).xml);
    const lines = child(child(doc.root, 'Data')[0] ?? { attrs: {}, children: {} }, 'OrderLineData');
    expect(lines[0]?.attrs.Price).toBe('99.98');
  });

  it('uses no decimals for a zero-exponent currency', () => {
    const order = sampleSalesOrder({ currency: 'JPY', charges: [{ code: 'SHIP', amountMinor: 800 }] });
    const doc = parsed(buildMultiNewOrderRequest([order]).xml);
    const data = child(doc.root, 'Data')[0];
    expect(data && child(data, 'OrderChargeData')[0]?.attrs.ChargeValue).toBe('800');
  });

  it('a note with quotes, ampersands, angle brackets, new lines and non-Latin text round-trips as well-formed Latin-1', () => {
    const note = `Leave at "No 5" & ring <twice>\nIt's a gift: Łódź Straße café ☺ 東京`;
    const built = buildMultiNewOrderRequest([sampleSalesOrder({ specialInstructions: note })]);
    expect(XMLValidator.validate(built.xml)).toBe(true);
    const bytes = encodeLatin1(built.xml); // throws if anything outside ISO-8859-1 slipped through
    expect(bytes.toString('latin1')).toBe(built.xml);
    const header = child(
      child(parsed(bytes.toString('latin1')).root, 'Data')[0] ?? { attrs: {}, children: {} },
      'OrderHeaderData',
    )[0];
    expect(header?.attrs.SpecialInstructions).toBe(
      `Leave at "No 5" & ring <twice>\nIt's a gift: Lódz Straße café ? ??`,
    );
    expect(built.substitutions.map((s) => s.original)).toEqual(['Ł', 'ź', '☺', '東', '京']);
  });

  it('joins street lines beyond six into the sixth address line instead of dropping them', () => {
    const order = sampleSalesOrder();
    order.delivery.addressLines = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const data = child(parsed(buildMultiNewOrderRequest([order]).xml).root, 'Data')[0];
    expect(data?.attrs.AddrLine6).toBe('f, g');
  });
});

describe('look-up requests', () => {
  it('OrderStatus carries the order number', () => {
    expect(child(parsed(buildOrderStatusRequest('W&1').xml).root, 'Data')[0]?.attrs.OrderNumber).toBe('W&1');
  });

  it('ProductAvailableToSell with an empty range asks for the whole catalogue', () => {
    const doc = parsed(buildProductAvailableToSellRequest().xml);
    expect(doc.root.attrs.RequestType).toBe('ProductAvailableToSell');
    expect(child(doc.root, 'Data')[0]?.attrs).toEqual({ ProductFrom: '', ProductTo: '' });
    expect(
      child(parsed(buildProductAvailableToSellRequest({ from: 'A', to: 'M' }).xml).root, 'Data')[0]?.attrs
        .ProductTo,
    ).toBe('M');
  });

  it('MultiAvailableToSell sends lower-case sku elements', () => {
    const doc = parsed(
      buildMultiAvailableToSellRequest([itemRef('ETOS', 'g', '080'), itemRef('BELT', 'NONE', '32IN')]).xml,
    );
    const skus = child(child(doc.root, 'Data')[0] ?? { attrs: {}, children: {} }, 'sku');
    expect(skus.map((s) => `${s.attrs.Product}/${s.attrs.MtrxCode1}/${s.attrs.MtrxCode2}`)).toEqual([
      'ETOS/G/080',
      'BELT/NONE/32IN',
    ]);
  });
});

describe('Latin-1 policy', () => {
  it('keeps Latin-1 letters, composes decomposed accents, transliterates the rest, records every change', () => {
    expect(toLatin1('Zoe\u0308 Müller').text).toBe('Zoë Müller');
    const r = toLatin1('Dvořák — “Œuvre” 😀');
    expect(r.text).toBe('Dvorák - "OEuvre" ?');
    expect(r.substitutions).toHaveLength(6);
  });

  it('drops control characters XML cannot carry', () => {
    expect(toLatin1('a\u0001b\tc').text).toBe('ab\tc');
  });
});
