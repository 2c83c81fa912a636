import { describe, expect, it } from 'vitest';
import { ProblemError } from '../monitor/problems.js';
import { parsePrimaErrors } from './errors.js';
import { parseAvailableToSellReply, parseMultiNewOrderReply, parseOrderStatusReply } from './replies.js';
import {
  MULTI_ATS_LIST,
  MULTI_NEW_ORDER_DUPLICATE,
  MULTI_NEW_ORDER_MIXED,
  MULTI_NEW_ORDER_OK,
  MULTI_NEW_ORDER_VAT_MISMATCH,
  ORDER_STATUS_DESPATCHED,
  PARSE_ERROR_14586,
  PRODUCT_ATS_BULK,
} from './reply-fixtures.js';

describe('Prima error text', () => {
  it('splits several (E:nnn) messages on new lines and cuts each at DEV MODE', () => {
    const text =
      '(E:548) Price differs. DEV MODE Stack Trace (Msg - E:VATINCORD): a.p b.p\n(E:194) No valid order lines found for order 7. DEV MODE Stack Trace (Msg - E:194): c.p';
    expect(parsePrimaErrors(text)).toEqual([
      { code: 'E:548', message: 'Price differs.', msgId: 'E:VATINCORD' },
      { code: 'E:194', message: 'No valid order lines found for order 7.', msgId: 'E:194' },
    ]);
  });

  it('still splits when a parser folded the new lines into spaces', () => {
    const codes = parsePrimaErrors('(E:21) Exists. DEV MODE x (E:194) Follow-on. DEV MODE y').map(
      (e) => e.code,
    );
    expect(codes).toEqual(['E:21', 'E:194']);
  });

  it('reads the Progress number of a SAX parse error', () => {
    expect(parsePrimaErrors('The XML may be invalid (14586)')[0]?.code).toBe('14586');
  });
});

describe('MultiNewOrder reply', () => {
  it('OK on the Data element: accepted with the customer code Prima created', () => {
    expect(parseMultiNewOrderReply(MULTI_NEW_ORDER_OK, ['20123565'])).toEqual([
      { orderNumber: '20123565', outcome: 'accepted', customerCode: '0000488311' },
    ]);
  });

  it('E:21 is a duplicate to verify, not a failure', () => {
    const [r] = parseMultiNewOrderReply(MULTI_NEW_ORDER_DUPLICATE, ['20123565']);
    expect(r?.outcome).toBe('duplicate');
    if (r?.outcome !== 'duplicate') return;
    expect(r.problem.code).toBe('prima_duplicate');
    expect(r.problem.message).toContain('already in Prima');
    expect(r.problem.detail?.prima).not.toContain('DEV MODE');
  });

  it('E:548 with E:194 follow-ons: a VAT mode mismatch, follow-ons not reported as causes', () => {
    const [r] = parseMultiNewOrderReply(MULTI_NEW_ORDER_VAT_MISMATCH, ['20123601']);
    expect(r?.outcome).toBe('rejected');
    if (r?.outcome !== 'rejected') return;
    expect(r.primaCodes).toEqual(['E:548', 'E:194']);
    expect(r.problems.map((p) => p.code)).toEqual(['vat_mode_mismatch']);
    expect(r.problems[0]?.retryable).toBe(false);
  });

  it('reads each order of a multi-order reply from its own Data', () => {
    const results = parseMultiNewOrderReply(MULTI_NEW_ORDER_MIXED, ['W1001', 'W1002']);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'rejected']);
    const second = results[1];
    if (second?.outcome !== 'rejected') throw new Error('expected a rejection');
    expect(second.problems[0]?.code).toBe('prima_rejected');
    expect(second.problems[0]?.message).toMatch(/width\/size \(matrix\) code/);
  });

  it('a request-level parse error (14586) rejects every order as a malformed request', () => {
    const results = parseMultiNewOrderReply(PARSE_ERROR_14586, ['A1', 'A2']);
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.outcome).toBe('rejected');
      if (r.outcome === 'rejected') expect(r.problems[0]?.code).toBe('prima_malformed_request');
    }
  });

  it('an order missing from the reply is reported, retryable', () => {
    const [r] = parseMultiNewOrderReply(MULTI_NEW_ORDER_OK, ['OTHER']);
    expect(r?.outcome).toBe('rejected');
    if (r?.outcome === 'rejected') expect(r.problems[0]?.retryable).toBe(true);
  });

  it('a reply that is not XML throws a retryable prima_unreachable', () => {
    expect(() => parseMultiNewOrderReply('<Result Company="1"><Data', ['A'])).toThrow(ProblemError);
    try {
      parseMultiNewOrderReply('<html>busy</html>', ['A']);
    } catch (e) {
      expect((e as ProblemError).problem.code).toBe('prima_unreachable');
      expect((e as ProblemError).problem.retryable).toBe(true);
    }
  });
});

describe('available-to-sell replies', () => {
  it('bulk reply: lower-case sku rows, dates converted, width kept apart', () => {
    const rows = parseAvailableToSellReply(PRODUCT_ATS_BULK, 'sku');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ item: { product: 'ETOS', matrix: ['G', '075', '', ''] }, available: 12 });
    expect(rows[1]).toEqual({
      item: { product: 'ETOS', matrix: ['H', '075', '', ''] },
      available: 0,
      availableDate: '2020-01-14',
    });
    expect(rows[2]?.available).toBe(872);
  });

  it('list reply: upper-case SKU rows in request order', () => {
    const rows = parseAvailableToSellReply(MULTI_ATS_LIST, 'SKU');
    expect(rows.map((r) => r.item.matrix[1])).toEqual(['080', '085']);
    expect(rows[1]?.availableDate).toBe('2018-12-02');
  });

  it('a 14586 reply to a stock request throws prima_malformed_request', () => {
    expect(() => parseAvailableToSellReply(PARSE_ERROR_14586, 'sku')).toThrowError(/could not read/);
  });
});

describe('OrderStatus reply', () => {
  it('returns the raw status text', () => {
    expect(parseOrderStatusReply(ORDER_STATUS_DESPATCHED)?.rawStatus).toBe('Part Despatched');
  });

  it('ERROR on the root means Prima does not know the order', () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?><Result Company="1" RequestType="OrderStatus" RequestStatus="ERROR" Error="Order not found"/>';
    expect(parseOrderStatusReply(xml)).toBeNull();
  });
});
