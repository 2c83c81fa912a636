/**
 * The admin pages, built for production and rendered in headless Chromium: the real Remix server build,
 * the library's embedded-app authentication (a session token signed with the test secret and a stored offline
 * session), App Bridge's CDN script routed away, data from the engine after real orders went through the
 * Shopify emulator and the Prima sandbox. Each page: screenshot into screenshots/actual (gitignored), key
 * content visible, and a PNG that is not blank.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrimaGateway, type ManualClock, manualClock, settingsSchema } from '@prima-connect/prima-core';
import { createMemoryQueue, type MemoryQueue } from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore } from '@prima-connect/prima-store';
import { type ShopifyEmulator, sessionToken, startShopifyEmulator } from '@prima-connect/sim-shopify';
import { type BrowserContext, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopifyHost, type ShopifyHost } from '../app/prima/host.server.js';
import { AdminClient, fetchTransport } from '../app/shopify/admin-client.server.js';
import { createShopifyGateway } from '../app/shopify/gateway.server.js';
import { ensureProductionBuild } from '../scripts/production-build.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(APP_DIR, 'screenshots', 'actual');
const API_KEY = 'browser-api-key';
const SECRET = 'browser-app-secret';
const TOKEN = 'shpat_browser';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'shopify-pages-'));
Object.assign(process.env, {
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: 'http://127.0.0.1',
  DATABASE_URL: `file:${join(dir, 'app.sqlite')}`,
  PRIMA_WORKER: 'off',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'production',
});

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Distinct colours in a PNG: a blank or failed render has a handful, a real admin page hundreds. */
function distinctColours(file: string): number {
  const png = PNG.sync.read(readFileSync(file));
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7)
    seen.add(((png.data[i] ?? 0) << 16) | ((png.data[i + 1] ?? 0) << 8) | (png.data[i + 2] ?? 0));
  return seen.size;
}

describe('admin pages in headless Chromium', () => {
  let sandbox: Sandbox;
  let shop: ShopifyEmulator;
  let host: ShopifyHost;
  let clock: ManualClock;
  let queue: MemoryQueue;
  let server: Server;
  let context: BrowserContext;
  let base: string;
  let closeStore: () => Promise<void>;
  let payoutId = '';
  const userDataDir = join(dir, 'chromium-profile');

  async function drain(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await host.engine.work('pages')).claimed > 0) continue;
      const next = queue
        .snapshot()
        .filter((s) => s.state === 'pending')
        .map((s) => s.job.runAt.getTime())
        .sort((a, b) => a - b)[0];
      if (next === undefined) return;
      clock.set(new Date(Math.max(next, clock.now().getTime())).toISOString());
    }
  }

  const pageUrl = (path: string) => {
    const q = new URLSearchParams({
      embedded: '1',
      shop: shop.shopDomain,
      host: b64url(`admin.shopify.com/store/${shop.shopDomain.split('.')[0]}`),
      id_token: sessionToken({ shop: shop.shopDomain, apiKey: API_KEY, secret: SECRET, userId: '42' }),
    });
    return `${base}${path}?${q.toString()}`;
  };

  beforeAll(async () => {
    // A production build of the app, as `shopify app deploy` / `remix-serve` would run it; shared with the
    // other browser tests, rebuilt whenever a source file is newer than it.
    await ensureProductionBuild();

    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    // Noon, three days ago: the traffic below never straddles midnight, so each day's orders stay in it.
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
    clock = manualClock(new Date(today - 3 * 86_400_000 + 12 * 3_600_000).toISOString());
    // The store runs on the test's clock (orders are paid on the days reconciliation checks) plus the real
    // time elapsed, so its query-cost bucket still refills while the test clock stands still.
    const started = Date.now();
    shop = await startShopifyEmulator({
      port: 0,
      accessToken: TOKEN,
      nowMs: () => clock.now().getTime() + (Date.now() - started),
    });
    const loc = String(shop.addLocation('Main warehouse'));
    const stock = DEMO_CATALOGUE.filter((i) => !i.nonStock).slice(0, 40);
    for (const item of stock) shop.addProduct(item.title, [{ sku: item.sku, priceMinor: item.priceMinor }]);
    shop.addProduct('Gift wrap', [{ sku: 'GIFTWRAP', priceMinor: 250 }]);
    shop.addProduct('Mystery box', [{ sku: 'MYSTERY', priceMinor: 1999 }]);

    const db = await createPrismaStore({ url: process.env.DATABASE_URL as string });
    closeStore = db.close;
    queue = createMemoryQueue({ clock });
    const storefront = createShopifyGateway({
      client: new AdminClient({
        transport: fetchTransport({ endpoint: shop.graphqlUrl, accessToken: TOKEN }),
      }),
    });
    host = createShopifyHost({
      store: db.store,
      queue,
      clock,
      prima: async () =>
        createPrimaGateway({ url: sandbox.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } }),
      storefront: async () => storefront,
      pagesUseStorefront: true,
    });
    (await import('../app/prima/runtime.server.js')).useHost(host);
    const tenantId = await host.ensureTenant(shop.shopDomain);
    await host.store.settings.put(
      tenantId,
      settingsSchema.parse({
        prima: { url: sandbox.wsdlUrl, timeoutMs: 3000 },
        orders: { postingEnabled: true, trigger: 'paid', defaultWarehouse: 'MAIN' },
        stock: { enabled: true },
        maps: {
          shipping: { Standard: { charge: 'RM48' } },
          payment: { shopify_payments: { payMethod: 'CC' } },
          locations: { [loc]: 'MAIN' },
          pattern: { separator: '-', matrixLevels: [1, 2] },
        },
      }),
    );
    // Real traffic over three days: orders that post, and one with a SKU Prima does not know.
    for (let day = 0; day < 3; day++) {
      for (let n = 0; n <= day; n++) {
        const p = await shop.placeOrder({
          lines: [{ sku: stock[(day * 3 + n) % stock.length]!.sku, quantity: 1 }],
          silent: true,
        });
        await host.engine.handleOrderEvent({
          tenantId,
          eventKey: `e-${p.order.id}`,
          topic: 'order.paid',
          storefrontOrderId: String(p.order.id),
          correlationId: `c-${p.order.id}`,
        });
      }
      if (day === 2) {
        const bad = await shop.placeOrder({ lines: [{ sku: 'MYSTERY', quantity: 1 }], silent: true });
        await host.engine.handleOrderEvent({
          tenantId,
          eventKey: `e-${bad.order.id}`,
          topic: 'order.paid',
          storefrontOrderId: String(bad.order.id),
          correlationId: `c-${bad.order.id}`,
        });
      }
      await drain();
      clock.advance(86_400_000);
    }
    await host.engine.syncStock(tenantId);
    // Shopify Payments pays the takings out to the bank: one payout for the page to journal.
    const payout = shop.payOut();
    if (!payout) throw new Error('the emulator made no payout from the paid orders');
    payoutId = String(payout.id);
    // Finance's nightly check of the three days: two reconcile, the day of the unmapped order does not.
    for (let back = 3; back >= 1; back--)
      await host.engine.reconcileDay(
        tenantId,
        new Date(clock.now().getTime() - back * 86_400_000).toISOString().slice(0, 10),
      );

    // A signed-in staff member: the offline session the library loads after checking the session token.
    const { sessionStorage } = await import('../app/shopify.server.js');
    const { Session } = await import('@shopify/shopify-app-remix/server');
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${shop.shopDomain}`,
        shop: shop.shopDomain,
        state: 'installed',
        isOnline: false,
        accessToken: TOKEN,
        scope: '',
      }),
    );

    const serverBuild = await import(/* @vite-ignore */ join(APP_DIR, 'build', 'server', 'index.js'));
    const { createRequestHandler } = await import('@remix-run/node');
    const handle = createRequestHandler(serverBuild, 'production');
    const clientDir = join(APP_DIR, 'build', 'client');
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const file = normalize(join(clientDir, url.pathname));
      if (url.pathname.startsWith('/assets/') && file.startsWith(clientDir) && existsSync(file)) {
        res
          .writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' })
          .end(readFileSync(file));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      // Forms post back to their page: the body goes on to the action.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const response = await handle(
        new Request(`http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`, {
          method: req.method,
          headers,
          ...(body ? { body } : {}),
        }),
      );
      res
        .writeHead(response.status, Object.fromEntries(response.headers))
        .end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1000 },
      // The library answers 410 to bots, and "HeadlessChrome" reads as one: present as the desktop browser it is.
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    });
    // Offline: App Bridge (cdn.shopify.com), fonts and anything else external are routed away.
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => server?.close(r));
    await shop?.close();
    await sandbox?.close();
    await closeStore?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function shoot(path: string, name: string, mustSee: string[]) {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (new URL(r.url()).hostname === '127.0.0.1' && r.status() >= 400)
        errors.push(`${r.status()} ${r.url()}`);
    });
    const res = await page.goto(pageUrl(path), { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    // Polaris' stylesheet applied (under load it can land after 'load'): its visually hidden status text is
    // absolutely positioned only when the CSS is in effect. An unstyled page fails here.
    await page.waitForFunction(
      () => {
        const el = document.querySelector('.Polaris-Text--visuallyHidden');
        return el !== null && getComputedStyle(el).position === 'absolute';
      },
      undefined,
      { timeout: 15_000 },
    );
    const file = join(SHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const missing: string[] = [];
    // Visible matches only: Polaris keeps hidden copies of some content (DataTable's sticky column, labels).
    for (const text of mustSee)
      if ((await page.getByText(text, { exact: false }).locator('visible=true').count()) === 0)
        missing.push(text);
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
    expect(distinctColours(file)).toBeGreaterThan(20);
    await page.close();
    return { errors };
  }

  it('Dashboard shows sync health, the exception count and the daily chart', async () => {
    await shoot('/app', 'dashboard', [
      'Orders posted',
      'Acceptance rate',
      'Orders posted and failed per day',
      'Product not mapped to Prima',
    ]);
  });

  it('Mappings lists unmapped variants first with their Prima codes', async () => {
    const page = await context.newPage();
    await page.goto(pageUrl('/app/mappings'), { waitUntil: 'load' });
    // Polaris DataTable renders each row's first cell as a row header (th): the checkbox, then the SKU.
    const firstSku = await page.locator('tbody tr').first().locator('td').nth(0).textContent();
    expect(['GIFTWRAP', 'MYSTERY']).toContain((firstSku ?? '').trim());
    await page.close();
    await shoot('/app/mappings', 'mappings', [
      'variants are not mapped to Prima',
      'Not mapped',
      'Pattern rule',
      'ETOS',
    ]);
  });

  it('Exceptions explains the reason and the suggested action, with retry and resolve', async () => {
    await shoot('/app/exceptions', 'exceptions', [
      'Product not mapped to Prima',
      'MYSTERY',
      'Suggested action',
      'Retry',
      'Resolve',
    ]);
  });

  it('Reconciliation charts 30 days, lists what to check and downloads the CSV', async () => {
    await shoot('/app/reconciliation', 'reconciliation', [
      '2 of 3 days reconciled',
      'To check',
      'Check a day now',
      'Download CSV',
    ]);
    const page = await context.newPage();
    await page.goto(pageUrl('/app/reconciliation'), { waitUntil: 'load' });
    const bars = page.locator('[data-testid="reconciliation-chart"] g[data-day]');
    expect(await bars.count()).toBe(3);
    expect(await page.locator('g[data-reconciled="no"]').count()).toBe(1);
    const badDay = await page.locator('g[data-reconciled="no"]').getAttribute('data-day');
    // The finding names the unmapped order and says why in words, not a code.
    const finding = page.getByText('Prima', { exact: false }).filter({ hasText: /not|no / });
    expect(await finding.count()).toBeGreaterThan(0);
    // Each finding links to its handbook entry, served by the app itself.
    const help = await page.getByRole('link', { name: 'What to do' }).first().getAttribute('href');
    expect(help).toMatch(/^\/handbook\/exceptions#exception-/);
    const entry = await page.request.get(`${base}${help}`);
    expect(entry.status()).toBe(200);
    expect(await entry.text()).toContain(`id="${(help ?? '').split('#')[1]}"`);
    const csv = await page.request.get(pageUrl('/app/reconciliation/csv'));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('Day');
    expect(text).toContain(badDay ?? 'no bad day');
    // "Check a day now" runs the day again (yesterday by default: the day with the stuck order).
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Check day' }).click(),
    ]);
    await page.getByText(`${badDay} does not reconcile: 1 to check (listed below)`).waitFor();
    await page.close();
  });

  it('Payouts: "Read payouts now" makes one summary journal per payout, with its lines and its CSV', async () => {
    const page = await context.newPage();
    await page.goto(pageUrl('/app/payouts'), { waitUntil: 'load' });
    await page.getByText('No payout journal yet').waitFor();
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Read payouts now' }).click(),
    ]);
    await page.getByText(/^Read 1 payout of the last 30 days: 1 new journal\.$/).waitFor();
    await page.getByText('CSV ready').waitFor();
    for (const label of ['Gross sales', 'Fees']) await page.getByText(label, { exact: true }).waitFor();
    await page.getByText(`Payout ${payoutId}, journal reference`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'payouts.png'), fullPage: true });
    const csv = await page.request.get(`${pageUrl('/app/payouts/csv')}&payout=${payoutId}`);
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split('\n');
    expect(rows[0]).toBe('Reference,Date,Nominal,Description,Debit,Credit,Currency');
    // Balanced, to the penny: debits equal credits.
    const [debit, credit] = rows.slice(1).reduce(
      ([d, c], r) => {
        const cells = r.split(',');
        return [d + Math.round(Number(cells[4]) * 100), c + Math.round(Number(cells[5]) * 100)];
      },
      [0, 0],
    );
    expect(debit).toBe(credit);
    expect(debit).toBeGreaterThan(0);
    const unknown = await page.request.get(`${pageUrl('/app/payouts/csv')}&payout=nope`);
    expect(unknown.status()).toBe(404);
    // Read again: nothing is journalled twice.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Read payouts now' }).click(),
    ]);
    await page.getByText(/0 new journals, 1 already done/).waitFor();
    expect(await page.getByText('CSV ready').count()).toBe(1);
    await page.close();
  });

  it('Orders and Settings render too', async () => {
    await shoot('/app/orders', 'orders', ['In Prima', 'Needs attention']);
    await shoot('/app/settings', 'settings', [
      'Prima connection',
      'Test connection',
      'Send when',
      'E-mail alerts to',
      'Send a test alert',
    ]);
  });
});
