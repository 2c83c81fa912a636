import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { adminApiAction } from '../actions/admin-api.js';
import { commerceEventsAction } from '../actions/commerce-events.js';
import type { ActionContext } from '../actions/context.js';
import { dailyFinanceAction } from '../actions/daily-finance.js';
import { massRepostAction } from '../actions/mass-repost.js';
import { orderGridAction } from '../actions/order-grid.js';
import { registrationAction } from '../actions/registration.js';
import { statusPollAction, stockSyncAction } from '../actions/scheduled.js';
import { type AppWiring, buildContext } from '../runtime/wiring.js';
import { type Handler, serveHandlers } from './http-front.js';

/**
 * The App Builder app without Adobe's cloud, for the playground and tests: the same action handlers behind
 * one local HTTP server, the built screens (dist/web) as static files, and the schedules as timers.
 *   /events               I/O Events webhook (point the Commerce emulator's eventsUrl here)
 *   /api/...              admin-api     /order-grid-columns   /mass-repost   /registration
 *   /index.html?api=<url>/api#/dashboard   the admin screens
 */
export interface LocalAppOptions {
  /** How to build the context; or pass `context` to share one you already have (tests). */
  wiring?: AppWiring;
  context?: ActionContext;
  /** Built screens (`pnpm --filter @prima-connect/magento-app-builder build:web` -> dist/web). */
  webRoot?: string;
  /** Timers standing in for the alarm triggers; off unless given. */
  schedules?: { stockSyncMs?: number; statusPollMs?: number; dailyFinanceMs?: number };
  port?: number;
}

export interface LocalApp {
  url: string;
  eventsUrl: string;
  apiUrl: string;
  /** The screens, pointed at this app's API. */
  screensUrl: string;
  context: ActionContext;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function staticFiles(root: string): Handler {
  const base = resolve(root);
  return async (p) => {
    const path = p.__ow_path === '/' || !p.__ow_path ? '/index.html' : p.__ow_path;
    const file = resolve(base, `.${path}`);
    if (!file.startsWith(base) || !existsSync(file))
      return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    return {
      statusCode: 200,
      headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
      body: readFileSync(file, 'utf8'),
    };
  };
}

export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const context = options.context ?? (options.wiring ? buildContext(options.wiring) : undefined);
  if (!context) throw new Error('startLocalApp needs `wiring` or `context`');
  const make = async () => context;
  const { server, url } = await serveHandlers(
    {
      '/events': commerceEventsAction(make),
      '/api': adminApiAction(make),
      '/order-grid-columns': orderGridAction(make),
      '/mass-repost': massRepostAction(make),
      '/registration': registrationAction,
      // The daily finance run on demand (`POST /daily-finance?day=2026-11-20` or without a day: yesterday).
      '/daily-finance': async (p) =>
        dailyFinanceAction(make)({
          ...p,
          day: new URLSearchParams(p.__ow_query ?? '').get('day') ?? undefined,
        }),
    },
    options.webRoot ? staticFiles(options.webRoot) : undefined,
    { ...(options.port !== undefined ? { port: options.port } : {}) },
  );
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number | undefined, run: () => Promise<unknown>) => {
    if (!ms) return;
    let busy = false;
    timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        run()
          .catch((error: unknown) => context.logger.error({ error: String(error) }, 'scheduled run failed'))
          .finally(() => {
            busy = false;
          });
      }, ms),
    );
  };
  every(options.schedules?.stockSyncMs, () => stockSyncAction(make)({}));
  every(options.schedules?.statusPollMs, () => statusPollAction(make)({}));
  every(options.schedules?.dailyFinanceMs, () => dailyFinanceAction(make)({}));
  return {
    url,
    eventsUrl: `${url}/events`,
    apiUrl: `${url}/api`,
    screensUrl: `${url}/index.html?api=${encodeURIComponent(`${url}/api`)}#/dashboard`,
    context,
    close: async () => {
      for (const t of timers) clearInterval(t);
      await new Promise((r) => server.close(r));
    },
  };
}
