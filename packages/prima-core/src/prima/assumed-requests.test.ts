import { describe, expect, it } from 'vitest';
import { itemRef } from '../model/index.js';
import {
  buildCancelOrderRequest,
  buildCreditNoteRequest,
  buildDispatchDetailRequest,
  buildJournalRequest,
  parseActionReply,
  parseDispatchDetailReply,
} from './assumed-requests.js';
import { child, parseDocument } from './xml.js';

function root(xml: string) {
  const doc = parseDocument(xml);
  if (!doc.ok) throw new Error(doc.reason);
  return doc.root;
}

const DECL = '<?xml version="1.0" encoding="ISO-8859-1"?>';

describe('assumed request shapes', () => {
  it('OrderDespatchDetail request and reply', () => {
    expect(root(buildDispatchDetailRequest('W1').xml).attrs.RequestType).toBe('OrderDespatchDetail');
    const reply = `${DECL}<Result Company="1" RequestType="OrderDespatchDetail" RequestStatus="OK"><Data OrderNumber="W1" OrderStatus="Part Despatched"><Despatch DespatchNo="D9" DespatchDate="03/02/2026" Carrier="DPD" CarrServ="NEXT" TrackingNo="155" TrackingURL=""><DespatchLine OrderLine="2" Product="ETOS" MtrxCode1="G" MtrxCode2="080" MtrxCode3="" MtrxCode4="" Quantity="1"/></Despatch></Data></Result>`;
    expect(parseDispatchDetailReply(reply)).toEqual({
      ok: true,
      dispatches: [
        {
          dispatchId: 'D9',
          dispatchedAt: '2026-02-03T00:00:00.000Z',
          carrier: 'DPD',
          service: 'NEXT',
          trackingNumber: '155',
          lines: [{ lineNo: 2, quantity: 1 }],
        },
      ],
    });
  });

  it('a Prima without the dispatch request answers ERROR: reported, not thrown', () => {
    const reply = `${DECL}<Result Company="1" RequestType="" RequestStatus="ERROR" Error="(E:1) Unknown request type"/>`;
    const r = parseDispatchDetailReply(reply);
    expect(r.ok).toBe(false);
  });

  it('CancelOrder: whole order, or some lines', () => {
    const whole = child(root(buildCancelOrderRequest('W1').xml), 'Data')[0];
    expect(whole?.attrs.CancelWholeOrder).toBe('Yes');
    const part = child(root(buildCancelOrderRequest('W1', [{ lineNo: 2, quantity: 1 }]).xml), 'Data')[0];
    expect(part?.attrs.CancelWholeOrder).toBe('No');
    expect(part && child(part, 'CancelLine')[0]?.attrs).toEqual({ OrderLine: '2', Quantity: '1' });
  });

  it('NewCreditNote amounts are formatted with the currency exponent', () => {
    const xml = buildCreditNoteRequest({
      orderNumber: 'W1',
      creditReference: 'R1',
      currency: 'GBP',
      lines: [
        { lineNo: 1, item: itemRef('ETOS', 'G', '080'), quantity: 1, amountMinor: 4999, restock: true },
      ],
      charges: [{ code: 'RM48', amountMinor: 395 }],
      totalMinor: 5394,
      reason: 'Too small',
    }).xml;
    const data = child(root(xml), 'Data')[0];
    expect(data?.attrs.CreditTotal).toBe('53.94');
    expect(data && child(data, 'CreditLine')[0]?.attrs).toMatchObject({
      Product: 'ETOS',
      MtrxCode2: '080',
      Value: '49.99',
      Restock: 'Yes',
    });
  });

  it('NewJournal lines and date', () => {
    const xml = buildJournalRequest({
      reference: 'PO-1',
      date: '2026-11-21',
      currency: 'GBP',
      lines: [{ nominal: '1200', description: 'Bank', debitMinor: 100, creditMinor: 0 }],
    }).xml;
    const data = child(root(xml), 'Data')[0];
    expect(data?.attrs.JournalDate).toBe('21/11/2026');
    expect(data && child(data, 'JournalLine')[0]?.attrs).toEqual({
      Nominal: '1200',
      Description: 'Bank',
      Debit: '1.00',
      Credit: '0.00',
    });
  });

  it('action replies: OK with a reference, or the errors', () => {
    expect(
      parseActionReply(
        `${DECL}<Result Company="1" RequestType="NewCreditNote" RequestStatus="OK"><Data CreditNoteNumber="CN7"/></Result>`,
      ),
    ).toEqual({ ok: true, reference: 'CN7' });
    const refused = parseActionReply(
      `${DECL}<Result Company="1" RequestType="CancelOrder" RequestStatus="ERROR" Error="(E:1052) Order W1 has been released"><RequestError Error="(E:1052) Order W1 has been released"/></Result>`,
    );
    expect(refused).toEqual({
      ok: false,
      errors: [{ code: 'E:1052', message: 'Order W1 has been released' }],
    });
  });
});
