/**
 * EVERY [Inf] ASSUMPTION the Prima gateway makes, in one place (see ../../../../shared/prima-omlink.md
 * for the evidence behind each). Each one is a guess from public material that a customer's WSDL, the
 * "Prima Web Services XML Schema Definition" or a conversation with Prima should confirm. The request
 * shapes Prima's public material does not show at all live in assumed-requests.ts.
 */
import type { PrimaOrderState } from '../model/index.js';

/**
 * Is `OrderLineData/@Price` a unit price or the line value? Unknown (§4: the plugin sent line totals and
 * Prima accepted them without checking). Unit price is the natural reading, so that is the default.
 */
export type LinePriceMeaning = 'unit' | 'line';
export const LINE_PRICE_MEANS: LinePriceMeaning = 'unit';

/** A configured URL that is not itself a WSDL is the service ("instance") address; its WSDL sits under it (§1.2). */
export const WSDL_SUFFIX = '/wsdl?targetURI=urn:omlink';

/** Which WSDL operation parameter carries the company id for `comwsomhandler` (§1.3: names are not public). */
export function isCompanyParameter(name: string): boolean {
  return /comp/i.test(name);
}

/**
 * Which of the operation's output values is the reply document (§1.3: one string in, one string out).
 * An OpenEdge procedure may also return a `result` value: take the one that looks like a Prima <Result>.
 */
export function pickReplyDocument(values: string[]): string | undefined {
  return (
    values.find((v) => /<Result[\s>/]/.test(v)) ?? values.find((v) => v.trim().startsWith('<')) ?? values[0]
  );
}

/** Several orders per MultiNewOrder call is inferred, never observed (§1.6): keep batches small. */
export const MAX_ORDERS_PER_CALL = 10;

/** `OrderDate` format: Prima's only visible date format is AvailableDate's dd/mm/yyyy (§2.4). */
export function formatPrimaDate(isoDateTime: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDateTime);
  if (!m) return '';
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** Prima's Yes/No flags (§2.2 shows `Yes`/`No` for VatInclusive, HoldOrder, consent flags). */
export const yesNo = (flag: boolean): string => (flag ? 'Yes' : 'No');

/** Status texts (§5: only "Cancelled", "Despatched", "Part Despatched" are evidenced; the rest are guesses). */
export const STATUS_TEXTS: Readonly<Record<string, PrimaOrderState>> = {
  entered: 'entered',
  'on hold': 'entered',
  held: 'entered',
  allocated: 'allocated',
  released: 'released',
  'part despatched': 'part_despatched',
  'part dispatched': 'part_despatched',
  'partially despatched': 'part_despatched',
  despatched: 'despatched',
  dispatched: 'despatched',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

export function stateFromStatusText(raw: string): PrimaOrderState {
  return STATUS_TEXTS[raw.trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ')] ?? 'unknown';
}

/**
 * An OrderStatus reply with RequestStatus="ERROR" (other than a parse error) means "Prima does not know this
 * order number": no public log shows one (§2.3), the plugin read it that way, and a wrong "not found" is
 * harmless because re-posting is guarded by Prima's own duplicate check (E:21).
 */
export const ORDER_STATUS_ERROR_MEANS_NOT_FOUND = true;

/** `ping` has no request type of its own: it asks OrderStatus for a number no shop uses (read-only). */
export const PING_ORDER_NUMBER = 'PRIMACONNECT-PING';

/** Matrix codes are matched case-insensitively (§3, [Log]); we send them as mapped, upper-cased. */
export const sendMatrixCode = (code: string): string => code.trim().toUpperCase();

/** The order header values the plugin hard-coded and that we leave empty or take from settings (§2.2). */
export const ORDER_DEFAULTS = {
  /** Consent flags: we do not know the customer's consent, so we never opt them in. */
  consent: 'No',
  payProvider: 'NONE',
} as const;

/** Which reply error codes mean what (§1.7). E:194 alone carries a cause in its text. */
export const PRIMA_CODES = {
  duplicate: 'E:21',
  noValidLines: 'E:194',
  vatMismatch: 'E:548',
  /** Progress's own SAX parse-error number, not an E: code. */
  saxParseError: '14586',
} as const;
