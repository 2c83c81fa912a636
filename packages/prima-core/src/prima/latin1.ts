/**
 * Prima reads and writes ISO-8859-1 (Latin-1). Our policy for text that does not fit (emoji, Cyrillic,
 * Polish "ł", curly quotes...): transliterate where a faithful Latin-1 spelling exists, otherwise '?'.
 * Every change is recorded so the caller can log it next to the order. Numeric character references
 * (&#x263A;) were considered and rejected: nobody has tested them against a real Prima, and a clerk
 * reading "?" in Prima is better than an order refused for a smiley in the delivery note.
 */

export interface Substitution {
  /** The character(s) that could not be sent as they were. */
  original: string;
  /** What was sent instead ('' when the character was dropped). */
  replacement: string;
}

export interface Latin1Text {
  text: string;
  substitutions: Substitution[];
}

// Spellings NFKD cannot produce (letters without a decomposition, typography, currency).
const EXTRA: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  œ: 'oe',
  Œ: 'OE',
  ŧ: 't',
  Ŧ: 'T',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2022': '*',
  '\u20AC': 'EUR',
  '\u2116': 'No',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function isLatin1(s: string): boolean {
  for (const ch of s) {
    if ((ch.codePointAt(0) ?? 0) > 0xff) return false;
  }
  return true;
}

/** XML 1.0 forbids most C0 controls even as references: they can never reach Prima. */
function isXmlForbiddenControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    (code >= 0x80 && code <= 0x9f)
  );
}

function transliterate(ch: string): string {
  const extra = EXTRA[ch];
  if (extra !== undefined) return extra;
  const decomposed = ch.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (
    decomposed.length > 0 &&
    isLatin1(decomposed) &&
    ![...decomposed].some((c) => isXmlForbiddenControl(c.codePointAt(0) ?? 0))
  ) {
    return decomposed;
  }
  return '?';
}

/** Makes text safe to send to Prima as ISO-8859-1, recording every change. */
export function toLatin1(input: string): Latin1Text {
  // NFC first: "e" + combining acute becomes the single Latin-1 letter "é" instead of "e?".
  const text = input.normalize('NFC');
  const substitutions: Substitution[] = [];
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (isXmlForbiddenControl(code)) {
      substitutions.push({ original: ch, replacement: '' });
    } else if (code <= 0xff) {
      out += ch;
    } else {
      const replacement = transliterate(ch);
      substitutions.push({ original: ch, replacement });
      out += replacement;
    }
  }
  return { text: out, substitutions };
}

/** Bytes for the wire. Throws if a caller skipped `toLatin1` (a programming error, not a data one). */
export function encodeLatin1(text: string): Buffer {
  if (!isLatin1(text)) throw new Error('encodeLatin1: text contains characters outside ISO-8859-1');
  return Buffer.from(text, 'latin1');
}

/** Decodes a reply body with the charset its Content-Type names, else its XML declaration (RFC 3023 order). */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const head = body.subarray(0, 200).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1];
  const charset = (fromHeader ?? fromDeclaration ?? 'utf-8').toLowerCase();
  if (charset === 'iso-8859-1' || charset === 'latin1' || charset === 'latin-1' || charset === 'us-ascii') {
    return body.toString('latin1');
  }
  return new TextDecoder(charset, { fatal: false }).decode(body);
}
