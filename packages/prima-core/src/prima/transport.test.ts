import { describe, expect, it } from 'vitest';
import { stateFromStatusText } from './assumptions.js';
import { isTransient, TransportError } from './http.js';
import { decodeBody } from './latin1.js';
import { resolvePrimaUrls, toTransportError } from './transport.js';
import { transportProblem } from './transport-problems.js';

describe('Prima URL shapes', () => {
  it('takes a classic WSA WSDL URL as it is', () => {
    const u = 'http://prima:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink';
    expect(resolvePrimaUrls(u)).toEqual({ wsdlUrl: u });
  });

  it('takes a PAS for OpenEdge WSDL URL as it is', () => {
    const u = 'http://prima/soap/wsdl?targetURI=urn:omlink';
    expect(resolvePrimaUrls(u)).toEqual({ wsdlUrl: u });
  });

  it('a plain service ("instance") address: the WSDL sits under it, calls go to it', () => {
    expect(resolvePrimaUrls('http://prima:8080/wsadevtest/wsadevtest/')).toEqual({
      wsdlUrl: 'http://prima:8080/wsadevtest/wsadevtest/wsdl?targetURI=urn:omlink',
      serviceUrl: 'http://prima:8080/wsadevtest/wsadevtest',
    });
  });

  it('recognises ?wsdl and .wsdl addresses', () => {
    expect(resolvePrimaUrls('http://h/svc?wsdl').serviceUrl).toBeUndefined();
    expect(resolvePrimaUrls('http://h/omlink.wsdl').serviceUrl).toBeUndefined();
  });
});

describe('reply decoding', () => {
  const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>café £5</a>', 'latin1');

  it('decodes ISO-8859-1 from the declaration when the header says nothing', () => {
    expect(decodeBody(latin1, 'text/xml')).toContain('café £5');
  });

  it('the Content-Type charset wins (RFC 3023)', () => {
    const utf8 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>café</a>', 'utf8');
    expect(decodeBody(utf8, 'text/xml; charset=utf-8')).toContain('café');
    expect(decodeBody(latin1, 'text/xml; charset=ISO-8859-1')).toContain('café £5');
  });
});

describe('transport failures', () => {
  const at = { url: 'http://prima:8080/wsalive/wsalive' };

  it('retries outages, not configuration mistakes', () => {
    expect(isTransient(new TransportError('refused', 'x', at))).toBe(true);
    expect(isTransient(new TransportError('timeout', 'x', at))).toBe(true);
    expect(isTransient(new TransportError('http_status', 'x', { ...at, status: 503 }))).toBe(true);
    expect(isTransient(new TransportError('http_status', 'x', { ...at, status: 404 }))).toBe(false);
    expect(isTransient(new TransportError('soap_fault', 'x', at))).toBe(false);
    expect(isTransient(new TransportError('dns', 'x', at))).toBe(false);
  });

  it('turns a SOAP fault from the soap package into a soap_fault with its text', () => {
    const err = Object.assign(new Error('soap:Server: busy'), {
      root: {
        Envelope: { Body: { Fault: { faultcode: 'soap:Server', faultstring: 'Company 7 is not set up' } } },
      },
    });
    const t = toTransportError(err, at.url);
    expect(t.kind).toBe('soap_fault');
    expect(transportProblem(t).message).toContain('Company 7 is not set up');
    expect(transportProblem(t).retryable).toBe(false);
  });

  it('every failure is a prima_unreachable Problem with words and an action', () => {
    for (const kind of [
      'refused',
      'dns',
      'timeout',
      'reset',
      'not_wsdl',
      'no_operation',
      'bad_reply',
    ] as const) {
      const p = transportProblem(new TransportError(kind, 'detail', at));
      expect(p.code).toBe('prima_unreachable');
      expect(p.message.length).toBeGreaterThan(20);
      expect(p.action.length).toBeGreaterThan(20);
      expect(p.detail?.kind).toBe(kind);
    }
  });
});

describe('status texts', () => {
  it('maps the evidenced texts and keeps unknown ones unknown', () => {
    expect(stateFromStatusText('Part Despatched')).toBe('part_despatched');
    expect(stateFromStatusText(' DESPATCHED ')).toBe('despatched');
    expect(stateFromStatusText('part-despatched')).toBe('part_despatched');
    expect(stateFromStatusText('Cancelled')).toBe('cancelled');
    expect(stateFromStatusText('Awaiting Picking')).toBe('unknown');
  });
});
