/**
 * The Shopify app's Setup page (the first-run wizard), clicked through in headless Chromium on a fresh
 * playground tenant (`onboarding: 'fresh'`): the app's production Remix build and Polaris pages on the
 * library's embedded-app authentication, the Shopify emulator and the Prima sandbox. From an empty tenant
 * to "sync on": a wrong Prima address explained in plain words, then the right one; both catalogues
 * read; the proposed matches accepted; the variant under an old SKU fixed in place; shipping, payment and
 * the location mapped; the stock preview; switch on. Nothing reaches Prima and no stock is written until
 * then; afterwards posting and stock sync are on, the order placed meanwhile is posted once and the fixed
 * variant gets the figure the preview showed.
 * Needs /usr/bin/chromium (.ci/run installs it); without it this prints SKIP and checks nothing.
 */
import { ensureShopifyPages, type Stack, scenarioFor } from '@prima-connect/playground';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, expectNothingSentYet, launchChromium, platformOf } from './browser.js';
import { startTestStack, waitFor } from './harness.js';

const hasChromium = chromiumFor('shopify-onboarding.browser.test.ts');

/** The fresh shop's variant under an old SKU (packages/playground/src/hosts/shopify.ts). */
const LEGACY = { sku: 'OXFORD-BLACK-8', item: 'ETOS / G / 080' };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  // The app's production build, rebuilt when a page changed (shared with the other browser tests).
  await ensureShopifyPages();
  stack = await startTestStack({ platforms: ['shopify'], onboarding: 'fresh', shopifyPages: true });
  browser = await launchChromium();
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const host = () => platformOf(stack, 'shopify');
/** The Polaris banner the action answered with: its title (and details). */
async function notice(page: Page): Promise<string> {
  const banner = page.locator('.Polaris-Banner').first();
  await banner.waitFor({ timeout: 30_000 });
  return (await banner.textContent()) ?? '';
}

/** Submits with the button and waits for the page the action rendered. */
async function press(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name }).click(),
  ]);
}

describe.skipIf(!hasChromium)('Shopify Setup page in Chromium, fresh tenant to sync on', () => {
  it('walks every step in the browser; nothing reaches Prima before "Switch on"', {
    timeout: 300_000,
  }, async () => {
    const h = host();
    const { store, tenantId } = h;
    expect(await store.settings.get(tenantId)).toBeNull();
    const waiting = await h.driver.placeOrder(scenarioFor('variant', 1));

    // The library answers 410 to bots, and "HeadlessChrome" reads as one: present as the desktop browser.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    });
    await context.route(
      (u) => u.hostname !== '127.0.0.1',
      (r) => r.abort(),
    );
    const page = await context.newPage();
    const setup = stack.urls.find((u) => u.name === 'Shopify admin pages (Setup)');
    if (!setup) throw new Error('the playground lists no Shopify Setup page');
    // The Dashboard of a fresh shop sends the merchant to Setup.
    const dashboard = stack.urls.find((u) => u.name === 'Shopify admin pages (Dashboard)');
    await page.goto(dashboard?.url ?? '');
    await page.getByText('Prima is not connected yet').waitFor({ timeout: 30_000 });
    await page.goto(setup.url);
    await page.getByRole('heading', { name: 'Set up Prima Connect' }).waitFor({ timeout: 30_000 });

    // 1. A wrong address: what failed and what to do, in words; nothing saved.
    const wsdl = stack.sandbox.wsdlUrl;
    await page.getByLabel('Prima web service address').fill(`${new URL(wsdl).origin}/no/such/wsdl`);
    await press(page, 'Test connection');
    const failed = await notice(page);
    expect(failed).toMatch(/HTTP 404/);
    expect(failed).not.toMatch(/Error:|ECONN|TypeError|undefined|\bat \w+ \(/);
    expect(await store.settings.get(tenantId)).toBeNull();

    // ... then the right one: connected, the step saved.
    await page.getByLabel('Prima web service address').fill(wsdl);
    await press(page, 'Save and continue');
    expect(await notice(page)).toContain('Connected to Prima');
    expect((await store.settings.get(tenantId))?.prima.url).toBe(wsdl);
    expect((await h.onboarding.onboardingState(tenantId)).next).toBe('catalogue');

    // 2. Both catalogues.
    await press(page, 'Read both catalogues');
    expect(await notice(page)).toMatch(/Read both catalogues: \d+ products can be matched, \d+ need you/);
    await page.getByText(LEGACY.sku, { exact: true }).first().waitFor();

    // 3. Accept the proposals ...
    await press(page, /^Accept \d+ proposed matches$/);
    expect(await notice(page)).toMatch(/^\d+ product matches saved/);
    const applied = await store.mappings.list(tenantId);
    expect(applied.length).toBeGreaterThan(200);
    expect(applied.some((m) => m.sku === LEGACY.sku)).toBe(false);

    // ... and fix the old-SKU variant in place.
    await page.getByLabel(`Prima item for ${LEGACY.sku}`).fill(LEGACY.item);
    await press(page, `Map ${LEGACY.sku}`);
    expect(await notice(page)).toContain(`${LEGACY.sku} is now mapped to Prima item ETOS / G / 080`);
    expect(await page.getByLabel(`Prima item for ${LEGACY.sku}`).count()).toBe(0);
    const fixed = (await store.mappings.list(tenantId)).find((m) => m.sku === LEGACY.sku);
    expect(fixed).toMatchObject({ kind: 'stock', source: 'manual' });
    expect(fixed?.kind === 'stock' ? fixed.item : null).toEqual({
      product: 'ETOS',
      matrix: ['G', '080', '', ''],
    });
    await press(page, /^Continue/);

    // 4. Shipping, payment, the location.
    await page.getByLabel('Shipping methods').fill('STANDARD = CARR / DPD / NEXT\nFREE = FREE');
    await page.getByLabel('Payment methods').fill('shopify_payments = cc');
    await page.getByLabel('Prima warehouse for “Warehouse”').fill('MAIN');
    await page.getByLabel('Warehouse orders are sent to').fill('main');
    await press(page, 'Save and continue');
    expect(await notice(page)).toContain('Next: preview the first stock push');
    const mapped = await store.settings.get(tenantId);
    expect(mapped?.maps.shipping).toEqual({
      STANDARD: { charge: 'CARR', carrier: 'DPD', service: 'NEXT' },
      FREE: { charge: 'FREE', carrier: '', service: '' },
    });
    expect(mapped?.maps.payment).toEqual({
      shopify_payments: { payMethod: 'CC', subPayMethod: '', provider: '' },
    });
    expect(Object.values(mapped?.maps.locations ?? {})).toEqual(['MAIN']);
    expect(mapped?.orders.defaultWarehouse).toBe('MAIN');

    // 5. The preview: the fixed variant goes from Shopify's 0 to what Prima has for ETOS/G/080.
    await page.getByText(/^The first push would change \d+ stock figures for \d+ SKUs/).waitFor();
    await page.getByLabel('Find a SKU in the preview').fill(LEGACY.sku);
    const row = page.locator('tbody tr', { hasText: LEGACY.sku });
    await row.waitFor();
    const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 2)).toEqual([LEGACY.sku, '0']);
    const previewed = Number(cells[2]);
    expect(previewed).toBeGreaterThan(0);
    await press(page, 'Looks right, continue');
    await page.getByRole('button', { name: 'Switch on order posting and stock sync' }).waitFor();
    await expectNothingSentYet(stack, host());
    expect(await store.links.get(tenantId, waiting.storefrontOrderId)).toBeNull();

    // 6. Switch on.
    await press(page, 'Switch on order posting and stock sync');
    expect(await notice(page)).toContain('Prima Connect is on');
    const live = await store.settings.get(tenantId);
    expect(live?.orders.postingEnabled).toBe(true);
    expect(live?.stock.enabled).toBe(true);
    expect((await h.onboarding.onboardingState(tenantId)).next).toBeNull();

    // And now it flows: the order placed during setup is posted once; the first push writes the preview.
    const link = await waitFor('the order placed during setup to be posted', async () => {
      const l = await store.links.get(tenantId, waiting.storefrontOrderId);
      return l?.state === 'posted' ? l : null;
    });
    expect([...stack.sandbox.state.orders.values()].map((o) => o.orderNumber)).toEqual([
      link.primaOrderNumber,
    ]);
    await waitFor(
      `${LEGACY.sku} to show the previewed figure`,
      () => h.driver.stockOf(LEGACY.sku) === previewed,
    );
    await context.close();
  });
});
