/** Command-line arguments, validated with zod: `prima ping|ats <item>|status <order> --url <url> [--company N]`. */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `usage:
  prima-connect prima ping --url <wsdl-or-service-url> [--company N] [--timeout ms]
  prima-connect prima ats <SKU|PRODUCT/M1/M2> [more...] --url <url> [--company N] [--separator -]
  prima-connect prima status <ORDERNO> --url <url> [--company N]

  --url       the Prima WSDL address (http://host:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink or
              http://host/soap/wsdl?targetURI=urn:omlink) or the service address without /wsdl
  --company   Prima company id, for multi-company sites (uses comwsomhandler)
  --separator how a SKU splits into product and matrix codes (default "-": ETOS-G-080)
  --timeout   milliseconds to wait for Prima (default 15000)`;

const common = z.object({
  url: z
    .string({ error: 'the Prima address is missing: add --url <wsdl-or-service-url>' })
    .refine(
      (u) => /^https?:\/\/[^/]+/i.test(u),
      'the Prima address must start with http:// or https:// and name a host',
    ),
  company: z
    .string()
    .regex(/^[A-Za-z0-9]{1,20}$/, 'the company must be letters or digits, e.g. --company 2')
    .optional(),
  timeout: z.coerce
    .number()
    .int()
    .min(100, 'the timeout is in milliseconds, at least 100')
    .max(300_000)
    .default(15_000),
  separator: z.string().min(1).max(3).default('-'),
});

export type Common = z.infer<typeof common>;

export type Command =
  | { kind: 'ping'; options: Common }
  | { kind: 'ats'; items: string[]; options: Common }
  | { kind: 'status'; orderNumber: string; options: Common }
  | { kind: 'help' };

export type ParsedArgs = { ok: true; command: Command } | { ok: false; error: string };

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        company: { type: 'string' },
        timeout: { type: 'string' },
        separator: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const [group, verb, ...rest] = parsed.positionals;
  if (parsed.values.help || group === undefined || group === 'help')
    return { ok: true, command: { kind: 'help' } };
  if (group !== 'prima') return { ok: false, error: `unknown command "${group}" (try: prima ping)` };
  const opts = common.safeParse(parsed.values);
  if (!opts.success) return { ok: false, error: opts.error.issues.map((i) => i.message).join('; ') };
  switch (verb) {
    case 'ping':
      return { ok: true, command: { kind: 'ping', options: opts.data } };
    case 'ats':
      if (rest.length === 0) return { ok: false, error: 'ats needs at least one SKU or PRODUCT/M1/M2' };
      return { ok: true, command: { kind: 'ats', items: rest, options: opts.data } };
    case 'status':
      if (rest.length !== 1 || !rest[0])
        return { ok: false, error: 'status needs exactly one Prima order number' };
      return { ok: true, command: { kind: 'status', orderNumber: rest[0], options: opts.data } };
    default:
      return { ok: false, error: `unknown prima command "${verb ?? ''}" (ping, ats or status)` };
  }
}
