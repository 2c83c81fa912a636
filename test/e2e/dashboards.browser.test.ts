/**
 * The admin Dashboards in a running playground, in headless Chromium: each served screen loads against its
 * host through the same path as in the field (WooCommerce: the plugin's REST relay to the connector;
 * Adobe Commerce: the admin-api action through the local runner) and shows the orders posted to Prima.
 * Shopify's Remix pages need Shopify OAuth and App Bridge, which the playground cannot provide: they are
 * not served, so not checked here (packages/playground/README.md).
 * Needs /usr/bin/chromium (.ci/run installs it); without it this prints SKIP and checks nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAGENTO_WEB_DIR, type Stack } from '@prima-connect/playground';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, waitFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log('SKIP dashboards.browser.test.ts: no /usr/bin/chromium');

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  // The Adobe Commerce screens are a Vite build; a fresh clone has none yet.
  if (!existsSync(join(MAGENTO_WEB_DIR, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@prima-connect/magento-app-builder', 'run', 'build:web'], {
      stdio: 'ignore',
    });
  }
  stack = await startTestStack({ platforms: ['woocommerce', 'magento'] });
  for (const p of ['woocommerce', 'magento'] as const) {
    const host = stack.platforms[p];
    if (!host) throw new Error(`${p} did not start`);
    await stack.traffic.placeOne(host, 'variant');
    await stack.traffic.placeOne(host, 'bundle');
    await waitFor(
      `${p}: two orders posted`,
      async () => (await host.store.links.listByState(host.tenantId, 'posted', 10)).length === 2,
    );
  }
  // launch() starts from a fresh temporary profile each time.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
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
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const urlOf = (name: string) => {
  const u = stack.urls.find((x) => x.name === name);
  if (!u) throw new Error(`the playground lists no "${name}"`);
  return u.url;
};

describe.skipIf(!hasChromium)('admin Dashboards in the running playground', () => {
  it('WooCommerce: the plugin Dashboard, through the REST relay, counts the orders in Prima', async () => {
    const page = await browser.newPage();
    // No external hosts exist offline: anything not on 127.0.0.1 is refused at once.
    await page.route(
      (u) => u.hostname !== '127.0.0.1',
      (r) => r.abort(),
    );
    await page.goto(urlOf('WooCommerce admin screens'));
    const figure = page.locator('.prima-connect-figures > *', { hasText: 'Orders in Prima' });
    await figure.waitFor({ timeout: 30_000 });
    expect(await figure.innerText()).toMatch(/Orders in Prima\s*2\b/i);
    await page.close();
  });

  it('Adobe Commerce: the web-src Dashboard, through the admin-api action, lists the posted Prima orders', async () => {
    const host = stack.platforms.magento;
    if (!host) throw new Error('magento did not start');
    const posted = await host.store.links.listByState(host.tenantId, 'posted', 10);
    const page = await browser.newPage();
    await page.route(
      (u) => u.hostname !== '127.0.0.1',
      (r) => r.abort(),
    );
    await page.goto(urlOf('Adobe Commerce admin screens'));
    await page.getByTestId('fig-posted').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('fig-posted').innerText()).toBe('2');
    for (const link of posted)
      await page.getByText(link.primaOrderNumber).first().waitFor({ timeout: 10_000 });
    await page.close();
  });
});
