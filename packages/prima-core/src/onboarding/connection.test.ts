import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testPrimaConnection } from './connection.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(status: number, body: string, contentType = 'text/html'): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('testPrimaConnection', () => {
  it('refuses incomplete details before calling anything', async () => {
    const r = await testPrimaConnection({ url: 'not a url' });
    expect(r.ok).toBe(false);
    expect(r.problem?.message).toContain('not a web address');
    expect(r.problem?.retryable).toBe(false);
  });

  it('explains a refused connection', async () => {
    const port = await closedPort();
    const r = await testPrimaConnection({
      url: `http://127.0.0.1:${port}/wsalive/wsalive/wsdl?targetURI=urn:omlink`,
    });
    expect(r.ok).toBe(false);
    expect(r.problem?.detail?.kind).toBe('refused');
    expect(r.problem?.message).toContain('connection refused');
  });

  it('explains an unknown server name (DNS)', async () => {
    const r = await testPrimaConnection({
      url: 'http://prima.invalid/wsalive/wsalive/wsdl?targetURI=urn:omlink',
      timeoutMs: 5000,
    });
    expect(r.ok).toBe(false);
    expect(['dns', 'dns_temporary']).toContain(r.problem?.detail?.kind);
  });

  it('explains an HTTP 404 with the path to use', async () => {
    const base = await serve(404, 'nope');
    const r = await testPrimaConnection({ url: `${base}/wrong/wsdl?targetURI=urn:omlink` });
    expect(r.ok).toBe(false);
    expect(r.problem?.message).toContain('HTTP 404');
    expect(r.problem?.action).toContain('WSDL address');
  });

  it('explains an address that answers with something other than a WSDL', async () => {
    const base = await serve(200, '<html><body>Welcome to our intranet</body></html>');
    const r = await testPrimaConnection({ url: `${base}/index/wsdl?targetURI=urn:omlink` });
    expect(r.ok).toBe(false);
    expect(r.problem?.detail?.kind).toBe('not_wsdl');
    expect(r.problem?.message).toContain('not with a Prima WSDL');
  });

  it('explains a server that never answers (timeout)', async () => {
    server = createServer(() => {
      /* never answers */
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const r = await testPrimaConnection({
      url: `http://127.0.0.1:${port}/wsalive/wsalive/wsdl?targetURI=urn:omlink`,
      timeoutMs: 300,
    });
    expect(r.ok).toBe(false);
    expect(r.problem?.detail?.kind).toBe('timeout');
    expect(r.problem?.message).toContain('did not answer in time');
    server.closeAllConnections();
  });

  it('explains an HTTP server error', async () => {
    const base = await serve(503, 'down for maintenance');
    const r = await testPrimaConnection({ url: `${base}/wsalive/wsalive/wsdl?targetURI=urn:omlink` });
    expect(r.ok).toBe(false);
    expect(r.problem?.message).toContain('HTTP 503 (Service Unavailable)');
    expect(r.problem?.retryable).toBe(true);
  });
});
