import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { itemRef, problem } from '@prima-connect/prima-core';
import { createFakePrima, startWebhookSink } from '@prima-connect/prima-core/testing';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from '../src/local/index.js';
import { type Harness, startHarness } from '../src/testing/harness.js';

/**
 * The admin screens, built with Vite exactly as `aio app deploy` ships them, rendered in headless Chromium
 * against the real admin-api action (emulated Commerce + fake Prima behind it). Screenshots go to
 * screenshots/ (git-ignored); each check asserts the key content is visible and the PNG is not blank.
 */
const appRoot = resolve(fileURLToPath(import.meta.url), '../..');
const dist = resolve(appRoot, 'dist/web');
const shots = resolve(appRoot, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let h: Harness;
let browser: BrowserContext;
let base: string;
let app: LocalApp;
let userDataDir: string;
let orderNumber = '';
let orderId = '';

function distinctColours(png: Buffer): number {
  const img = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4 * 7)
    seen.add((img.data[i] ?? 0) * 65536 + (img.data[i + 1] ?? 0) * 256 + (img.data[i + 2] ?? 0));
  return seen.size;
}

async function open(hash: string): Promise<Page> {
  const page = await browser.newPage();
  // Offline: anything not served by our local server (CDNs, fonts, telemetry) is refused.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort(),
  );
  await page.goto(`${base}/index.html?api=${encodeURIComponent(`${base}/api`)}${hash}`);
  return page;
}

/** Visible AND inside the viewport: catches a table whose later columns were laid out off-screen. */
async function expectOnScreen(locator: ReturnType<Page['getByText']>): Promise<void> {
  const box = await locator.boundingBox({ timeout: 10_000 });
  expect(box).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1280);
  expect(box?.width ?? 0).toBeGreaterThan(0);
}

async function shoot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  expect(distinctColours(png)).toBeGreaterThan(20);
}

beforeAll(async () => {
  // vitest sets NODE_ENV=test, which would give a development JSX runtime: build as `aio app deploy` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: resolve(appRoot, 'vite.config.ts'),
      root: resolve(appRoot, 'web-src'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const prima = createFakePrima();
  prima.setStock(itemRef('ETOS', 'G', '080'), 12);
  prima.setStock(itemRef('SOCK', 'NONE', 'L'), 40);
  h = await startHarness({ prima: async () => prima });
  h.sim.seedProducts([
    { sku: 'ETOS-G-080', parentSku: 'ETOS', priceMinor: 5999 },
    { sku: 'SOCK-NONE-L', priceMinor: 450 },
    { sku: 'GIFTCARD', priceMinor: 2500 },
  ]);
  app = await startLocalApp({ context: h.ctx, webRoot: dist });
  base = app.url;
  h.sim.setEventsUrl(app.eventsUrl);
  const placed = await h.sim.placeOrder({
    items: [
      { sku: 'ETOS-G-080', qty: 1 },
      { sku: 'SOCK-NONE-L', qty: 2 },
    ],
    invoice: true,
  });
  orderNumber = placed.order.incrementId;
  orderId = String(placed.order.entityId);
  // An order with a SKU no rule maps: it lands in the exception queue.
  await h.sim.placeOrder({ items: [{ sku: 'GIFTCARD', qty: 1 }], invoice: true });
  await h.ctx.store.mappings.upsertMany('commerce-test', [
    {
      sku: 'ETOS-G-080',
      kind: 'stock',
      item: itemRef('ETOS', 'G', '080'),
      source: 'manual',
      updatedAt: new Date().toISOString(),
    },
  ]);
  mkdirSync(shots, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), 'prima-chromium-'));
  // A fresh profile per run (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
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
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('admin screens in Chromium', () => {
  it('Dashboard shows the order in Prima and the figures', async () => {
    const page = await open('#/dashboard');
    await page.getByText(orderNumber, { exact: true }).waitFor();
    expect(await page.getByTestId('fig-posted').textContent()).toBe('1');
    await expectOnScreen(page.getByRole('grid', { name: 'Latest orders' }).getByText(/^M\d+/));
    await expectOnScreen(page.getByRole('grid', { name: 'Latest orders' }).getByText('GBP 73.99'));
    expect(await page.getByText('Needs attention').first().isVisible()).toBe(true);
    await shoot(page, 'magento-dashboard');
  });

  it('Mappings lists the saved mapping and the form to add one', async () => {
    const page = await open('#/mappings');
    await page
      .getByRole('grid', { name: 'SKU mappings' })
      .getByText('ETOS-G-080', { exact: true })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Save mapping' }).isVisible()).toBe(true);
    await shoot(page, 'magento-mappings');
  });

  it('Exceptions explains the unmapped SKU in words a clerk can act on', async () => {
    const page = await open('#/exceptions');
    await page
      .getByText(/GIFTCARD/)
      .first()
      .waitFor();
    await expectOnScreen(page.getByRole('button', { name: 'Retry' }).first());
    await shoot(page, 'magento-exceptions');
  });

  it('Reconciliation shows the day as a bar with what to check, and downloads the CSV', async () => {
    // An order whose webhook is lost, then the daily run as the daily-finance action does it.
    h.sim.setEventsUrl(undefined);
    await h.sim.placeOrder({ items: [{ sku: 'SOCK-NONE-L', qty: 1 }], invoice: true });
    h.sim.setEventsUrl(app.eventsUrl);
    const today = h.ctx.clock.now().toISOString().slice(0, 10);
    const report = await h.ctx.engine.reconcileDay('commerce-test', today);
    expect(report.reconciled).toBe(false);
    const page = await open('#/reconciliation');
    const row = page.getByTestId(`recon-${today}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`${report.findings.length} to check`);
    await expectOnScreen(page.getByRole('meter', { name: `Store takings on ${today}` }));
    await expectOnScreen(
      page.getByRole('grid', { name: 'Reconciliation findings' }).getByText(today).first(),
    );
    // Each finding links to its handbook entry (the lost order: reconciliation_gap).
    const help = page
      .getByRole('grid', { name: 'Reconciliation findings' })
      .getByRole('link', { name: 'Step by step in the handbook' })
      .first();
    expect(new URL((await help.evaluate((a) => (a as HTMLAnchorElement).href)) ?? '').hash).toBe(
      `#exception-${report.findings[0]?.code.replaceAll('_', '-')}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('prima-reconciliation-last-30-days.csv');
    const file = await download.path();
    expect(readFileSync(file, 'utf8')).toContain(today);
    await shoot(page, 'magento-reconciliation');
  });

  it('Settings shows the stored Prima connection', async () => {
    const page = await open('#/settings');
    const url = page.getByLabel('Prima web service (WSDL) address');
    await url.waitFor();
    expect(await url.inputValue()).toContain('wsdl');
    await shoot(page, 'magento-settings');
  });

  it('Settings > Alerts saves recipients, webhook and level, and sends a test alert', async () => {
    const hook = await startWebhookSink();
    try {
      const page = await open('#/settings');
      await page.getByLabel('E-mail alerts to').waitFor();
      await page.getByRole('switch', { name: 'Send alerts' }).check();
      await page.getByLabel('E-mail alerts to').fill('finance@shop.example, ops@shop.example');
      await page.getByLabel('Webhook address').fill(hook.url);
      await page.getByRole('textbox', { name: 'Alert when this many problems are waiting' }).fill('25');
      await page.getByRole('textbox', { name: 'Alert when this many problems are waiting' }).blur();
      await page.getByRole('button', { name: 'Send a test alert' }).click();
      // No mail server in this app: the e-mail line says so; the webhook got the test.
      await page.getByText(`Webhook ${new URL(hook.url).host}: sent.`).waitFor();
      await expectOnScreen(page.getByText(/No e-mail was sent: this app has no mail server/));
      expect((hook.bodies[0] as { title: string }).title).toContain('test alert from Prima Connect');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      expect((await h.ctx.store.settings.get('commerce-test'))?.alerts).toMatchObject({
        enabled: true,
        emailTo: ['finance@shop.example', 'ops@shop.example'],
        webhookUrl: hook.url,
        openExceptionsThreshold: 25,
      });
      await page.getByLabel('Webhook address').fill('hooks.slack.com/x');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page
        .getByText(
          'Not saved: The webhook address must be a full web address starting with https://: hooks.slack.com/x',
        )
        .waitFor();
      await shoot(page, 'magento-settings-alerts');
    } finally {
      await hook.close();
    }
  });

  it('Setup (first-run wizard) lists the steps and explains a failed connection test in words', async () => {
    const page = await open('#/setup');
    await page.getByText('Connect Prima').first().waitFor();
    await expectOnScreen(page.getByText('Switch on').first());
    // This store was switched on in Settings before the wizard: it says so, and shows both switches on.
    await expectOnScreen(page.getByText(/set up before this wizard existed/));
    expect(await page.getByTestId('posting-state').textContent()).toMatch(/: on$/);
    await page.getByLabel('Prima web service (WSDL) address').fill('http://127.0.0.1:1/omlink/omlink/wsdl');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('connection-result');
    await result.waitFor();
    expect((await result.textContent())?.length).toBeGreaterThan(20);
    expect(await result.textContent()).not.toMatch(/^Connected/);
    await shoot(page, 'magento-setup');
  });

  it('the order-view page shows the Prima status and number', async () => {
    const page = await open(`#/order-view?orderId=${orderId}`);
    await page.getByText(/Prima order number: M/).waitFor();
    expect(await page.getByTestId('order-state').textContent()).toContain('In Prima');
    await shoot(page, 'magento-order-view');
  });
});

describe('handbook links in the Adobe Commerce screens', () => {
  it('link each exception to its entry in the handbook shipped with the screens, which opens offline', async () => {
    // A second kind of problem next to the unmapped GIFTCARD order.
    await h.ctx.store.exceptions.raise({
      tenantId: h.ctx.tenantId,
      code: 'prima_unreachable',
      subject: 'stock',
      problem: problem('prima_unreachable', 'Prima did not answer the stock request.', 'Nothing to do yet.'),
      lastSeenAt: new Date().toISOString(),
    });
    const page = await open('#/exceptions');
    await page.getByText('Prima did not answer the stock request.').waitFor();
    const links = page.getByRole('link', { name: 'Step by step in the handbook' });
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const anchors = hrefs.map((href) => new URL(href).hash.slice(1)).sort();
    expect(anchors).toEqual(['exception-prima-unreachable', 'exception-unmapped-sku']);
    for (const href of hrefs) {
      // Served from the deployed static files (dist/web), through the same offline-only browser.
      const entry = await browser.newPage();
      await entry.route('**/*', (route) =>
        route.request().url().startsWith(base) ? route.continue() : route.abort(),
      );
      const res = await entry.goto(href);
      expect(res?.status()).toBe(200);
      expect(await entry.locator(`[id="${new URL(href).hash.slice(1)}"]`).count()).toBe(1);
      await entry.close();
    }
    await page.close();
  });
});
