/**
 * The wizard's "connect Prima" test: one ping, one attempt (a person is waiting), and every failure as a
 * Problem whose words come from the prima room (transport-problems.ts), the same words the CLI prints.
 */
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import type { PrimaGateway } from '../ports.js';
import { createPrimaGateway } from '../prima/gateway.js';
import { primaConnectionSchema } from '../settings.js';

export type PrimaConnectionInput = {
  url: string;
  companyId?: string | undefined;
  timeoutMs?: number | undefined;
};

export interface ConnectionTestResult {
  ok: boolean;
  /** The company Prima says it answered for (multi-company sites). */
  company?: string;
  problem?: Problem;
}

function badInput(why: string): Problem {
  return problem(
    'prima_unreachable',
    `The Prima connection details are not complete: ${why}.`,
    'Enter the Prima address your Prima administrator gave you (it starts with http:// or https://), and the company number if your site has several companies.',
    { kind: 'invalid_input' },
    false,
  );
}

/** Pings through a gateway the caller already has (the engine's, with the tenant's limits). */
export async function pingPrima(gateway: Pick<PrimaGateway, 'ping'>): Promise<ConnectionTestResult> {
  try {
    const r = await gateway.ping();
    return r.ok ? { ok: true, company: r.company } : { ok: false, problem: r.problem };
  } catch (error) {
    if (error instanceof ProblemError) return { ok: false, problem: error.problem };
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: problem(
        'prima_unreachable',
        `Prima could not be reached (${why}).`,
        'Check the Prima address and the network; ask IT if it persists.',
        { kind: 'unknown' },
        false,
      ),
    };
  }
}

/**
 * Tests connection details typed into the wizard (not yet saved). Refused, DNS, timeout, "not a WSDL",
 * SOAP fault (e.g. a company Prima does not have) and HTTP errors each come back with their own words.
 */
export async function testPrimaConnection(input: PrimaConnectionInput): Promise<ConnectionTestResult> {
  const parsed = primaConnectionSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'address';
    return {
      ok: false,
      problem: badInput(`the ${field === 'url' ? 'address is not a web address' : `${field} is not valid`}`),
    };
  }
  const gateway = createPrimaGateway({
    url: parsed.data.url,
    companyId: parsed.data.companyId,
    timeoutMs: parsed.data.timeoutMs,
    retry: { attempts: 1 },
    maxConcurrency: 1,
  });
  return pingPrima(gateway);
}
