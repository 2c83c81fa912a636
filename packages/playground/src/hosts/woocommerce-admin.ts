/**
 * The WordPress side of the WooCommerce app, emulated: a page shaped like wp-admin hosting the plugin's
 * React screens, and the plugin's REST relay (prima-connect/v1), which in WordPress checks the user's
 * capability and nonce and forwards to a FIXED connector path with the shop's key
 * (includes/class-rest-controller.php, RELAYS). This relay forwards exactly the same table, adds the same
 * headers and passes only the same query parameters. There is no WordPress user: every call acts as
 * "playground-admin". The screens are the plugin's preview bundle (src/preview.tsx, bundled by the app's
 * own buildPreview with React and @wordpress/* inside), because the wp-scripts build expects WordPress's
 * script globals, which only a real WordPress provides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminShell } from '@prima-connect/woocommerce-plugin-ui/test/admin-shell.js';
import { buildPreview } from '@prima-connect/woocommerce-plugin-ui/test/build-preview.js';
import { closeServer, httpServer, listen, readBody, sendJson } from '../http.js';
import type { HostUrl } from './types.js';

type Relay = [
  wpMethod: 'GET' | 'POST',
  connectorMethod: 'GET' | 'POST' | 'PUT',
  template: string,
  bodyPasses: boolean,
];

/** Same table as the PHP plugin's Prima_Connect_Rest_Controller::RELAYS. */
export const RELAYS: [RegExp, Relay][] = [
  [/^\/dashboard$/, ['GET', 'GET', '/v1/dashboard', false]],
  [/^\/orders$/, ['GET', 'GET', '/v1/orders', false]],
  [/^\/orders\/(?<id>\d+)$/, ['GET', 'GET', '/v1/orders/{id}', false]],
  [/^\/orders\/(?<id>\d+)\/repost$/, ['POST', 'POST', '/v1/orders/{id}/repost', false]],
  [/^\/exceptions$/, ['GET', 'GET', '/v1/exceptions', false]],
  [
    /^\/exceptions\/(?<id>[A-Za-z0-9_.:-]{1,100})\/retry$/,
    ['POST', 'POST', '/v1/exceptions/{id}/retry', false],
  ],
  [
    /^\/exceptions\/(?<id>[A-Za-z0-9_.:-]{1,100})\/resolve$/,
    ['POST', 'POST', '/v1/exceptions/{id}/resolve', true],
  ],
  [/^\/mappings$/, ['GET', 'GET', '/v1/mappings', false]],
  [/^\/mappings\/save$/, ['POST', 'PUT', '/v1/mappings', true]],
  [/^\/mappings\/export$/, ['GET', 'GET', '/v1/mappings/export', false]],
  [/^\/mappings\/import$/, ['POST', 'POST', '/v1/mappings/import', true]],
  [/^\/prima-settings$/, ['GET', 'GET', '/v1/settings', false]],
  [/^\/prima-settings\/save$/, ['POST', 'PUT', '/v1/settings', true]],
  [/^\/alerts\/test$/, ['POST', 'POST', '/v1/alerts/test', true]],
  [/^\/connection-test$/, ['POST', 'POST', '/v1/connection-test', false]],
  [/^\/stock\/sync$/, ['POST', 'POST', '/v1/stock/sync', true]],
  [/^\/catch-up$/, ['POST', 'POST', '/v1/catch-up', false]],
  [/^\/onboarding$/, ['GET', 'GET', '/v1/onboarding', false]],
  [/^\/onboarding\/test-connection$/, ['POST', 'POST', '/v1/onboarding/test-connection', true]],
  [/^\/onboarding\/connect$/, ['POST', 'POST', '/v1/onboarding/connect', true]],
  [/^\/onboarding\/propose$/, ['POST', 'POST', '/v1/onboarding/propose', false]],
  [/^\/onboarding\/apply$/, ['POST', 'POST', '/v1/onboarding/apply', true]],
  [/^\/onboarding\/map-sku$/, ['POST', 'POST', '/v1/onboarding/map-sku', true]],
  [/^\/onboarding\/locations$/, ['GET', 'GET', '/v1/onboarding/locations', false]],
  [/^\/onboarding\/maps$/, ['POST', 'PUT', '/v1/onboarding/maps', true]],
  [/^\/onboarding\/stock-preview$/, ['POST', 'POST', '/v1/onboarding/stock-preview', false]],
  [
    /^\/onboarding\/steps\/(?<step>[a-z-]{1,20})\/complete$/,
    ['POST', 'POST', '/v1/onboarding/steps/{step}/complete', false],
  ],
  [/^\/onboarding\/go-live$/, ['POST', 'POST', '/v1/onboarding/go-live', false]],
  [/^\/reconciliation$/, ['GET', 'GET', '/v1/reconciliation', false]],
];
const QUERY_ALLOWED = ['status', 'state', 'limit', 'days'];
export const REST_PREFIX = '/wp-json/prima-connect/v1';

export function relayTarget(
  method: string,
  path: string,
): { method: string; path: string; bodyPasses: boolean } | null {
  for (const [re, [wpMethod, connectorMethod, template, bodyPasses]] of RELAYS) {
    const m = re.exec(path);
    if (!m || wpMethod !== method) continue;
    // Every {name} from the route's own validated group, as the PHP relay's connector_path does.
    const filled = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(m.groups?.[k] ?? ''));
    return { method: connectorMethod, path: filled, bodyPasses };
  }
  return null;
}

export async function startWooAdmin(o: {
  port: number;
  connectorUrl: string;
  apiKey: string;
  buildDir: string;
}): Promise<{ urls: HostUrl[]; close(): Promise<void> }> {
  const bundle = await buildPreview(join(o.buildDir, 'woocommerce-screens'));
  const files: Record<string, [string, string]> = {
    '/preview.js': [bundle.js, 'text/javascript'],
    '/preview.css': [bundle.css, 'text/css'],
    '/css/components.css': [bundle.wpCss.components ?? '', 'text/css'],
    '/css/dataviews.css': [bundle.wpCss.dataviews ?? '', 'text/css'],
  };
  const server = httpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://wp');
    if (url.pathname === '/' || url.pathname === '/wp-admin/admin.php') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(
        adminShell({
          title: 'Prima Connect',
          body: '<div class="wrap"><h1>Prima Connect</h1><div id="prima-connect-root"></div></div>',
        }),
      );
    }
    const file = files[url.pathname];
    if (file) {
      res.writeHead(200, { 'content-type': file[1] });
      return void res.end(readFileSync(file[0]));
    }
    // The plugin's own settings live in WordPress (not the connector): answered as the plugin would.
    if (url.pathname === `${REST_PREFIX}/plugin-settings`) {
      return sendJson(res, 200, { connector_url: o.connectorUrl, api_key_saved: true, webhook_count: 3 });
    }
    if (!url.pathname.startsWith(`${REST_PREFIX}/`))
      return sendJson(res, 404, {
        code: 'rest_no_route',
        message: 'Only the Prima Connect REST relay is emulated here.',
      });
    const target = relayTarget(req.method ?? 'GET', url.pathname.slice(REST_PREFIX.length));
    if (!target)
      return sendJson(res, 404, {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
      });
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
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  const url = await listen(server, o.port);
  return {
    urls: [
      { name: 'WooCommerce admin screens', url: `${url}/wp-admin/admin.php?page=prima-connect` },
      { name: 'WordPress REST relay (prima-connect/v1)', url: `${url}${REST_PREFIX}/dashboard` },
    ],
    close: () => closeServer(server),
  };
}
