/**
 * The transport under injected faults: retries with backoff only for transport failures, timeouts, the
 * concurrency limit, and clear problems for configuration mistakes. Backoff waits are injected (no clock).
 */
import { createPrimaGateway, ProblemError, sampleSalesOrder } from '@prima-connect/prima-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.clearFaults();
  sb.state.reset();
});

async function problemOf(p: Promise<unknown>): Promise<ProblemError['problem']> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProblemError) return err.problem;
    throw err;
  }
  throw new Error('expected a ProblemError');
}

describe('retries', () => {
  it('retries a 503 with backoff and succeeds once Prima is back', async () => {
    sb.setFaults({ errorRate: 1, errorKind: 'http_503' });
    const waits: number[] = [];
    const gw = createPrimaGateway({
      url: sb.wsdlUrl,
      retry: { attempts: 3, baseDelayMs: 100 },
      sleep: async (ms) => {
        waits.push(ms);
        sb.clearFaults();
      },
    });
    const [r] = await gw.postOrders([sampleSalesOrder()]);
    expect(r?.outcome).toBe('accepted');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(sb.state.requestLog.map((e) => e.outcome)).toEqual(['INJECTED', 'OK']);
  });

  it('gives up after the configured attempts with a retryable prima_unreachable', async () => {
    sb.setFaults({ errorRate: 1, errorKind: 'reset' });
    const waits: number[] = [];
    const gw = createPrimaGateway({
      url: sb.wsdlUrl,
      retry: { attempts: 3, baseDelayMs: 100 },
      sleep: async (ms) => void waits.push(ms),
    });
    const problem = await problemOf(gw.getOrderStatus('X'));
    expect(problem.code).toBe('prima_unreachable');
    expect(problem.retryable).toBe(true);
    expect(problem.detail?.kind).toBe('reset');
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0 - 1);
  });

  it('does not retry a SOAP fault (wrong company) and explains it', async () => {
    const gw = createPrimaGateway({
      url: sb.wsdlUrl,
      companyId: '9',
      retry: { attempts: 3, baseDelayMs: 1 },
      sleep: async () => undefined,
    });
    const result = await gw.ping();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.detail?.kind).toBe('soap_fault');
    expect(result.problem.message).toContain('Company 9 is not set up');
    expect(result.problem.retryable).toBe(false);
    expect(sb.state.requestLog.filter((e) => e.outcome === 'FAULT')).toHaveLength(1);
  });
});

describe('outages and slowness', () => {
  it('connection refused during an outage window, back after it is cleared', async () => {
    expect((await createPrimaGateway({ url: sb.wsdlUrl, retry: { attempts: 1 } }).ping()).ok).toBe(true);
    sb.setFaults({ outage: { mode: 'refused', durationMs: 60_000 } });
    // A fresh gateway: a pooled keep-alive socket from before the outage would fail as 'reset' instead.
    const gw = createPrimaGateway({ url: sb.wsdlUrl, retry: { attempts: 1 } });
    const down = await gw.ping();
    expect(down.ok === false && down.problem.detail?.kind).toBe('refused');
    expect(down.ok === false && down.problem.message).toMatch(/connection refused/);
    sb.clearFaults();
    await new Promise((r) => setTimeout(r, 50)); // the listener reopens asynchronously
    expect((await gw.ping()).ok).toBe(true);
  });

  it('a hanging Prima times out', async () => {
    sb.setFaults({ outage: { mode: 'hang', durationMs: 60_000 } });
    const gw = createPrimaGateway({ url: sb.wsdlUrl, timeoutMs: 300, retry: { attempts: 1 } });
    // The WSDL is served (GET), the SOAP call hangs.
    const problem = await problemOf(gw.availableToSell());
    expect(problem.detail?.kind).toBe('timeout');
    sb.clearFaults();
  });

  it('a reply trickling slower than the timeout allows also times out', async () => {
    const gw = createPrimaGateway({ url: sb.wsdlUrl, timeoutMs: 400, retry: { attempts: 1 } });
    await gw.ping(); // WSDL loaded at full speed
    sb.setFaults({ slowReplyBytesPerSecond: 200 });
    expect((await problemOf(gw.availableToSell())).detail?.kind).toBe('timeout');
  });

  it('an HTTP 503 outage is reported as such', async () => {
    const gw = createPrimaGateway({ url: sb.wsdlUrl, retry: { attempts: 1 } });
    await gw.ping();
    sb.setFaults({ outage: { mode: '503', durationMs: 60_000 } });
    const down = await gw.ping();
    expect(down.ok === false && down.problem.message).toMatch(/HTTP 503 \(Service Unavailable\)/);
  });

  it('never has more calls in flight than maxConcurrency', async () => {
    sb.setFaults({ latencyMs: 40 });
    const gw = createPrimaGateway({ url: sb.wsdlUrl, maxConcurrency: 2, retry: { attempts: 1 } });
    await gw.ping();
    sb.state.maxInFlight = 0;
    await Promise.all(Array.from({ length: 6 }, (_, i) => gw.getOrderStatus(`N${i}`)));
    expect(sb.state.maxInFlight).toBe(2);
  });
});

describe('short and broken stock replies', () => {
  it('a reply with fewer rows is returned as it came (the stock room guards short replies)', async () => {
    const gw = createPrimaGateway({ url: sb.wsdlUrl, retry: { attempts: 1 } });
    const full = (await gw.availableToSell()).length;
    sb.setFaults({ truncateAts: { mode: 'rows', keepRatio: 0.5 } });
    expect((await gw.availableToSell()).length).toBe(Math.floor(full * 0.5));
  });

  it('a reply cut mid-document is unreadable, retryable', async () => {
    const gw = createPrimaGateway({ url: sb.wsdlUrl, retry: { attempts: 1 } });
    sb.setFaults({ truncateAts: { mode: 'bytes', keepRatio: 0.5 } });
    const problem = await problemOf(gw.availableToSell());
    expect(problem.code).toBe('prima_unreachable');
    expect(problem.detail?.kind).toBe('bad_reply');
    expect(problem.retryable).toBe(true);
  });
});

describe('wrong addresses', () => {
  it('a path that is not a WSDL, and one that does not exist', async () => {
    const notWsdl = createPrimaGateway({ url: `${sb.controlUrl}/settings?wsdl`, retry: { attempts: 1 } });
    const a = await notWsdl.ping();
    expect(a.ok === false && a.problem.detail?.kind).toBe('not_wsdl');
    const missing = createPrimaGateway({
      url: `${sb.url.replace('wsalive/wsalive', 'nope/nope')}/wsdl`,
      retry: { attempts: 1 },
    });
    const b = await missing.ping();
    expect(b.ok === false && b.problem.message).toMatch(/HTTP 404/);
    expect(b.ok === false && b.problem.retryable).toBe(false);
  });
});
