/**
 * The SOAP face of the sandbox, like an OpenEdge Web Services Adapter: a WSDL for the `urn:omlink`
 * service with the two generic operations `wsomhandler` (request document in, reply document out) and
 * `comwsomhandler` (company + request), published as wrapped Document/Literal (Progress's default) or as
 * RPC/Encoded (older sites). Envelopes are read and written with fast-xml-parser; the reply is ISO-8859-1.
 */
import { buildXml, type Node, parseXml } from './xml.js';

export type SoapStyle = 'document' | 'rpc';

export const NAMESPACE = 'urn:omlink';
export const OPERATIONS = ['wsomhandler', 'comwsomhandler'] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Parameter names in the style of a Progress procedure's parameters (the real ones are not public). */
export const PARAMS = { company: 'cCompanyID', request: 'cRequestXML', response: 'cResponseXML' } as const;

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function inputsOf(op: OperationName): string[] {
  return op === 'comwsomhandler' ? [PARAMS.company, PARAMS.request] : [PARAMS.request];
}

/** The WSDL document for a style, with `serviceUrl` as soap:address. */
export function wsdlFor(style: SoapStyle, serviceUrl: string): string {
  const types: Node =
    style === 'document'
      ? {
          'xsd:schema': {
            '@': { targetNamespace: NAMESPACE, elementFormDefault: 'qualified' },
            'xsd:element': OPERATIONS.flatMap((op) => [
              {
                '@': { name: op },
                'xsd:complexType': {
                  'xsd:sequence': {
                    'xsd:element': inputsOf(op).map((p) => ({
                      '@': { name: p, type: 'xsd:string', nillable: 'true' },
                    })),
                  },
                },
              },
              {
                '@': { name: `${op}Response` },
                'xsd:complexType': {
                  'xsd:sequence': {
                    'xsd:element': [{ '@': { name: PARAMS.response, type: 'xsd:string', nillable: 'true' } }],
                  },
                },
              },
            ]),
          },
        }
      : {};
  const messages: Node[] = OPERATIONS.flatMap((op): Node[] =>
    style === 'document'
      ? [
          {
            '@': { name: `${op}Request` },
            'wsdl:part': { '@': { name: 'parameters', element: `tns:${op}` } },
          },
          {
            '@': { name: `${op}Response` },
            'wsdl:part': { '@': { name: 'parameters', element: `tns:${op}Response` } },
          },
        ]
      : [
          {
            '@': { name: `${op}Request` },
            'wsdl:part': inputsOf(op).map((p) => ({ '@': { name: p, type: 'xsd:string' } })),
          },
          {
            '@': { name: `${op}Response` },
            'wsdl:part': [{ '@': { name: PARAMS.response, type: 'xsd:string' } }],
          },
        ],
  );
  const body: Node =
    style === 'document'
      ? { '@': { use: 'literal' } }
      : { '@': { use: 'encoded', namespace: NAMESPACE, encodingStyle: SOAP_ENC } };
  const definitions: Node = {
    '@': {
      name: 'OMLink',
      targetNamespace: NAMESPACE,
      'xmlns:tns': NAMESPACE,
      'xmlns:wsdl': 'http://schemas.xmlsoap.org/wsdl/',
      'xmlns:soap': 'http://schemas.xmlsoap.org/wsdl/soap/',
      'xmlns:xsd': XSD,
      'xmlns:soapenc': SOAP_ENC,
    },
    'wsdl:types': types,
    'wsdl:message': messages,
    'wsdl:portType': {
      '@': { name: 'OMLinkObj' },
      'wsdl:operation': OPERATIONS.map((op) => ({
        '@': { name: op },
        'wsdl:input': { '@': { message: `tns:${op}Request` } },
        'wsdl:output': { '@': { message: `tns:${op}Response` } },
      })),
    },
    'wsdl:binding': {
      '@': { name: 'OMLinkObj', type: 'tns:OMLinkObj' },
      'soap:binding': { '@': { style, transport: 'http://schemas.xmlsoap.org/soap/http' } },
      'wsdl:operation': OPERATIONS.map((op) => ({
        '@': { name: op },
        'soap:operation': { '@': { soapAction: '', style } },
        'wsdl:input': { 'soap:body': body },
        'wsdl:output': { 'soap:body': body },
      })),
    },
    'wsdl:service': {
      '@': { name: 'OMLinkService' },
      'wsdl:port': {
        '@': { name: 'OMLinkObj', binding: 'tns:OMLinkObj' },
        'soap:address': { '@': { location: serviceUrl } },
      },
    },
  };
  return buildXml('wsdl:definitions', definitions, '<?xml version="1.0" encoding="UTF-8"?>');
}

export interface SoapCall {
  operation: string;
  /** Parameter values by local name. */
  params: Record<string, string>;
}

/** Reads a SOAP 1.1 request envelope of either style; an error text when it is not one. */
export function parseSoapRequest(xml: string): SoapCall | { error: string } {
  const parsed = parseXml(xml);
  if ('error' in parsed) return { error: `The SOAP envelope is not well-formed XML: ${parsed.error}` };
  if (parsed.root.name !== 'Envelope') return { error: 'Not a SOAP envelope' };
  const body = parsed.root.children.find((c) => c.name === 'Body');
  const call = body?.children[0];
  if (!call) return { error: 'The SOAP body is empty' };
  const params: Record<string, string> = {};
  for (const p of call.children) params[p.name] = p.text;
  return { operation: call.name, params };
}

/** The reply envelope carrying Prima's reply document as text, in the WSDL's style. */
export function soapResponse(style: SoapStyle, operation: OperationName, replyDocument: string): string {
  const envAttrs: Record<string, string> = { 'xmlns:soap': SOAP_ENV, 'xmlns:xsd': XSD, 'xmlns:xsi': XSI };
  if (style === 'document') {
    const body: Node = {
      [`tns:${operation}Response`]: {
        '@': { 'xmlns:tns': NAMESPACE },
        [`tns:${PARAMS.response}`]: { '#text': replyDocument },
      },
    };
    return buildXml('soap:Envelope', { '@': envAttrs, 'soap:Body': body });
  }
  const body: Node = {
    '@': { 'soap:encodingStyle': SOAP_ENC },
    [`ns1:${operation}Response`]: {
      '@': { 'xmlns:ns1': NAMESPACE },
      [PARAMS.response]: { '@': { 'xsi:type': 'xsd:string' }, '#text': replyDocument },
    },
  };
  return buildXml('soap:Envelope', { '@': { ...envAttrs, 'xmlns:soapenc': SOAP_ENC }, 'soap:Body': body });
}

/** A SOAP 1.1 fault, the way the WSA reports a call it cannot dispatch. */
export function soapFault(faultCode: 'soap:Client' | 'soap:Server', faultString: string): string {
  return buildXml('soap:Envelope', {
    '@': { 'xmlns:soap': SOAP_ENV },
    'soap:Body': {
      'soap:Fault': { faultcode: { '#text': faultCode }, faultstring: { '#text': faultString } },
    },
  });
}
