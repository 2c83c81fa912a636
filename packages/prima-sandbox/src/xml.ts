/**
 * XML for the sandbox, with fast-xml-parser: parsing Prima requests and SOAP envelopes, building replies.
 * Replies escape every value; like the logged Prima, the new lines between messages in an `Error`
 * attribute are written as they are.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const LATIN1_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>';

export interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const orderedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  preserveOrder: true,
  removeNSPrefix: true,
});

function toElement(node: Record<string, unknown>): Element | undefined {
  const name = Object.keys(node).find((k) => k !== '@' && k !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?')) return undefined;
  // With preserveOrder, attributes sit beside the element under ':@'.
  const attrsNode = (node[':@'] as Record<string, unknown> | undefined) ?? {};
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsNode)) attrs[k] = String(v);
  const children: Element[] = [];
  let text = '';
  for (const c of (node[name] as Record<string, unknown>[]) ?? []) {
    if ('#text' in c) text += String(c['#text']);
    const el = toElement(c);
    if (el) children.push(el);
  }
  return { name, attrs, children, text };
}

/** Parses a document (namespace prefixes removed); `undefined` with the reason when not well-formed. */
export function parseXml(xml: string): { root: Element } | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: `${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col}` };
  const nodes = orderedParser.parse(xml) as Record<string, unknown>[];
  for (const n of nodes) {
    const el = toElement(n);
    if (el) return { root: el };
  }
  return { error: 'no root element' };
}

export const childrenNamed = (el: Element, name: string): Element[] =>
  el.children.filter((c) => c.name === name);

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const escapeValue = (v: string): string => v.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributesGroupName: '@',
  attributeNamePrefix: '',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: false,
  attributeValueProcessor: (_n: string, v: unknown) => escapeValue(String(v)),
  tagValueProcessor: (_n: string, v: unknown) => escapeValue(String(v)),
});

/** An element for the builder: attributes under '@', children by name, text under '#text'. */
export type Node = { '@'?: Record<string, string>; '#text'?: string } & {
  [child: string]: Node | Node[] | string | Record<string, string> | undefined;
};

export function buildXml(rootName: string, root: Node, declaration = LATIN1_DECLARATION): string {
  return declaration + builder.build({ [rootName]: root });
}

/** Text Prima can write as ISO-8859-1: anything beyond it becomes '?' (as a Latin-1 system would). */
export function latin1Safe(s: string): string {
  return s.replace(/[\u{100}-\u{10FFFF}]/gu, '?');
}

/** Decodes a request body by its declared charset (Content-Type, then XML declaration); default UTF-8. */
export function decodeRequest(body: Buffer, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const fromDecl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(
    body.subarray(0, 200).toString('latin1'),
  )?.[1];
  const charset = (fromHeader ?? fromDecl ?? 'utf-8').toLowerCase();
  if (['iso-8859-1', 'latin1', 'latin-1', 'us-ascii'].includes(charset)) return body.toString('latin1');
  return new TextDecoder(charset).decode(body);
}
