// @vitest-environment node
/**
 * The admin screens in headless Chromium against a real connector service (WooCommerce emulator + Prima
 * sandbox behind it): each screen must show its key content, and its screenshot must not be blank.
 * Screenshots go to screenshots/ (gitignored) for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWooDemoStack, type WooDemoStack } from '@prima-connect/connector-service';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreview } from './build-preview.js';
import { type PreviewServer, startPreviewServer } from './preview-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', 'screenshots');

/** Distinct colours in a PNG: a blank or single-colour page has very few. */
function distinctColours(file: string): number {
  const png = PNG.sync.read(readFileSync(file));
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) {
    seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  }
  return seen.size;
}

describe('admin screens in Chromium', () => {
  let stack: WooDemoStack;
  let preview: PreviewServer;
  let browser: BrowserContext;
  let page: Page;
  let userData: string;
  let goodOrderId = 0;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startWooDemoStack({ variants: 24 });
    // One order that reaches Prima and is dispatched, one whose SKU cannot be mapped.
    const [first] = [...stack.woo.state.variations.values()];
    const good = stack.woo.placeOrder({ lines: [{ sku: first!.sku, quantity: 1 }] });
    goodOrderId = good.id;
    stack.woo.seedSimpleProduct({ sku: 'MYSTERY', stock: 3 });
    stack.woo.placeOrder({ lines: [{ sku: 'MYSTERY', quantity: 1 }] });
    await stack.drain();
    stack.sandbox.state.dispatch(`W${good.number}`, {
      carrier: 'DPD',
      trackingNumber: 'DPD123456',
      trackingUrl: 'https://track.example/DPD123456',
    });
    stack.clock.advance(60 * 60_000);
    await stack.runtime.engine.pollStatuses(stack.tenantId);
    await stack.drain();

    const bundle = await buildPreview(mkdtempSync(join(tmpdir(), 'pc-preview-')));
    preview = await startPreviewServer({
      bundleJs: bundle.js,
      bundleCss: bundle.css,
      css: bundle.wpCss,
      connectorUrl: stack.connectorUrl,
      apiKey: stack.apiKey,
    });
    userData = mkdtempSync(join(tmpdir(), 'pc-chromium-'));
    // A fresh user-data dir per run: no profile state leaks between runs.
    browser = await chromium.launchPersistentContext(userData, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    // Offline: anything not served by the preview server (CDNs, fonts, gravatar) is refused.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(preview.url) ? route.continue() : route.abort(),
    );
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await stack?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  async function shoot(name: string): Promise<string> {
    const file = join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(distinctColours(file)).toBeGreaterThan(20);
    return file;
  }

  it('Dashboard shows the order figures from the connector', async () => {
    await page.goto(`${preview.url}/admin.php?tab=dashboard`);
    await page.getByText('Orders in Prima').waitFor();
    await expect(page.getByRole('tab', { name: 'Dashboard' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    expect(await page.getByRole('button', { name: 'Sync stock now' }).isVisible()).toBe(true);
    await shoot('dashboard');
  });

  it('Mappings lists the shop variations with the unmapped one first', async () => {
    await page.goto(`${preview.url}/admin.php?tab=mappings`);
    await page.getByText(/variations cannot be sent to Prima yet/).waitFor();
    await page.getByText('MYSTERY').first().waitFor();
    const rows = await page.locator('table tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]).toContain('MYSTERY');
    await shoot('mappings');
  });

  it('Exceptions explains the unmapped SKU', async () => {
    await page.goto(`${preview.url}/admin.php?tab=exceptions`);
    await page
      .getByText(/MYSTERY/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Open' }).isVisible()).toBe(true);
    await shoot('exceptions');
  });

  it('Settings shows the saved Prima settings and a working connection test', async () => {
    await page.goto(`${preview.url}/admin.php?tab=settings`);
    const url = page.getByLabel('Prima web service address (WSDL or service URL)');
    await url.waitFor();
    expect(await url.inputValue()).toBe(stack.sandbox.wsdlUrl);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/Prima answered/).waitFor();
    await page.getByText('WooCommerce REST API key works.').waitFor();
    await shoot('settings');
  });

  it('Reconciliation shows the day with a lost order in red, the finding, and downloads the CSV', async () => {
    // An order whose webhook never arrived: the day's reconciliation finds it missing in Prima.
    const [, second] = [...stack.woo.state.variations.values()];
    const lost = stack.woo.placeOrder({ lines: [{ sku: second!.sku, quantity: 1 }], deliverWebhooks: false });
    const day = lost.date_created_gmt.slice(0, 10);
    await stack.runtime.engine.reconcileDay(stack.tenantId, day);

    await page.goto(`${preview.url}/admin.php?tab=reconciliation`);
    await page.getByText('0 of 1 day reconciled in the last 30 days.').waitFor();
    const bar = page.getByTestId(`recon-${day}`);
    expect(await bar.textContent()).toMatch(/1 to check: \d+ of \d+ orders in Prima/);
    expect(await bar.locator('.prima-connect-recon-day__bar').getAttribute('class')).toContain(
      'is-not-reconciled',
    );
    const finding = page.getByRole('table', { name: 'Reconciliation findings' }).getByRole('row', {
      name: new RegExp(`Order ${lost.number} was paid`),
    });
    expect(await finding.isVisible()).toBe(true);
    await shoot('reconciliation');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('prima-reconciliation-last-30-days.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'Day,Finding,Store order,Prima order,Store amount,Prima amount,Currency,Details',
    );
    expect(csv).toContain(`${day},missing_in_prima,${lost.number},`);
  });

  it('the order box shows the Prima number and the tracking link', async () => {
    await page.goto(`${preview.url}/order.php?id=${goodOrderId}`);
    await page.getByText(/^Prima order W\d+$/).waitFor();
    expect(await page.getByRole('link', { name: 'DPD123456' }).getAttribute('href')).toBe(
      'https://track.example/DPD123456',
    );
    await shoot('order-widget');
  });
});
