/**
 * The Shopify app's admin pages in the playground: the app's own production Remix build, served by
 * @remix-run/node's request handler on the app host's port, on the playground's engine (the app's
 * `useHost`). Embedded-app authentication is the library's own: the page URL carries a session token
 * signed with the playground's app secret (as Shopify's admin would issue), and the shop's offline session
 * is stored in the app's session table. App Bridge (Shopify's CDN) does not load offline, so in-app
 * navigation that needs a fresh token may not work: open each page from the URL table instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ShopifyHost } from '@prima-connect/shopify-app/app/prima/host.server.js';
import { sessionToken } from '@prima-connect/sim-shopify';
import { readBody } from '../http.js';

export const SHOPIFY_APP_DIR = fileURLToPath(new URL('../../../../apps/shopify-app', import.meta.url));
export const SHOPIFY_SERVER_BUILD = join(SHOPIFY_APP_DIR, 'build', 'server', 'index.js');

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export interface ShopifyPagesConfig {
  apiKey: string;
  secret: string;
  accessToken: string;
  shop: string;
  appUrl: string;
  databaseUrl: string;
}

/** The library reads these when the app's modules load: set them before the first import. */
export function shopifyAppEnv(c: ShopifyPagesConfig): void {
  Object.assign(process.env, {
    SHOPIFY_API_KEY: c.apiKey,
    SHOPIFY_API_SECRET: c.secret,
    SHOPIFY_APP_URL: c.appUrl,
    DATABASE_URL: c.databaseUrl,
    // The playground runs the worker rounds itself.
    PRIMA_WORKER: 'off',
  });
}

export function pageUrl(c: ShopifyPagesConfig, path: string): string {
  const q = new URLSearchParams({
    embedded: '1',
    shop: c.shop,
    host: b64url(`admin.shopify.com/store/${c.shop.split('.')[0]}`),
    id_token: sessionToken({ shop: c.shop, apiKey: c.apiKey, secret: c.secret, ttlSeconds: 86_400 }),
  });
  return `${c.appUrl}${path}?${q.toString()}`;
}

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Null when the app has not been built (`pnpm start` builds it; see README). */
export async function shopifyPagesHandler(
  host: ShopifyHost,
  c: ShopifyPagesConfig,
): Promise<PageHandler | null> {
  if (!existsSync(SHOPIFY_SERVER_BUILD)) return null;
  const { useHost } = await import('@prima-connect/shopify-app/app/prima/runtime.server.js');
  useHost(host);
  const { sessionStorage } = await import('@prima-connect/shopify-app/app/shopify.server.js');
  const { Session } = await import('@shopify/shopify-app-remix/server');
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${c.shop}`,
      shop: c.shop,
      state: 'installed',
      isOnline: false,
      accessToken: c.accessToken,
      scope: '',
    }),
  );
  const build = (await import(pathToFileURL(SHOPIFY_SERVER_BUILD).href)) as Parameters<
    typeof import('@remix-run/node').createRequestHandler
  >[0];
  const { createRequestHandler } = await import('@remix-run/node');
  const handle = createRequestHandler(build, 'production');
  const clientDir = join(SHOPIFY_APP_DIR, 'build', 'client');
  return async (req, res) => {
    const url = new URL(req.url ?? '/', c.appUrl);
    const file = normalize(join(clientDir, url.pathname));
    if (url.pathname.startsWith('/assets/') && file.startsWith(clientDir) && existsSync(file)) {
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      return void res.end(readFileSync(file));
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const response = await handle(
      new Request(`${c.appUrl}${req.url ?? '/'}`, {
        method,
        headers,
        ...(body ? { body: new Uint8Array(body) } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
