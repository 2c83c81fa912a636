/**
 * The admin Dashboards in a running playground, in headless Chromium: each served screen loads against its
 * host through the same path as in the field (WooCommerce: the plugin's REST relay to the connector;
 * Adobe Commerce: the admin-api action through the local runner; Shopify: the app's production Remix build
 * with the library's embedded-app authentication, a session token signed with the playground's app secret)
 * and shows the orders posted to Prima.
 * Needs /usr/bin/chromium (.ci/run installs it); without it this prints SKIP and checks nothing.
 */
import { ensureMagentoScreens, ensureShopifyPages, type Stack } from '@prima-connect/playground';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, launchChromium } from './browser.js';
import { startTestStack, waitFor } from './harness.js';

const hasChromium = chromiumFor('dashboards.browser.test.ts');

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  // The screens are build outputs; a fresh clone has none yet (the Shopify build is shared, lock-protected).
  ensureMagentoScreens();
  await ensureShopifyPages();
  stack = await startTestStack({ platforms: ['shopify', 'woocommerce', 'magento'], shopifyPages: true });
  for (const p of ['shopify', 'woocommerce', 'magento'] as const) {
    const host = stack.platforms[p];
    if (!host) throw new Error(`${p} did not start`);
    await stack.traffic.placeOne(host, 'variant');
    await stack.traffic.placeOne(host, 'bundle');
    await waitFor(
      `${p}: two orders posted`,
      async () => (await host.store.links.listByState(host.tenantId, 'posted', 10)).length === 2,
    );
  }
  browser = await launchChromium();
}, 420_000);
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
    expect(await figure.textContent()).toMatch(/Orders in Prima\s*2(?!\d)/i);
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
    expect(await page.getByTestId('fig-posted').textContent()).toBe('2');
    for (const link of posted)
      await page.getByText(link.primaOrderNumber).first().waitFor({ timeout: 10_000 });
    await page.close();
  });

  it("Shopify: the embedded Dashboard, on the library's authentication, counts the orders posted", async () => {
    const host = stack.platforms.shopify;
    if (!host) throw new Error('shopify did not start');
    const posted = await host.store.links.listByState(host.tenantId, 'posted', 10);
    // The library answers 410 to bots, and "HeadlessChrome" reads as one: present as the desktop browser.
    const context = await browser.newContext({
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    });
    // App Bridge comes from Shopify's CDN, which does not exist offline: refused at once.
    await context.route(
      (u) => u.hostname !== '127.0.0.1',
      (r) => r.abort(),
    );
    const page = await context.newPage();
    const res = await page.goto(urlOf('Shopify admin pages (Dashboard)'));
    expect(res?.status()).toBe(200);
    // The "Orders posted" metric: its heading, then the figure.
    const heading = page.locator('h3', { hasText: 'Orders posted' });
    await heading.waitFor({ timeout: 30_000 });
    expect(await heading.locator('xpath=following-sibling::p[1]').textContent()).toBe('2');
    // The orders page lists each posted order with its Prima order number.
    await page.goto(urlOf('Shopify admin pages (Dashboard)').replace('/app?', '/app/orders?'));
    for (const link of posted)
      await page.getByText(link.primaOrderNumber).first().waitFor({ timeout: 10_000 });
    await context.close();
  });
});
