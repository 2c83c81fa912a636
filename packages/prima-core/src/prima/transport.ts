/**
 * SOAP 1.1 transport to Prima's OMLink service, driven by the customer's WSDL through the `soap` package
 * (it builds wrapped Doc/Lit, RPC/Literal and RPC/Encoded envelopes from the WSDL), with our own HTTP
 * client underneath so that requests go out as ISO-8859-1 bytes and replies are decoded by their charset,
 * with timeouts, a concurrency limit, and retries with backoff for transport failures only.
 */
import http from 'node:http';
import https from 'node:https';
import * as soap from 'soap';
import type { Logger } from '../ports.js';
import { isCompanyParameter, pickReplyDocument, WSDL_SUFFIX } from './assumptions.js';
import { type HttpReply, httpExchange, isTransient, TransportError } from './http.js';
import { decodeBody, encodeLatin1, toLatin1 } from './latin1.js';

export interface TransportOptions {
  /** WSDL URL (classic `.../<inst>/<inst>/wsdl?targetURI=urn:omlink`, PAS `/soap/wsdl?...`) or service address. */
  url: string;
  /** Multi-company sites: calls go through `comwsomhandler` with this company. */
  companyId?: string | undefined;
  timeoutMs?: number;
  maxConcurrency?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  logger?: Logger;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PrimaUrls {
  wsdlUrl: string;
  /** Set when the configured URL is the service address itself: calls go there whatever the WSDL says. */
  serviceUrl?: string;
}

/** Where the WSDL is, for any of the accepted URL shapes. */
export function resolvePrimaUrls(configured: string): PrimaUrls {
  const url = new URL(configured.trim());
  const path = url.pathname.toLowerCase();
  const isWsdl =
    path.endsWith('/wsdl') || path.endsWith('.wsdl') || /(^|[?&])wsdl(=|&|$)/i.test(url.search.slice(1));
  if (isWsdl) return { wsdlUrl: url.href };
  const base = url.href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return { wsdlUrl: base + WSDL_SUFFIX, serviceUrl: base };
}

/** A counting semaphore: at most `limit` calls to Prima in flight for this gateway. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const SOAP_ENVELOPE = /<([\w-]+:)?Envelope[\s>]/;

/** The `soap` package's HTTP client contract, implemented over httpExchange with Latin-1 bytes on the wire. */
class Latin1HttpClient {
  constructor(
    private readonly timeoutMs: number,
    private readonly agentFor: (url: string) => http.Agent,
  ) {}

  request(
    rurl: string,
    data: unknown,
    callback: (error: unknown, res?: unknown, body?: unknown) => unknown,
    exheaders?: Record<string, string>,
  ): Promise<unknown> {
    const run = async (): Promise<{ status: number; headers: Record<string, string>; data: string }> => {
      const headers: Record<string, string> = { Accept: 'text/xml, application/xml, */*', ...exheaders };
      let body: Buffer | undefined;
      if (typeof data === 'string') {
        // The envelope declares UTF-8 by default; we send, and declare, ISO-8859-1 like Prima's own examples.
        const xml = data.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>');
        body = encodeLatin1(xml);
        headers['Content-Type'] = 'text/xml; charset=ISO-8859-1';
      }
      const reply: HttpReply = await httpExchange({
        url: rurl,
        method: body ? 'POST' : 'GET',
        headers,
        body,
        timeoutMs: this.timeoutMs,
        agent: this.agentFor(rurl),
      });
      const text = decodeBody(reply.body, reply.headers['content-type']);
      if (reply.status >= 400 && !SOAP_ENVELOPE.test(text)) {
        throw new TransportError('http_status', `HTTP ${reply.status}`, { url: rurl, status: reply.status });
      }
      return { status: reply.status, headers: reply.headers, data: text };
    };
    return run().then(
      (res) => callback(null, res, res.data),
      (err: unknown) => callback(err),
    );
  }
}

/** True when a WSDL document was returned (a `definitions` root in any prefix). */
function looksLikeWsdl(text: string): boolean {
  return /<([\w-]+:)?definitions[\s>]/.test(text) && /schemas\.xmlsoap\.org\/wsdl\//.test(text);
}

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (k !== 'attributes' && k !== '$attributes') stringLeaves(v, out);
  }
  return out;
}

type SoapOptions = NonNullable<Parameters<typeof soap.createClientAsync>[1]>;

interface Operation {
  name: 'wsomhandler' | 'comwsomhandler';
  requestParam: string;
  companyParam?: string;
  /** All input parameter names in WSDL order, so sequences and RPC parts go out in order. */
  params: string[];
}

interface Connected {
  client: soap.Client;
  operation: Operation;
  endpoint: string;
}

export interface SoapCallResult {
  /** The reply document (the inner `<Result>` XML). */
  xml: string;
  attempts: number;
}

/** A connection to one Prima service: WSDL read once, then one call per request document. */
export class PrimaTransport {
  private connected?: Promise<Connected>;
  private readonly limiter: Limiter;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  readonly urls: PrimaUrls;

  constructor(private readonly options: TransportOptions) {
    this.urls = resolvePrimaUrls(options.url);
    this.limiter = new Limiter(options.maxConcurrency ?? 4);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = Math.max(1, options.retry?.attempts ?? 3);
    this.baseDelayMs = options.retry?.baseDelayMs ?? 500;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    // Our own keep-alive pool, no larger than the concurrency limit: Prima sees at most that many sockets.
    const maxSockets = options.maxConcurrency ?? 4;
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  private agentFor = (url: string): http.Agent =>
    url.startsWith('https:') ? this.httpsAgent : this.httpAgent;

  /** Closes pooled connections (tests, shutdown). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** SOAP style the WSDL declares for the operation in use ('document' | 'rpc'), once connected. */
  async describe(): Promise<{ endpoint: string; operation: string; params: string[] }> {
    const c = await this.connect();
    return { endpoint: c.endpoint, operation: c.operation.name, params: c.operation.params };
  }

  private connect(): Promise<Connected> {
    if (!this.connected) {
      this.connected = this.openClient();
      // A failed connection attempt is not cached: the next call tries again.
      this.connected.catch(() => {
        this.connected = undefined;
      });
    }
    return this.connected;
  }

  private async openClient(): Promise<Connected> {
    const { wsdlUrl } = this.urls;
    const reply = await httpExchange({
      url: wsdlUrl,
      method: 'GET',
      headers: { Accept: 'text/xml, application/xml, */*' },
      timeoutMs: this.timeoutMs,
      agent: this.agentFor(wsdlUrl),
    });
    const text = decodeBody(reply.body, reply.headers['content-type']);
    if (reply.status >= 400)
      throw new TransportError('http_status', `HTTP ${reply.status} for the WSDL`, {
        url: wsdlUrl,
        status: reply.status,
      });
    if (!looksLikeWsdl(text)) {
      throw new TransportError(
        'not_wsdl',
        `The address answered, but not with a WSDL (${reply.headers['content-type'] ?? 'no content type'})`,
        { url: wsdlUrl },
      );
    }
    const wsdlText = text.trimStart().startsWith('<?xml')
      ? text.trimStart()
      : `<?xml version="1.0"?>${text.trimStart()}`;
    const client = await soap.createClientAsync(wsdlText, {
      // soap types the client as returning an axios promise; it never uses that value (see soap/lib/client.js).
      httpClient: new Latin1HttpClient(this.timeoutMs, this.agentFor) as unknown as SoapOptions['httpClient'],
      disableCache: true,
    });
    const endpoint = this.chooseEndpoint(client, wsdlUrl);
    client.setEndpoint(endpoint);
    if (/use\s*=\s*["']encoded["']/.test(wsdlText)) {
      // RPC/Encoded: soap 1.13 compares the binding object to 'encoded' and so never declares the encoding
      // style itself; declared on Body it covers the whole call (SOAP 1.1 §4.1.1).
      client.addBodyAttribute({ 'soap:encodingStyle': 'http://schemas.xmlsoap.org/soap/encoding/' });
    }
    return { client, operation: this.chooseOperation(client, wsdlUrl), endpoint };
  }

  /** The WSDL's soap:address, moved onto the host the merchant configured when it names another (NAT, internal names). */
  private chooseEndpoint(client: soap.Client, wsdlUrl: string): string {
    if (this.urls.serviceUrl) return this.urls.serviceUrl;
    const services = (client.wsdl.definitions.services ?? {}) as Record<
      string,
      { ports?: Record<string, { location?: string }> }
    >;
    const declared = Object.values(services)
      .flatMap((s) => Object.values(s.ports ?? {}))
      .map((p) => p.location)
      .find((l) => typeof l === 'string');
    const configured = new URL(wsdlUrl);
    if (!declared) return configured.href.replace(/\/wsdl([?#].*)?$/i, '');
    const address = new URL(declared, configured);
    if (address.host !== configured.host) {
      address.protocol = configured.protocol;
      address.host = configured.host;
    }
    return address.href;
  }

  private chooseOperation(client: soap.Client, wsdlUrl: string): Operation {
    const name = this.options.companyId ? 'comwsomhandler' : 'wsomhandler';
    const description = client.describe() as Record<
      string,
      Record<string, Record<string, { input?: unknown }>>
    >;
    for (const service of Object.values(description)) {
      for (const port of Object.values(service)) {
        const op = port[name];
        if (!op) continue;
        const input = (op.input ?? {}) as Record<string, unknown>;
        const params = Object.keys(input).filter((k) => k !== 'targetNSAlias' && k !== 'targetNamespace');
        const companyParam = this.options.companyId ? params.find(isCompanyParameter) : undefined;
        const requestParam = params.find((p) => p !== companyParam);
        if (requestParam === undefined) break;
        return companyParam === undefined
          ? { name, requestParam, params }
          : { name, requestParam, companyParam, params };
      }
    }
    throw new TransportError('no_operation', `The WSDL has no usable ${name} operation`, { url: wsdlUrl });
  }

  /** Sends one request document; returns the reply document. Throws TransportError after the retries. */
  async call(requestXml: string): Promise<SoapCallResult> {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const xml = await this.limiter.run(() => this.callOnce(requestXml));
        return { xml, attempts: attempt };
      } catch (err) {
        const failure = toTransportError(err, this.urls.wsdlUrl);
        if (!isTransient(failure) || attempt >= this.attempts) throw failure;
        const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        const jittered = Math.round(delay / 2 + Math.random() * (delay / 2));
        this.options.logger?.warn(
          { kind: failure.kind, attempt, retryInMs: jittered },
          'prima call failed, retrying',
        );
        await this.sleep(jittered);
      }
    }
  }

  private async callOnce(requestXml: string): Promise<string> {
    const { client, operation } = await this.connect();
    const args: Record<string, string> = {};
    for (const p of operation.params) {
      // The company id travels in the same ISO-8859-1 envelope as the request document.
      args[p] =
        p === operation.companyParam
          ? toLatin1(this.options.companyId ?? '').text
          : p === operation.requestParam
            ? requestXml
            : '';
    }
    const method = (client as unknown as Record<string, unknown>)[`${operation.name}Async`];
    if (typeof method !== 'function')
      throw new TransportError('no_operation', `No ${operation.name} method`, { url: this.urls.wsdlUrl });
    const [result] = (await (method as (a: Record<string, string>) => Promise<unknown[]>).call(
      client,
      args,
    )) as [unknown];
    const reply = pickReplyDocument(stringLeaves(result).filter((s) => s.trim() !== ''));
    if (reply === undefined)
      throw new TransportError('bad_reply', 'The SOAP reply carried no Prima document', {
        url: this.urls.wsdlUrl,
      });
    return reply;
  }
}

interface SoapFaultShape {
  root?: { Envelope?: { Body?: { Fault?: { faultstring?: unknown; faultcode?: unknown } } } };
}

/** Anything the soap package or the network threw, as a TransportError. */
export function toTransportError(err: unknown, url: string): TransportError {
  if (err instanceof TransportError) return err;
  const fault = (err as SoapFaultShape | null)?.root?.Envelope?.Body?.Fault;
  if (fault) {
    const faultString = String(fault.faultstring ?? fault.faultcode ?? 'SOAP fault');
    return new TransportError('soap_fault', faultString, { url, faultString });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new TransportError('bad_reply', message, { url });
}
