/**
 * The inner OMLink XML (the document that travels as a string inside the SOAP body). Built and parsed with
 * fast-xml-parser; values are made Latin-1 safe (latin1.ts) and escaped here, including line breaks in
 * attributes, which a conforming XML parser would otherwise turn into spaces.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Substitution, toLatin1 } from './latin1.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>';

/** An element: attributes under `@`, children by name (arrays for repeats). */
export interface XmlElement {
  [name: string]: string | XmlElement | XmlElement[] | Record<string, string> | undefined;
  '@'?: Record<string, string>;
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};
const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"'\n\r\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributesGroupName: '@',
  attributeNamePrefix: '',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  // We escape ourselves so line breaks in attributes survive (see escapeAttribute).
  processEntities: false,
  attributeValueProcessor: (_name: string, value: unknown) => escapeAttribute(String(value)),
  tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
});

export interface BuiltXml {
  xml: string;
  /** Characters that could not travel as ISO-8859-1 and what was sent instead. */
  substitutions: Substitution[];
}

/** Collects Latin-1 substitutions while a request's attribute values are prepared. */
export class Latin1Collector {
  readonly substitutions: Substitution[] = [];

  text(value: string): string {
    const safe = toLatin1(value);
    this.substitutions.push(...safe.substitutions);
    return safe.text;
  }

  attrs(values: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) out[k] = this.text(v);
    return out;
  }
}

/** Serialises one document with the ISO-8859-1 declaration Prima's own examples carry. */
export function buildDocument(rootName: string, root: XmlElement, collector: Latin1Collector): BuiltXml {
  return {
    xml: XML_DECLARATION + builder.build({ [rootName]: root }),
    substitutions: collector.substitutions,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Decodes numeric character references (&#10;) as well as the five XML entities.
  htmlEntities: true,
  isArray: (_name: string, _path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
});

/** A parsed element: attributes, and every child element as an array (document order within a name). */
export interface ParsedElement {
  attrs: Record<string, string>;
  children: Record<string, ParsedElement[]>;
}

function toParsed(node: unknown): ParsedElement {
  const attrs: Record<string, string> = {};
  const children: Record<string, ParsedElement[]> = {};
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '@' && value !== null && typeof value === 'object') {
        for (const [a, v] of Object.entries(value as Record<string, unknown>)) attrs[a] = String(v);
      } else if (key !== '#text' && Array.isArray(value)) {
        children[key] = value.map(toParsed);
      }
    }
  }
  return { attrs, children };
}

export type ParseOutcome = { ok: true; name: string; root: ParsedElement } | { ok: false; reason: string };

/** Parses a Prima reply document; refuses input that is not well-formed XML. */
export function parseDocument(xml: string): ParseOutcome {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `${valid.err.msg} (line ${valid.err.line})` };
  const doc = parser.parse(xml) as Record<string, unknown>;
  const name = Object.keys(doc).find((k) => k !== '?xml');
  if (name === undefined) return { ok: false, reason: 'empty document' };
  const node = doc[name];
  return { ok: true, name, root: toParsed(Array.isArray(node) ? node[0] : node) };
}

export function child(el: ParsedElement, name: string): ParsedElement[] {
  return el.children[name] ?? [];
}
