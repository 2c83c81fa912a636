/**
 * Prima's error texts -> typed values. An `Error` attribute can hold several messages separated by new
 * lines, each starting "(E:nnn)" and followed on live systems by a "DEV MODE Stack Trace ..." tail that
 * we cut off (prima-omlink.md §1.7). Request-level parse failures carry Progress's number "(14586)".
 */
import { type Problem, problem } from '../monitor/problems.js';
import { PRIMA_CODES } from './assumptions.js';

export interface PrimaError {
  /** "E:21", "E:194", "E:548", ... or "14586" for Progress's SAX parse error, or "" when none was given. */
  code: string;
  /** Prima's words, without the DEV MODE tail. */
  message: string;
  /** The message id from the DEV MODE tail ("E:Exist1", "E:VATINCORD"), when present. */
  msgId?: string;
}

const E_CODE = /\(E:(\d+)\)/;
const PROGRESS_NUMBER = /\((\d{4,6})\)\s*$/;

/** Splits one Prima `Error` value into its messages. */
export function parsePrimaErrors(text: string): PrimaError[] {
  // Messages start on a new line or, when a parser folded the line breaks into spaces, at "(E:".
  const segments = text
    .split(/\r?\n|(?=\(E:\d+\))/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const errors: PrimaError[] = [];
  for (const segment of segments) {
    const devMode = segment.search(/DEV MODE/i);
    const head = (devMode >= 0 ? segment.slice(0, devMode) : segment).trim();
    const tail = devMode >= 0 ? segment.slice(devMode) : '';
    if (head.length === 0) continue; // a stack-trace-only line belongs to the message before it
    const msgId = /\(Msg\s*-\s*([^)]+)\)/.exec(tail)?.[1]?.trim();
    const eCode = E_CODE.exec(head);
    let code = '';
    let message = head;
    if (eCode) {
      code = `E:${eCode[1]}`;
      message = head.replace(E_CODE, '').trim();
    } else {
      const progress = PROGRESS_NUMBER.exec(head);
      if (progress) code = progress[1] ?? '';
    }
    errors.push(msgId === undefined ? { code, message } : { code, message, msgId });
  }
  return errors;
}

export const errorCodes = (errors: PrimaError[]): string[] => [
  ...new Set(errors.map((e) => e.code).filter((c) => c !== '')),
];

const hasCode = (errors: PrimaError[], code: string): boolean => errors.some((e) => e.code === code);

/** Prima's own words, joined for a clerk: "(E:548) Price ... ; (E:194) No valid ...". */
export function primaWords(errors: PrimaError[]): string {
  return errors.map((e) => (e.code ? `(${e.code}) ${e.message}` : e.message)).join('; ');
}

export function duplicateProblem(orderNumber: string, errors: PrimaError[]): Problem {
  return problem(
    'prima_duplicate',
    `Order ${orderNumber} is already in Prima (Prima refused a second order with the same number).`,
    'Verify the order in Prima (its status and lines). If it is this order, it is posted and nothing else is needed; if it is a different order, change the order number prefix in settings.',
    { orderNumber, primaCodes: errorCodes(errors).join(','), prima: primaWords(errors) },
  );
}

export function malformedRequestProblem(subject: string, errors: PrimaError[]): Problem {
  return problem(
    'prima_malformed_request',
    `Prima could not read the request for ${subject}: it says the XML is invalid (Progress error 14586).`,
    'Do not re-send it unchanged. Send the request log entry to your Prima Connect support contact; the order text (notes, names) may contain something the connector failed to encode.',
    { subject, primaCodes: errorCodes(errors).join(','), prima: primaWords(errors) },
  );
}

/** The E:194 texts the logs show as consequences of another error (they name no line or code). */
const GENERIC_FOLLOW_ON = /no valid order lines found|no valid sales-order (line|header) details/i;

function explainCause(e: PrimaError): string {
  const text = e.message.toLowerCase();
  const quoted = `Prima: "${e.message.replace(/\.$/, '')}"`;
  if (/matrix/.test(text))
    return `a width/size (matrix) code on a line is not set up for that product in Prima (${quoted})`;
  if (/product/.test(text) && /(not|no|unknown|invalid|exist)/.test(text))
    return `a product code on a line does not exist in Prima (${quoted})`;
  return e.code ? `(${e.code}) ${e.message.replace(/\.$/, '')}` : e.message.replace(/\.$/, '');
}

/** The causes a clerk should read: specific messages first; the generic follow-ons only when nothing else explains it. */
function causesOf(errors: PrimaError[]): string[] {
  const vat = errors.some((e) => e.code === PRIMA_CODES.vatMismatch);
  const specific = errors.filter(
    (e) => e.code !== PRIMA_CODES.vatMismatch && !GENERIC_FOLLOW_ON.test(e.message),
  );
  if (specific.length > 0) return [...new Set(specific.map(explainCause))];
  if (vat) return []; // every follow-on is explained by the VAT mismatch
  const matrix = errors.find((e) => /matrix/i.test(e.message));
  return matrix ? [explainCause(matrix)] : [];
}

/** Classifies one rejected MultiNewOrder `Data`: the problems a person sees, most specific first. */
export function rejectionProblems(orderNumber: string, errors: PrimaError[]): Problem[] {
  const problems: Problem[] = [];
  const codes = errorCodes(errors).join(',');
  const words = primaWords(errors);
  if (hasCode(errors, PRIMA_CODES.saxParseError))
    return [malformedRequestProblem(`order ${orderNumber}`, errors)];
  if (hasCode(errors, PRIMA_CODES.vatMismatch)) {
    problems.push(
      problem(
        'vat_mode_mismatch',
        `Prima refused order ${orderNumber}: the order's 'prices include VAT' setting differs from the Prima price book it is priced from (Prima error E:548).`,
        "Ask finance which setting the Prima price book for this channel uses and set 'Prices include VAT' in the connector settings to match, then retry the order.",
        { orderNumber, primaCodes: codes, prima: words },
      ),
    );
  }
  const causes = causesOf(errors);
  if (causes.length > 0 || problems.length === 0) {
    const because = causes.length > 0 ? causes.join('; ') : words || 'no reason given';
    problems.push(
      problem(
        'prima_rejected',
        `Prima rejected order ${orderNumber}: ${because}.`,
        'Check the products and width/size codes of this order on the mapping screen against Prima, correct the mapping, then retry the order.',
        { orderNumber, primaCodes: codes, prima: words },
      ),
    );
  }
  return problems;
}
