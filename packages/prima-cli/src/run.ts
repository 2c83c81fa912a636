/**
 * The `prima` commands: check a Prima connection, read available-to-sell, read an order's status.
 * Every failure is printed as the Problem's plain-English message and suggested action.
 */
import {
  createPrimaGateway,
  type ItemRef,
  itemRef,
  type Problem,
  ProblemError,
} from '@prima-connect/prima-core';
import { type Command, type Common, parseCommandLine, USAGE } from './args.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** "ETOS/G/080" -> ETOS, G, 080; "ETOS-G-080" -> the same by the separator; "GIFTCARD" -> product only. */
export function parseItem(text: string, separator: string): ItemRef {
  const parts = text.includes('/') ? text.split('/') : text.split(separator);
  const [product = '', ...matrix] = parts.map((p) => p.trim());
  return itemRef(product, ...matrix.slice(0, 4));
}

function gatewayFor(o: Common) {
  // One attempt: a person is waiting, and the message says what to fix.
  return createPrimaGateway({
    url: o.url,
    companyId: o.company,
    timeoutMs: o.timeout,
    retry: { attempts: 1 },
    maxConcurrency: 2,
  });
}

function printProblem(io: Output, p: Problem): void {
  io.err(`Problem: ${p.message}`);
  io.err(`What to do: ${p.action}`);
}

const describeItem = (i: ItemRef): string => [i.product, ...i.matrix.filter((m) => m !== '')].join(' / ');

async function execute(command: Exclude<Command, { kind: 'help' }>, io: Output): Promise<number> {
  const gw = gatewayFor(command.options);
  try {
    if (command.kind === 'ping') {
      const r = await gw.ping();
      if (!r.ok) {
        printProblem(io, r.problem);
        return 1;
      }
      const d = await gw.transport.describe();
      io.out(
        `OK: Prima answered. Company ${r.company || '(not given)'}, operation ${d.operation}, service ${d.endpoint}.`,
      );
      return 0;
    }
    if (command.kind === 'ats') {
      const items = command.items.map((t) => parseItem(t, command.options.separator));
      const rows = await gw.availableToSellFor(items);
      for (const row of rows) {
        const due = row.availableDate ? ` (next due ${row.availableDate})` : '';
        io.out(`${describeItem(row.item)}: ${row.available} available to sell${due}`);
      }
      if (rows.length !== items.length)
        io.err(`Note: asked for ${items.length} items, Prima answered ${rows.length}.`);
      return 0;
    }
    const status = await gw.getOrderStatus(command.orderNumber);
    if (status === null) {
      io.err(`Prima does not know order ${command.orderNumber}.`);
      io.err('What to do: check the number (including its prefix) and the company.');
      return 1;
    }
    io.out(`Order ${status.orderNumber}: ${status.rawStatus || '(no status text)'}`);
    for (const d of status.dispatches) {
      const tracking = d.trackingNumber ? `, tracking ${d.trackingNumber}` : '';
      const lines = d.lines.map((l) => `line ${l.lineNo} x${l.quantity}`).join(', ');
      io.out(
        `  despatch ${d.dispatchId} on ${d.dispatchedAt.slice(0, 10) || '?'} by ${d.carrier || '?'}${d.service ? ` ${d.service}` : ''}${tracking}: ${lines}`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof ProblemError) {
      printProblem(io, err.problem);
      return 1;
    }
    throw err;
  } finally {
    gw.transport.close();
  }
}

/** Runs the command line; returns the process exit code (0 ok, 1 Prima problem, 2 usage). */
export async function runCli(argv: string[], io: Output): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.err(`Error: ${parsed.error}`);
    io.err(USAGE);
    return 2;
  }
  if (parsed.command.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  return execute(parsed.command, io);
}
