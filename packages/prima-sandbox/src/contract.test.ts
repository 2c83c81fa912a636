/**
 * Contract tests: prima-core's OMLink gateway against the sandbox, for every request type, with the WSDL
 * published as wrapped Document/Literal and as RPC/Encoded. The same assertions must hold for both.
 */
import {
  availableToSellSharded,
  createPrimaGateway,
  itemRef,
  type OmlinkGateway,
  parseMultiNewOrderReply,
  sampleContact,
  sampleSalesOrder,
} from '@prima-connect/prima-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

describe.each(['document', 'rpc'] as const)('gateway against the sandbox (%s style)', (style) => {
  let sb: Sandbox;
  let gw: OmlinkGateway;

  beforeAll(async () => {
    sb = await startSandbox({ style });
    gw = createPrimaGateway({ url: sb.wsdlUrl, timeoutMs: 5000, retry: { attempts: 1 } });
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.state.reset());

  const available = (sku: string): number => {
    const [p, m1, m2] = sku.split('-');
    const it = sb.state.findItem(itemRef(p ?? '', m1 ?? '', m2 ?? ''));
    return it ? sb.state.availableToSell(it) : -1;
  };

  it('sends envelopes in the style the WSDL declares, as ISO-8859-1', async () => {
    await gw.ping();
    const entry = sb.state.requestLog.at(-1);
    expect(entry?.contentType).toMatch(/charset=ISO-8859-1/i);
    expect(entry?.envelope).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>/);
    if (style === 'rpc') expect(entry?.envelope).toContain('http://schemas.xmlsoap.org/soap/encoding/');
    else expect(entry?.envelope).not.toContain('http://schemas.xmlsoap.org/soap/encoding/');
    expect((await gw.transport.describe()).operation).toBe('wsomhandler');
  });

  it('ping reads the company; comwsomhandler carries the company id; PAS and plain service URLs work', async () => {
    expect(await gw.ping()).toEqual({ ok: true, company: '1' });
    const pas = createPrimaGateway({ url: sb.pasWsdlUrl, companyId: '2', retry: { attempts: 1 } });
    expect(await pas.ping()).toEqual({ ok: true, company: '2' });
    expect(sb.state.requestLog.at(-1)?.operation).toBe('comwsomhandler');
    const plain = createPrimaGateway({ url: sb.url, retry: { attempts: 1 } });
    expect(await plain.ping()).toEqual({ ok: true, company: '1' });
  });

  it('MultiNewOrder: accepted with a new customer code, stock allocated, totals as sent', async () => {
    const before = available('ETOS-G-080');
    const [r] = await gw.postOrders([sampleSalesOrder()]);
    expect(r).toEqual({ orderNumber: 'W1001', outcome: 'accepted', customerCode: '0000488311' });
    expect(available('ETOS-G-080')).toBe(before - 2);
    const order = sb.state.getOrder('W1001');
    expect(sb.state.orderTotalMinor(order)).toBe(10893);
    expect(order.lines.map((l) => l.unitPriceMinor)).toEqual([4999, 500]);
  });

  it('Price as the line value: a Prima configured that way reads the same totals', async () => {
    sb.state.settings.linePriceMeans = 'line';
    try {
      const lineGw = createPrimaGateway({
        url: sb.wsdlUrl,
        retry: { attempts: 1 },
        orders: { linePriceMeans: 'line' },
      });
      await lineGw.postOrders([sampleSalesOrder()]);
      expect(sb.state.requestLog.at(-1)?.request).toContain('Price="99.98"');
      expect(sb.state.orderTotalMinor(sb.state.getOrder('W1001'))).toBe(10893);
    } finally {
      sb.state.settings.linePriceMeans = 'unit';
    }
  });

  it('a blank customer code creates consecutive new customers (and can match by e-mail)', async () => {
    const results = await gw.postOrders([
      sampleSalesOrder({ orderNumber: 'W1' }),
      sampleSalesOrder({ orderNumber: 'W2' }),
    ]);
    expect(results.map((r) => (r.outcome === 'accepted' ? r.customerCode : r.outcome))).toEqual([
      '0000488311',
      '0000488312',
    ]);
    sb.state.settings.matchCustomerByEmail = true;
    const [third] = await gw.postOrders([sampleSalesOrder({ orderNumber: 'W3' })]);
    sb.state.settings.matchCustomerByEmail = false;
    expect(third?.outcome === 'accepted' && third.customerCode).toBe('0000488311');
  });

  it('E:21: a second order with the same number is a duplicate to verify, and allocates nothing', async () => {
    await gw.postOrders([sampleSalesOrder()]);
    const after = available('ETOS-G-080');
    const [r] = await gw.postOrders([sampleSalesOrder()]);
    expect(r?.outcome).toBe('duplicate');
    expect(available('ETOS-G-080')).toBe(after);
  });

  it('E:548 with E:194 follow-ons when the VAT mode differs from the price book', async () => {
    const [r] = await gw.postOrders([sampleSalesOrder({ vatInclusive: false })]);
    expect(r?.outcome).toBe('rejected');
    if (r?.outcome !== 'rejected') return;
    expect(r.primaCodes).toEqual(['E:548', 'E:194']);
    expect(r.problems.map((p) => p.code)).toEqual(['vat_mode_mismatch']);
    expect(sb.state.orders.size).toBe(0);
  });

  it('E:194: unknown product and unknown matrix codes are explained; one call can mix outcomes', async () => {
    const badMatrix = sampleSalesOrder({ orderNumber: 'W2' });
    badMatrix.lines[0] = { ...badMatrix.lines[0]!, item: itemRef('ETOS', 'G', '999') };
    const badProduct = sampleSalesOrder({ orderNumber: 'W3' });
    badProduct.lines[0] = { ...badProduct.lines[0]!, item: itemRef('NOSUCH', 'G', '080') };
    const results = await gw.postOrders([sampleSalesOrder({ orderNumber: 'W1' }), badMatrix, badProduct]);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'rejected']);
    const [, m, p] = results;
    expect(m?.outcome === 'rejected' && m.problems[0]?.message).toMatch(
      /matrix\) code .*G\/999.*ETOS \(line 1\)/,
    );
    expect(p?.outcome === 'rejected' && p.problems[0]?.message).toMatch(
      /product code .* does not exist .*NOSUCH/,
    );
    expect(sb.state.requestLog.filter((e) => e.requestType === 'MultiNewOrder')).toHaveLength(1);
  });

  it('14586: a request Prima cannot parse is refused at Result level', async () => {
    const reply = await gw.exchange(
      {
        xml: '<?xml version="1.0"?><Request RequestType="MultiNewOrder"><Data OrderNumber="a"b"/></Request>',
        substitutions: [],
      },
      'broken',
    );
    const [r] = parseMultiNewOrderReply(reply, ['a']);
    expect(r?.outcome === 'rejected' && r.problems[0]?.code).toBe('prima_malformed_request');
    expect(reply).toContain('(14586)');
  });

  it('a note with quotes, ampersands, angle brackets and non-Latin text arrives intact as Latin-1', async () => {
    const note = 'Say "hi" & leave <by the door>; café Łódź ☺';
    await gw.postOrders([
      sampleSalesOrder({
        specialInstructions: note,
        delivery: sampleContact({ surname: "O'Brien & Söhne" }),
      }),
    ]);
    const order = sb.state.getOrder('W1001');
    expect(order.specialInstructions).toBe('Say "hi" & leave <by the door>; café Lódz ?');
    expect(order.delivery.CustomerSurname).toBe("O'Brien & Söhne");
  });

  it('OrderStatus through the lifecycle, with dispatch detail (carrier, tracking, lines)', async () => {
    expect(await gw.getOrderStatus('W1001')).toBeNull();
    await gw.postOrders([sampleSalesOrder()]);
    expect((await gw.getOrderStatus('W1001'))?.state).toBe('allocated');
    sb.state.release('W1001');
    expect((await gw.getOrderStatus('W1001'))?.state).toBe('released');
    sb.state.dispatch('W1001', {
      carrier: 'RM',
      service: 'RM48',
      trackingNumber: 'AB123456789GB',
      date: '2026-11-21',
      lines: [{ lineNo: 1, quantity: 1 }],
    });
    const part = await gw.getOrderStatus('W1001');
    expect(part?.state).toBe('part_despatched');
    expect(part?.rawStatus).toBe('Part Despatched');
    expect(part?.dispatches).toEqual([
      {
        dispatchId: 'D000001',
        dispatchedAt: '2026-11-21T00:00:00.000Z',
        carrier: 'RM',
        service: 'RM48',
        trackingNumber: 'AB123456789GB',
        lines: [{ lineNo: 1, quantity: 1 }],
      },
    ]);
    sb.state.dispatch('W1001', { carrier: 'DPD', trackingNumber: '15501234' });
    const done = await gw.getOrderStatus('W1001');
    expect(done?.state).toBe('despatched');
    expect(done?.dispatches.map((d) => d.lines)).toEqual([
      [{ lineNo: 1, quantity: 1 }],
      [
        { lineNo: 1, quantity: 1 },
        { lineNo: 2, quantity: 1 },
      ],
    ]);
  });

  it('replies are ISO-8859-1 bytes and are read back correctly (carrier "Müller")', async () => {
    await gw.postOrders([sampleSalesOrder()]);
    sb.state.dispatch('W1001', { carrier: 'Müller Spedition', trackingNumber: 'Ü-1' });
    expect((await gw.getOrderStatus('W1001'))?.dispatches[0]?.carrier).toBe('Müller Spedition');
    // The same reply, raw: one byte 0xFC for "ü", declared and labelled ISO-8859-1.
    const envelope = sb.state.requestLog.at(-1)?.envelope ?? '';
    const res = await fetch(sb.url, {
      method: 'POST',
      body: Buffer.from(envelope, 'latin1'),
      headers: { 'content-type': 'text/xml; charset=ISO-8859-1', SOAPAction: '""' },
    });
    expect(res.headers.get('content-type')).toBe('text/xml; charset=ISO-8859-1');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.includes(Buffer.from([0x4d, 0xfc, 0x6c]))).toBe(true); // "Mül"
    expect(bytes.subarray(0, 43).toString('latin1')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>');
  });

  it('ProductAvailableToSell: whole catalogue and a product range; non-stock items left out', async () => {
    const all = await gw.availableToSell();
    const stockItems = [...sb.state.items.values()].filter((i) => !i.nonStock);
    expect(all).toHaveLength(stockItems.length);
    expect(all.some((r) => r.item.product === 'GIFTCARD')).toBe(false);
    const range = await gw.availableToSell({ from: 'B', to: 'BZ' });
    expect(new Set(range.map((r) => r.item.product))).toEqual(new Set(['BELT', 'BRAMLEY', 'BRUSH']));
    const zeroWithDate = all.find((r) => r.available === 0 && r.availableDate !== undefined);
    expect(zeroWithDate?.availableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the full catalogue in shards equals the single full reply', async () => {
    const full = await gw.availableToSell();
    const sharded = await availableToSellSharded(gw, [
      ['', 'E'],
      ['E', 'M'],
      ['MA', 'ZZZZ'],
    ]);
    expect(sharded.rows.length).toBe(full.length);
    expect(sharded.perShard.map((s) => s.rows).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      full.length,
    );
    expect(new Set(sharded.rows.map((r) => `${r.item.product}|${r.item.matrix.join('|')}`)).size).toBe(
      full.length,
    );
  });

  it('MultiAvailableToSell: one row per SKU asked, in order, summed over warehouses minus allocations', async () => {
    sb.state.setStock(itemRef('SOHO', 'E', '080'), 'MAIN', 7);
    sb.state.setStock(itemRef('SOHO', 'E', '080'), 'SHOP', 2);
    const items = [itemRef('SOHO', 'e', '080'), itemRef('NOSUCH', '', ''), itemRef('BELT', 'NONE', '32IN')];
    const rows = await gw.availableToSellFor(items);
    expect(rows.map((r) => r.item.product)).toEqual(['SOHO', 'NOSUCH', 'BELT']);
    expect(rows[0]?.available).toBe(9);
    expect(rows[1]?.available).toBe(0);
  });

  it('CancelOrder frees the allocation before the cut-off and is refused after it', async () => {
    const before = available('ETOS-G-080');
    await gw.postOrders([sampleSalesOrder({ orderNumber: 'W1' }), sampleSalesOrder({ orderNumber: 'W2' })]);
    expect(await gw.cancelOrder('W1')).toEqual({ ok: true, problems: [] });
    expect(sb.state.getOrder('W1').status).toBe('Cancelled');
    expect(available('ETOS-G-080')).toBe(before - 2);
    sb.state.release('W2');
    const refused = await gw.cancelOrder('W2', [{ lineNo: 1, quantity: 1 }]);
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]?.code).toBe('cutoff_passed');
  });

  it('AmendOrderDelivery before and after the cut-off', async () => {
    await gw.postOrders([sampleSalesOrder()]);
    const moved = sampleContact({ addressLines: ['1 New Street'], postcode: 'M1 1AA' });
    expect((await gw.amendDelivery('W1001', moved)).ok).toBe(true);
    expect(sb.state.getOrder('W1001').delivery.PostCode).toBe('M1 1AA');
    sb.state.release('W1001');
    expect((await gw.amendDelivery('W1001', moved)).problems[0]?.code).toBe('cutoff_passed');
  });

  it('NewCreditNote returns Prima reference; a total that does not add up is refused', async () => {
    await gw.postOrders([sampleSalesOrder()]);
    const line = {
      lineNo: 1,
      item: itemRef('ETOS', 'G', '080'),
      quantity: 1,
      amountMinor: 4999,
      restock: true,
    };
    const ok = await gw.createCreditNote({
      orderNumber: 'W1001',
      creditReference: 'R1',
      currency: 'GBP',
      lines: [line],
      charges: [{ code: 'RM48', amountMinor: 395 }],
      totalMinor: 5394,
      reason: 'Too small',
    });
    expect(ok).toEqual({ ok: true, problems: [], reference: 'CN000001' });
    const bad = await gw.createCreditNote({
      orderNumber: 'W1001',
      creditReference: 'R2',
      currency: 'GBP',
      lines: [line],
      charges: [],
      totalMinor: 1,
      reason: '',
    });
    expect(bad.problems[0]?.code).toBe('credit_note_manual');
  });

  it('NewJournal posts a balanced journal and refuses an unbalanced one', async () => {
    const lines = [
      { nominal: '1200', description: 'Bank', debitMinor: 9500, creditMinor: 0 },
      { nominal: '4000', description: 'Sales', debitMinor: 0, creditMinor: 10000 },
      { nominal: '7900', description: 'Fees', debitMinor: 500, creditMinor: 0 },
    ];
    expect(await gw.postJournal({ reference: 'PO-1', date: '2026-11-21', currency: 'GBP', lines })).toEqual({
      ok: true,
      problems: [],
      reference: 'J000001',
    });
    const bad = await gw.postJournal({
      reference: 'PO-2',
      date: '2026-11-21',
      currency: 'GBP',
      lines: lines.slice(0, 2),
    });
    expect(bad.ok).toBe(false);
  });
});
