/**
 * Serves the preview bundle inside a wp-admin-shaped page, and relays /wp-json/prima-connect/v1/* to a
 * connector service with the store key, mirroring the plugin's PHP relay table (class-rest-controller.php).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminShell } from './admin-shell.js';

type Relay = [
  method: string,
  pattern: RegExp,
  connectorMethod: string,
  template: (m: RegExpMatchArray) => string,
];

/** Same fixed routes as Prima_Connect_Rest_Controller::RELAYS (the ones the screens use). */
const RELAYS: Relay[] = [
  ['GET', /^\/dashboard$/, 'GET', () => '/v1/dashboard'],
  ['GET', /^\/orders\/(\d+)$/, 'GET', (m) => `/v1/orders/${m[1]}`],
  ['POST', /^\/orders\/(\d+)\/repost$/, 'POST', (m) => `/v1/orders/${m[1]}/repost`],
  ['GET', /^\/exceptions$/, 'GET', () => '/v1/exceptions'],
  ['POST', /^\/exceptions\/([A-Za-z0-9_.:-]+)\/retry$/, 'POST', (m) => `/v1/exceptions/${m[1]}/retry`],
  ['GET', /^\/mappings$/, 'GET', () => '/v1/mappings'],
  ['GET', /^\/prima-settings$/, 'GET', () => '/v1/settings'],
  ['POST', /^\/connection-test$/, 'POST', () => '/v1/connection-test'],
  ['GET', /^\/reconciliation$/, 'GET', () => '/v1/reconciliation'],
];

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

export async function startPreviewServer(opts: {
  bundleJs: string;
  bundleCss: string;
  css: Record<string, string>;
  connectorUrl: string;
  apiKey: string;
}): Promise<PreviewServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (url.pathname === '/' || url.pathname === '/admin.php') {
      return send(
        200,
        'text/html',
        adminShell({
          title: 'Prima Connect',
          body: '<div class="wrap"><h1>Prima Connect</h1><div id="prima-connect-root"></div></div>',
        }),
      );
    }
    if (url.pathname === '/order.php') {
      const id = (url.searchParams.get('id') ?? '').replace(/\D/g, '');
      return send(
        200,
        'text/html',
        adminShell({
          title: `Edit order #${id}`,
          body: `<div class="wrap"><h1>Edit order #${id}</h1><div class="postbox"><h2>Prima</h2><div class="inside"><div id="prima-connect-order-widget" data-order-id="${id}"></div></div></div></div>`,
        }),
      );
    }
    if (url.pathname === '/preview.js') return send(200, 'text/javascript', readFileSync(opts.bundleJs));
    if (url.pathname === '/preview.css') return send(200, 'text/css', readFileSync(opts.bundleCss));
    const css = /^\/css\/(\w+)\.css$/.exec(url.pathname);
    if (css?.[1] && opts.css[css[1]]) return send(200, 'text/css', readFileSync(opts.css[css[1]]!));
    if (url.pathname === '/wp-json/prima-connect/v1/plugin-settings') {
      return send(
        200,
        'application/json',
        JSON.stringify({ connector_url: opts.connectorUrl, api_key_saved: true, webhook_count: 4 }),
      );
    }
    const rest = url.pathname.replace(/^\/wp-json\/prima-connect\/v1/, '');
    for (const [method, pattern, connectorMethod, template] of RELAYS) {
      const m = rest.match(pattern);
      if (!m || req.method !== method) continue;
      let body = '';
      for await (const chunk of req) body += chunk;
      const upstream = await fetch(`${opts.connectorUrl}${template(m)}${url.search}`, {
        method: connectorMethod,
        headers: {
          authorization: `Bearer ${opts.apiKey}`,
          'x-prima-user': 'shop_manager',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
      });
      return send(upstream.status, 'application/json', await upstream.text());
    }
    return send(
      404,
      'application/json',
      JSON.stringify({
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
