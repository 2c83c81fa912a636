/**
 * The WordPress side of the WooCommerce app, emulated: the plugin's REST relay (prima-connect/v1), which in
 * WordPress checks the user's capability and nonce and forwards to a FIXED connector path with the shop's
 * key (includes/class-rest-controller.php, RELAYS). This relay forwards exactly the same table, adds the
 * same headers, and passes only the same query parameters. There is no WordPress user here: every call
 * acts as "playground-admin".
 */
import type { HostUrl } from './types.js';
import { closeServer, httpServer, listen, readBody, sendJson } from '../http.js';

type Relay = [wpMethod: 'GET' | 'POST', connectorMethod: 'GET' | 'POST' | 'PUT', template: string, bodyPasses: boolean];

/** Same table as the PHP plugin's Prima_Connect_Rest_Controller::RELAYS. */
export const RELAYS: [RegExp, Relay][] = [
  [/^\/dashboard$/, ['GET', 'GET', '/v1/dashboard', false]],
  [/^\/orders$/, ['GET', 'GET', '/v1/orders', false]],
  [/^\/orders\/(?<id>\d+)$/, ['GET', 'GET', '/v1/orders/{id}', false]],
  [/^\/orders\/(?<id>\d+)\/repost$/, ['POST', 'POST', '/v1/orders/{id}/repost', false]],
  [/^\/exceptions$/, ['GET', 'GET', '/v1/exceptions', false]],
  [/^\/exceptions\/(?<id>[A-Za-z0-9_.:-]{1,100})\/retry$/, ['POST', 'POST', '/v1/exceptions/{id}/retry', false]],
  [/^\/exceptions\/(?<id>[A-Za-z0-9_.:-]{1,100})\/resolve$/, ['POST', 'POST', '/v1/exceptions/{id}/resolve', true]],
  [/^\/mappings$/, ['GET', 'GET', '/v1/mappings', false]],
  [/^\/mappings\/save$/, ['POST', 'PUT', '/v1/mappings', true]],
  [/^\/mappings\/export$/, ['GET', 'GET', '/v1/mappings/export', false]],
  [/^\/mappings\/import$/, ['POST', 'POST', '/v1/mappings/import', true]],
  [/^\/prima-settings$/, ['GET', 'GET', '/v1/settings', false]],
  [/^\/prima-settings\/save$/, ['POST', 'PUT', '/v1/settings', true]],
  [/^\/connection-test$/, ['POST', 'POST', '/v1/connection-test', false]],
  [/^\/stock\/sync$/, ['POST', 'POST', '/v1/stock/sync', true]],
  [/^\/catch-up$/, ['POST', 'POST', '/v1/catch-up', false]],
];
const QUERY_ALLOWED = ['status', 'state', 'limit', 'days'];
export const REST_PREFIX = '/wp-json/prima-connect/v1';

export function relayTarget(method: string, path: string): { method: string; path: string; bodyPasses: boolean } | null {
  for (const [re, [wpMethod, connectorMethod, template, bodyPasses]] of RELAYS) {
    const m = re.exec(path);
    if (!m || wpMethod !== method) continue;
    const filled = template.replace('{id}', encodeURIComponent(m.groups?.id ?? ''));
    return { method: connectorMethod, path: filled, bodyPasses };
  }
  return null;
}

export async function startWooAdmin(o: { port: number; connectorUrl: string; apiKey: string }): Promise<{ urls: HostUrl[]; close(): Promise<void> }> {
  const server = httpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://wp');
    if (!url.pathname.startsWith(`${REST_PREFIX}/`)) return sendJson(res, 404, { code: 'rest_no_route', message: 'Only the Prima Connect REST relay is emulated here.' });
    const target = relayTarget(req.method ?? 'GET', url.pathname.slice(REST_PREFIX.length));
    if (!target) return sendJson(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' });
    const query = new URLSearchParams();
    for (const k of QUERY_ALLOWED) {
      const v = url.searchParams.get(k);
      if (v !== null) query.set(k, v);
    }
    const body = target.bodyPasses ? (await readBody(req)).toString('utf8') : '';
    const upstream = await fetch(`${o.connectorUrl}${target.path}${query.size ? `?${query}` : ''}`, {
      method: target.method,
      headers: {
        authorization: `Bearer ${o.apiKey}`,
        'x-prima-user': 'playground-admin',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body } : {}),
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  const url = await listen(server, o.port);
  return {
    urls: [{ name: 'WordPress REST relay (prima-connect/v1)', url: `${url}${REST_PREFIX}/dashboard` }],
    close: () => closeServer(server),
  };
}
