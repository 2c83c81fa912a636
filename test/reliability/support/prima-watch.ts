/**
 * Watches what reaches the Prima sandbox (in process): every OMLink request is counted and its inner XML
 * checked for well-formedness with a real XML parser, so the scenarios can say "no order sent twice"
 * and "the Prima XML stayed well-formed" from evidence, not from our own code's say-so. The sandbox's own
 * request log keeps only the last 1,000 entries, hence this tap on its `log` method.
 */
import type { Sandbox } from '@prima-connect/prima-sandbox';
import { XMLValidator } from 'fast-xml-parser';

export interface PrimaWatch {
  /** MultiNewOrder / NewOrder requests that reached Prima's business logic. */
  orderRequests: number;
  /** Order blocks in those requests, by Prima order number (a number seen twice was sent twice). */
  ordersSent: Map<string, number>;
  /** Replies saying "already exists" (E:21): a resend that Prima refused. */
  e21: number;
  /** Requests whose inner XML was not well-formed, or that Prima answered with 14586. */
  malformed: { requestType: string; why: string }[];
  /** Requests answered by an injected fault (outage, 503, error rate). */
  injected: number;
  total: number;
}

const ORDER_NUMBER = /\bOrderNumber="([^"]*)"/g;

export function watchPrima(sandbox: Sandbox): PrimaWatch {
  const watch: PrimaWatch = {
    orderRequests: 0,
    ordersSent: new Map(),
    e21: 0,
    malformed: [],
    injected: 0,
    total: 0,
  };
  const state = sandbox.state;
  const original = state.log.bind(state);
  state.log = (entry) => {
    watch.total++;
    if (entry.outcome === 'INJECTED') watch.injected++;
    if (entry.request) {
      const valid = XMLValidator.validate(entry.request);
      if (valid !== true) watch.malformed.push({ requestType: entry.requestType, why: valid.err.msg });
    }
    if (entry.reply.includes('(14586)'))
      watch.malformed.push({ requestType: entry.requestType, why: 'Prima: 14586' });
    if (entry.requestType === 'MultiNewOrder' || entry.requestType === 'NewOrder') {
      watch.orderRequests++;
      // Reading the numbers back out of the request text is only for counting; the XML was validated above.
      const numbers = new Set([...entry.request.matchAll(ORDER_NUMBER)].map((m) => m[1] ?? ''));
      for (const n of numbers) watch.ordersSent.set(n, (watch.ordersSent.get(n) ?? 0) + 1);
      watch.e21 += (entry.reply.match(/\(E:21\)/g) ?? []).length;
    }
    original(entry);
  };
  return watch;
}
