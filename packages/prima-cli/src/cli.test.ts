import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  createPrimaGateway,
  describeTransportFailure,
  sampleSalesOrder,
  TransportError,
} from '@prima-connect/prima-core';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseItem, runCli } from './index.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('prima ping', () => {
  it('reports the company and operation on success, for the WSDL and the service address', async () => {
    const r = await run('prima', 'ping', '--url', sb.wsdlUrl);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Company 1, operation wsomhandler');
    expect((await run('prima', 'ping', '--url', sb.url)).code).toBe(0);
    const company2 = await run('prima', 'ping', '--url', sb.pasWsdlUrl, '--company', '2');
    expect(company2.out).toContain('Company 2, operation comwsomhandler');
  });

  it('a company Prima does not have: the SOAP fault in plain words', async () => {
    const r = await run('prima', 'ping', '--url', sb.wsdlUrl, '--company', '9');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Company 9 is not set up in Prima');
    expect(r.err).toContain('check the company number');
  });

  it('connection refused', async () => {
    const gone = await startSandbox({ catalogue: 'empty' });
    const url = gone.wsdlUrl;
    await gone.close();
    const r = await run('prima', 'ping', '--url', url);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Nothing is answering at 127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('an address that answers with something other than a WSDL', async () => {
    const html = http.createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Router login</body></html>'),
    );
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    try {
      const r = await run(
        'prima',
        'ping',
        '--url',
        `http://127.0.0.1:${(html.address() as AddressInfo).port}/wsdl`,
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('answered, but not with a Prima WSDL');
    } finally {
      html.close();
    }
  });

  it('a Prima that does not answer in time', async () => {
    sb.setFaults({ outage: { mode: 'hang', durationMs: 60_000 } });
    try {
      const r = await run('prima', 'ping', '--url', sb.wsdlUrl, '--timeout', '300');
      expect(r.code).toBe(1);
      expect(r.err).toContain('did not answer in time');
    } finally {
      sb.clearFaults();
    }
  });

  it('DNS failures are explained (message for a name that does not resolve)', () => {
    const text = describeTransportFailure(
      new TransportError('dns', 'getaddrinfo ENOTFOUND prima.example', {
        url: 'http://prima.example:8080/wsalive/wsalive',
      }),
    );
    expect(text.message).toBe('The Prima server name "prima.example" could not be found (DNS).');
  });

  it('usage errors exit 2 with the usage text', async () => {
    const missing = await run('prima', 'ping');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('add --url');
    expect((await run('prima', 'ping', '--url', 'ftp://x')).err).toContain('must start with http://');
    expect((await run('prima', 'launch', '--url', sb.url)).err).toContain('unknown prima command');
  });
});

describe('prima ats and status', () => {
  it('reads available-to-sell for SKUs by the separator and PRODUCT/M1/M2', async () => {
    sb.state.setStock(parseItem('KEW-G-060', '-'), 'MAIN', 11);
    sb.state.setStock(parseItem('KEW-G-060', '-'), 'SHOP', 1);
    const r = await run('prima', 'ats', 'KEW-G-060', 'BELT/NONE/32IN', '--url', sb.wsdlUrl);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('KEW / G / 060: 12 available to sell');
    expect(r.out.split('\n')[1]).toMatch(/^BELT \/ NONE \/ 32IN: \d+ available to sell/);
  });

  it('shows an unknown order plainly, and a despatched order with its tracking', async () => {
    const unknown = await run('prima', 'status', 'NOPE', '--url', sb.wsdlUrl);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Prima does not know order NOPE');
    await createPrimaGateway({ url: sb.wsdlUrl }).postOrders([sampleSalesOrder({ orderNumber: 'C1' })]);
    sb.state.dispatch('C1', { carrier: 'RM', service: 'RM48', trackingNumber: 'AB1GB', date: '2026-11-21' });
    const r = await run('prima', 'status', 'C1', '--url', sb.wsdlUrl);
    expect(r.out).toBe(
      'Order C1: Despatched\n  despatch D000001 on 2026-11-21 by RM RM48, tracking AB1GB: line 1 x2, line 2 x1',
    );
  });

  it('runs as `pnpm prima-connect` does (tsx, a real process, exit codes)', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    // Asynchronous: the sandbox answering the child lives in this process's event loop.
    const r = await promisify(execFile)(
      'pnpm',
      ['exec', 'tsx', 'packages/prima-cli/src/main.ts', 'prima', 'ping', '--url', sb.wsdlUrl],
      { cwd: root },
    );
    expect(r.stdout).toContain('OK: Prima answered');
    const failed = await promisify(execFile)(
      'pnpm',
      ['exec', 'tsx', 'packages/prima-cli/src/main.ts', 'prima', 'status', 'NOPE', '--url', sb.wsdlUrl],
      { cwd: root },
    ).then(
      () => ({ code: 0 }),
      (e: { code?: number }) => ({ code: e.code }),
    );
    expect(failed.code).toBe(1);
  }, 30_000);
});
