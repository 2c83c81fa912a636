/**
 * The sandbox HTTP server (node:http: a handful of routes, and the outage fault needs to close and reopen
 * the listening socket, which a framework would hide). Serves the WSDL in both URL shapes Prima sites use
 * (classic WSA `/<inst>/<inst>/wsdl?targetURI=urn:omlink`, PAS `/soap/wsdl?targetURI=urn:omlink`), the SOAP
 * endpoint behind each, and the JSON control API under /sandbox/.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type ControlContext, type FaultsInput, handleControl } from './control.js';
import { handleOmlinkRequest } from './omlink.js';
import {
  OPERATIONS,
  type OperationName,
  parseSoapRequest,
  type SoapStyle,
  soapFault,
  soapResponse,
  wsdlFor,
} from './soap.js';
import { type Faults, NO_FAULTS, type SandboxSettings, SandboxState } from './state.js';
import { decodeRequest, latin1Safe } from './xml.js';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** SOAP style the WSDL publishes: wrapped Doc/Lit (Progress's default) or RPC/Encoded. */
  style?: SoapStyle;
  /** WSA instance name in the classic URL shape. */
  instance?: string;
  catalogue?: 'demo' | 'empty';
  settings?: Partial<SandboxSettings>;
  /** Seed for injected error rates. */
  seed?: number;
}

export interface Sandbox {
  /** Classic service ("instance") address, e.g. http://127.0.0.1:PORT/wsalive/wsalive. */
  url: string;
  /** Classic WSDL URL: `${url}/wsdl?targetURI=urn:omlink`. */
  wsdlUrl: string;
  /** PAS for OpenEdge WSDL URL: /soap/wsdl?targetURI=urn:omlink. */
  pasWsdlUrl: string;
  /** Base of the JSON control API. */
  controlUrl: string;
  port: number;
  style: SoapStyle;
  state: SandboxState;
  /** Sets faults (same as POST /sandbox/faults). An outage 'refused' closes the listener until it ends. */
  setFaults(input: FaultsInput): Faults;
  clearFaults(): void;
  close(): Promise<void>;
}

const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const style: SoapStyle = options.style ?? 'document';
  const instance = options.instance ?? 'wsalive';
  const host = options.host ?? '127.0.0.1';
  const stateOptions: ConstructorParameters<typeof SandboxState>[0] = {
    catalogue: options.catalogue ?? 'demo',
  };
  if (options.settings) stateOptions.settings = options.settings;
  if (options.seed !== undefined) stateOptions.seed = options.seed;
  const state = new SandboxState(stateOptions);
  const classicPath = `/${instance}/${instance}`;
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  let port = 0;
  let base = '';
  let reopenTimer: NodeJS.Timeout | undefined;
  let closed = false;

  async function writeReply(
    res: http.ServerResponse,
    status: number,
    contentType: string,
    body: Buffer,
  ): Promise<void> {
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(body.length) });
    const rate = state.faults.slowReplyBytesPerSecond;
    if (rate <= 0) {
      res.end(body);
      return;
    }
    // Trickle the body: ten chunks a second.
    const chunk = Math.max(1, Math.floor(rate / 10));
    for (let i = 0; i < body.length && !res.destroyed; i += chunk) {
      res.write(body.subarray(i, i + chunk));
      await sleep(100);
    }
    res.end();
  }

  const xmlReply = (res: http.ServerResponse, status: number, xml: string): Promise<void> =>
    writeReply(res, status, 'text/xml; charset=ISO-8859-1', Buffer.from(latin1Safe(xml), 'latin1'));

  async function handleSoap(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    serviceStyle: SoapStyle,
  ): Promise<void> {
    const started = Date.now();
    const body = await readBody(req);
    const outage = state.outageNow();
    const logInjected = (status: number, what: string): void =>
      state.log({
        operation: '',
        company: '',
        requestType: '',
        outcome: 'INJECTED',
        httpStatus: status,
        request: '',
        reply: what,
        durationMs: Date.now() - started,
      });
    if (outage === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      logInjected(0, 'outage: hang');
      return;
    }
    if (outage === '503') {
      logInjected(503, 'outage: 503');
      await writeReply(
        res,
        503,
        'text/html',
        Buffer.from('<html><body><h1>503 Service Unavailable</h1></body></html>'),
      );
      return;
    }
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    if (state.faults.errorRate > 0 && state.random() < state.faults.errorRate) {
      const kind = state.faults.errorKind;
      logInjected(kind === 'http_503' ? 503 : kind === 'soap_fault' ? 500 : 0, `error rate: ${kind}`);
      if (kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (kind === 'http_503') {
        await writeReply(
          res,
          503,
          'text/html',
          Buffer.from('<html><body><h1>503 Service Unavailable</h1></body></html>'),
        );
        return;
      }
      await xmlReply(
        res,
        500,
        soapFault('soap:Server', 'Error in SOAP request execution: the AppServer is busy (injected)'),
      );
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const envelope = decodeRequest(body, contentType);
    const call = parseSoapRequest(envelope);
    if ('error' in call) {
      state.log({
        operation: '',
        company: '',
        requestType: '',
        outcome: 'FAULT',
        httpStatus: 500,
        request: body.toString('latin1'),
        reply: call.error,
        durationMs: Date.now() - started,
      });
      await xmlReply(res, 500, soapFault('soap:Client', call.error));
      return;
    }
    const operation = call.operation as OperationName;
    if (!OPERATIONS.includes(operation)) {
      await xmlReply(
        res,
        500,
        soapFault('soap:Client', `Operation ${call.operation} is not defined in urn:omlink`),
      );
      return;
    }
    const names = Object.keys(call.params);
    const companyParam = operation === 'comwsomhandler' ? names.find((n) => /comp/i.test(n)) : undefined;
    const requestParam = names.find((n) => /request/i.test(n)) ?? names.find((n) => n !== companyParam);
    const company =
      companyParam !== undefined ? (call.params[companyParam] ?? '').trim() : state.settings.company;
    const requestXml = requestParam !== undefined ? (call.params[requestParam] ?? '') : '';
    if (!state.settings.companies.includes(company)) {
      const fault = `Company ${company || '(blank)'} is not set up in Prima`;
      state.log({
        operation,
        company,
        requestType: '',
        outcome: 'FAULT',
        httpStatus: 500,
        request: requestXml,
        reply: fault,
        durationMs: Date.now() - started,
      });
      await xmlReply(res, 500, soapFault('soap:Server', fault));
      return;
    }
    // The handler is synchronous, so swapping the company for this call cannot leak into another.
    const defaultCompany = state.settings.company;
    state.settings.company = company;
    let outcome: ReturnType<typeof handleOmlinkRequest>;
    try {
      outcome = handleOmlinkRequest(state, requestXml);
    } finally {
      state.settings.company = defaultCompany;
    }
    state.log({
      operation,
      company,
      requestType: outcome.requestType,
      outcome: outcome.ok ? 'OK' : 'ERROR',
      httpStatus: 200,
      request: requestXml,
      reply: outcome.reply,
      durationMs: Date.now() - started,
      envelope: envelope.slice(0, 20_000),
      contentType,
    });
    await xmlReply(res, 200, soapResponse(serviceStyle, operation, outcome.reply));
  }

  const control: ControlContext = { state, applyFaults, clearFaults };

  async function handleControlRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        res
          .writeHead(400, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: 'Body is not JSON' }));
        return;
      }
    }
    const result = handleControl(
      control,
      req.method ?? 'GET',
      url.pathname.slice('/sandbox'.length) || '/',
      url.searchParams,
      body,
    );
    res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(result.body), () => result.after?.());
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname.replace(/\/+$/, '');
    const run = async (): Promise<void> => {
      if (path.startsWith('/sandbox')) return handleControlRequest(req, res, url);
      if (req.method === 'GET' && (path === `${classicPath}/wsdl` || path === '/soap/wsdl')) {
        const serviceUrl = path === '/soap/wsdl' ? `${base}/soap` : `${base}${classicPath}`;
        return writeReply(
          res,
          200,
          'text/xml; charset=UTF-8',
          Buffer.from(wsdlFor(style, serviceUrl), 'utf8'),
        );
      }
      if (req.method === 'POST' && (path === classicPath || path === '/soap')) {
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        res.on('close', () => {
          state.inFlight--;
        });
        return handleSoap(req, res, style);
      }
      res
        .writeHead(404, { 'Content-Type': 'text/html' })
        .end('<html><body><h1>404 Not Found</h1></body></html>');
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolve();
      });
    });

  const stopListening = (): void => {
    server.close();
    for (const s of sockets) s.destroy();
  };

  function applyFaults(input: FaultsInput): Faults {
    const f = state.faults;
    if (input.latencyMs !== undefined) f.latencyMs = input.latencyMs;
    if (input.errorRate !== undefined) f.errorRate = input.errorRate;
    if (input.errorKind !== undefined) f.errorKind = input.errorKind;
    if (input.slowReplyBytesPerSecond !== undefined)
      f.slowReplyBytesPerSecond = input.slowReplyBytesPerSecond;
    if (input.truncateAts !== undefined) f.truncateAts = input.truncateAts ?? undefined;
    if (input.outage) {
      f.outage = { mode: input.outage.mode, untilMs: Date.now() + input.outage.durationMs };
      if (input.outage.mode === 'refused' && server.listening) {
        // Connection refused for real: nobody listens on the port until the window ends.
        stopListening();
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(() => {
          f.outage = undefined;
          if (!closed) listen(port).catch(() => undefined);
        }, input.outage.durationMs);
      }
    }
    return f;
  }

  function clearFaults(): void {
    const wasRefused = state.faults.outage?.mode === 'refused';
    state.faults = { ...NO_FAULTS };
    for (const res of hanging) res.destroy();
    if (wasRefused && !server.listening && !closed) {
      clearTimeout(reopenTimer);
      void listen(port).catch(() => undefined);
    }
  }

  await listen(options.port ?? 0);
  port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${base}${classicPath}`,
    wsdlUrl: `${base}${classicPath}/wsdl?targetURI=urn:omlink`,
    pasWsdlUrl: `${base}/soap/wsdl?targetURI=urn:omlink`,
    controlUrl: `${base}/sandbox`,
    port,
    style,
    state,
    setFaults: applyFaults,
    clearFaults,
    close: async () => {
      closed = true;
      clearTimeout(reopenTimer);
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
