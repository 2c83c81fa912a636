import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ActionParams, ActionResponse } from '../actions/http.js';

/**
 * What I/O Runtime does in front of a raw-http web action, for local use (playground, tests): the request
 * becomes `__ow_method/__ow_headers/__ow_body/__ow_query/__ow_path` params, the action's
 * `{statusCode, headers, body}` becomes the response.
 */
export type Handler = (params: ActionParams) => Promise<ActionResponse>;

export async function toParams(req: IncomingMessage, pathPrefix = ''): Promise<ActionParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://local');
  return {
    __ow_method: (req.method ?? 'GET').toLowerCase(),
    __ow_headers: req.headers as Record<string, string>,
    __ow_body: Buffer.concat(chunks).toString('utf8'),
    __ow_query: url.search.slice(1),
    __ow_path: url.pathname.slice(pathPrefix.length) || '/',
  };
}

export function send(res: ServerResponse, out: ActionResponse): void {
  const headers = out.headers ?? { 'content-type': 'application/json' };
  const isJson = (headers['content-type'] ?? 'application/json').includes('json');
  res.writeHead(out.statusCode, headers);
  res.end(
    isJson || (typeof out.body !== 'string' && !Buffer.isBuffer(out.body))
      ? JSON.stringify(out.body)
      : (out.body as string | Buffer),
  );
}

/** Listens on 127.0.0.1 (port 0 = any free port) and routes by path prefix, longest first. */
export async function serveHandlers(
  routes: Record<string, Handler>,
  fallback?: Handler,
  opts: { port?: number; host?: string } = {},
): Promise<{ server: Server; url: string }> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      const prefix = prefixes.find((p) => path === p || path.startsWith(`${p}/`));
      const handler = prefix !== undefined ? routes[prefix] : fallback;
      if (!handler) return send(res, { statusCode: 404, body: { error: 'not found' } });
      send(res, await handler(await toParams(req, prefix ?? '')));
    } catch (error) {
      send(res, { statusCode: 500, body: { error: String(error) } });
    }
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((r) => server.listen(opts.port ?? 0, host, r));
  const addr = server.address();
  return { server, url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : 0}` };
}
