/**
 * One HTTP exchange with Prima, with a timeout, returning raw bytes (replies are ISO-8859-1, so we decode
 * them ourselves). Network failures become a TransportError with a kind a person can act on.
 */
import http from 'node:http';
import https from 'node:https';

export type TransportFailureKind =
  | 'refused' // nothing listening (wrong host/port, service down)
  | 'dns' // host name not found
  | 'dns_temporary' // resolver not answering
  | 'timeout' // no complete answer in time
  | 'reset' // connection dropped mid-exchange
  | 'tls' // certificate or TLS handshake problem
  | 'http_status' // an HTTP error without a SOAP body (503 from a proxy, 404 for a wrong path)
  | 'not_wsdl' // the WSDL address answered with something else
  | 'no_operation' // the WSDL lacks wsomhandler / comwsomhandler
  | 'soap_fault' // the service answered with a SOAP fault
  | 'bad_reply' // an answer we could not read
  | 'other';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    readonly detail: { url: string; status?: number; code?: string; faultString?: string },
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /** Connection pool to use (each gateway keeps its own, sized to its concurrency limit). */
  agent?: http.Agent;
}

function kindOf(code: string | undefined): TransportFailureKind {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
      return 'dns';
    case 'EAI_AGAIN':
      return 'dns_temporary';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
      return 'reset';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    default:
      if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'tls';
      return 'other';
  }
}

export function httpExchange(req: HttpRequest): Promise<HttpReply> {
  const url = new URL(req.url);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<HttpReply>((resolve, reject) => {
    let settled = false;
    const fail = (err: TransportError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body) headers['Content-Length'] = String(req.body.length);
    const request = lib.request(
      url,
      req.agent ? { method: req.method, headers, agent: req.agent } : { method: req.method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e: NodeJS.ErrnoException) =>
          fail(new TransportError(kindOf(e.code), e.message, { url: req.url, code: e.code ?? '' })),
        );
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(
              new TransportError('reset', 'The connection closed before the reply was complete', {
                url: req.url,
              }),
            );
            return;
          }
          settled = true;
          clearTimeout(timer);
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
        });
      },
    );
    // The whole exchange, not just socket idleness: a server that trickles bytes still times out.
    const timer = setTimeout(() => {
      fail(new TransportError('timeout', `No complete answer within ${req.timeoutMs} ms`, { url: req.url }));
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) =>
      fail(new TransportError(kindOf(e.code), e.message, { url: req.url, code: e.code ?? '' })),
    );
    request.end(req.body);
  });
}

/** Transport failures worth retrying as they are. */
export function isTransient(err: TransportError): boolean {
  if (err.kind === 'http_status') return [408, 429, 500, 502, 503, 504].includes(err.detail.status ?? 0);
  return ['refused', 'dns_temporary', 'timeout', 'reset'].includes(err.kind);
}
