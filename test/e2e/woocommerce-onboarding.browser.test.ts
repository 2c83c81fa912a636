/**
 * The WooCommerce plugin's Setup wizard, clicked through in headless Chromium on a fresh playground tenant
 * (`onboarding: 'fresh'`): the plugin's React screens in a wp-admin-shaped page, the WordPress REST relay
 * stand-in (same table as the PHP plugin), the connector service, the WooCommerce emulator and the Prima
 * sandbox. From an empty tenant to "sync on": a wrong Prima address explained in plain words, then the
 * right one; both catalogues read; the proposed matches applied; the variation under an old SKU fixed in
 * place; shipping, payment and the stock location mapped; the stock preview; switch on. Nothing reaches
 * Prima and no stock is written until "Switch on"; then the engine's settings have posting and stock sync
 * on, the order placed meanwhile is posted and the fixed variation gets the figure the preview showed.
 * Needs /usr/bin/chromium (.ci/run installs it); without it this prints SKIP and checks nothing.
 */
import { type Stack, scenarioFor } from '@prima-connect/playground';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, expectNothingSentYet, launchChromium, platformOf } from './browser.js';
import { startTestStack, waitFor } from './harness.js';

const hasChromium = chromiumFor('woocommerce-onboarding.browser.test.ts');

/** The fresh shop's variation under an old SKU (packages/playground/src/hosts/woocommerce.ts). */
const LEGACY = { sku: 'OXFORD-BLACK-8', product: 'ETOS', matrix: ['G', '080'] };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  stack = await startTestStack({ platforms: ['woocommerce'], onboarding: 'fresh' });
  browser = await launchChromium();
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const host = () => platformOf(stack, 'woocommerce');
describe.skipIf(!hasChromium)('WooCommerce Setup wizard in Chromium, fresh tenant to sync on', () => {
  it('walks every step in the browser; nothing reaches Prima before "Switch on"', {
    timeout: 300_000,
  }, async () => {
    const h = host();
    const { store, tenantId } = h;
    expect(await store.settings.get(tenantId)).toBeNull();
    // An order placed while the shop is being set up goes nowhere yet.
    const waiting = await h.driver.placeOrder(scenarioFor('variant', 1));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(
      (u) => u.hostname !== '127.0.0.1',
      (r) => r.abort(),
    );
    const screens = stack.urls.find((u) => u.name === 'WooCommerce admin screens');
    if (!screens) throw new Error('the playground lists no WooCommerce admin screens');
    await page.goto(screens.url);

    // Not set up yet: the Setup tab opens first.
    const setupTab = page.getByRole('tab', { name: 'Setup' });
    await setupTab.waitFor({ timeout: 30_000 });
    expect(await setupTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab').first().textContent()).toBe('Setup');

    // 1. A wrong address: what failed and what to do, in words; nothing saved.
    const wsdl = stack.sandbox.wsdlUrl;
    const address = page.getByLabel('Prima web service address');
    await address.fill(`${new URL(wsdl).origin}/no/such/wsdl`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const problem = page.locator('.prima-connect-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^The Prima address answered with HTTP 404/);
    const action = (await page.locator('.prima-connect-action').textContent()) ?? '';
    expect(action).toMatch(/^What to do: \w+/);
    // Words for a clerk, not a stack trace or an error class.
    expect(`${await problem.textContent()} ${action}`).not.toMatch(
      /Error:|ECONN|TypeError|undefined|\bat \w+ \(/,
    );
    expect(await store.settings.get(tenantId)).toBeNull();

    // ... then the right one: connected, the step saved on the server.
    await address.fill(wsdl);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('button', { name: 'Read the catalogues' }).waitFor();
    expect((await store.settings.get(tenantId))?.prima.url).toBe(wsdl);
    expect((await h.onboarding.onboardingState(tenantId)).steps[0]).toMatchObject({
      step: 'connect',
      done: true,
      by: 'playground-admin',
    });

    // 2. Both catalogues: the old-SKU variation is among those that need the merchandiser.
    await page.getByRole('button', { name: 'Read the catalogues' }).click();
    await page.getByText(/^\d+ can be matched automatically\.$/).waitFor();
    const fixRow = page.locator(`tr[data-sku="${LEGACY.sku}"]`);
    await fixRow.waitFor();
    expect(await fixRow.textContent()).toContain('No Prima item matches');

    // 3. Apply the proposed matches ...
    await page.getByRole('button', { name: /^Apply \d+ matches$/ }).click();
    await page
      .getByText(/^\d+ products matched with Prima\.$/)
      .first()
      .waitFor();
    const applied = await store.mappings.list(tenantId);
    expect(applied.length).toBeGreaterThan(200);
    expect(applied.some((m) => m.sku === LEGACY.sku)).toBe(false);

    // ... and fix the unmapped variation in place: Prima product and matrix codes typed in its row.
    await fixRow.getByRole('button', { name: 'Fix' }).click();
    await fixRow.getByLabel('Prima product code').fill(LEGACY.product);
    await fixRow.getByLabel('Matrix code 1').fill(LEGACY.matrix[0] ?? '');
    await fixRow.getByLabel('Matrix code 2').fill(LEGACY.matrix[1] ?? '');
    await fixRow.getByRole('button', { name: 'Save match' }).click();
    await page.getByText(`${LEGACY.sku} is matched with Prima.`).first().waitFor();
    // The proposals were read again: the row is gone.
    await fixRow.waitFor({ state: 'detached' });
    const fixed = (await store.mappings.list(tenantId)).find((m) => m.sku === LEGACY.sku);
    expect(fixed).toMatchObject({ kind: 'stock', source: 'manual' });
    expect(fixed?.kind === 'stock' ? fixed.item : null).toEqual({
      product: 'ETOS',
      matrix: ['G', '080', '', ''],
    });
    await page.getByRole('button', { name: 'Continue' }).click();

    // 4. Shipping, payment and the one stock location.
    await page.getByText('Shipping methods', { exact: true }).waitFor();
    expect(await page.getByLabel('Shipping method ID 1').inputValue()).toBe('flat_rate');
    await page.getByLabel('Prima charge code 1').fill('CARR');
    expect(await page.getByLabel('Shipping method ID 2').inputValue()).toBe('free_shipping');
    await page.getByLabel('Prima charge code 2').fill('FREE');
    await page.getByLabel('Payment gateway ID 1').fill('stripe');
    await page.getByLabel('Prima pay method 1').fill('cc');
    await page.getByLabel('Prima warehouse for “Shop stock”').fill('MAIN');
    // The SKU rule the catalogues suggested is offered for products added later, switched on.
    expect(await page.getByRole('checkbox', { name: 'Match new products by their SKU' }).isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Show the preview' }).waitFor();
    const mapped = await store.settings.get(tenantId);
    expect(mapped?.maps.shipping).toEqual({
      flat_rate: { charge: 'CARR', carrier: '', service: '' },
      free_shipping: { charge: 'FREE', carrier: '', service: '' },
    });
    expect(mapped?.maps.payment).toEqual({ stripe: { payMethod: 'CC', subPayMethod: '', provider: '' } });
    expect(mapped?.maps.locations).toEqual({ default: 'MAIN' });
    expect(mapped?.maps.pattern).toEqual({ separator: '-', matrixLevels: [1, 2] });
    expect(mapped?.orders.defaultWarehouse).toBe('MAIN');

    // 5. The preview: per SKU from the shop's figure to Prima's; nothing pushed.
    await page.getByRole('button', { name: 'Show the preview' }).click();
    const summary = page.locator('.prima-connect-preview-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^\d+ SKUs would change \(\d+ stock figures\)\./);
    await page.getByLabel('Find a SKU in the preview').fill(LEGACY.sku);
    const legacyRow = page.locator('.prima-connect-preview tbody tr', { hasText: LEGACY.sku });
    await legacyRow.waitFor();
    const [, previewed] = /from 0 to (\d+)$/.exec((await legacyRow.textContent()) ?? '') ?? [];
    expect(previewed, (await legacyRow.textContent()) ?? '').toBeDefined();
    // The fixed variation gets exactly what Prima has for the item it was matched to.
    await page.getByLabel('Find a SKU in the preview').fill('ETOS-G-080');
    expect(
      await page.locator('.prima-connect-preview tbody tr', { hasText: 'ETOS-G-080' }).textContent(),
    ).toBe(`ETOS-G-080from 0 to ${previewed}`);
    await page.getByRole('button', { name: 'Looks right, continue' }).click();

    // Everything is set; still nothing sent to Prima or to the shop's stock.
    const switchOn = page.getByRole('button', { name: 'Switch on' });
    await switchOn.waitFor();
    await expectNothingSentYet(stack, host());
    expect(await store.links.get(tenantId, waiting.storefrontOrderId)).toBeNull();

    // 6. Switch on.
    await switchOn.click();
    await page
      .getByText('Prima Connect is on: paid orders are sent to Prima and WooCommerce stock follows Prima.')
      .first()
      .waitFor();
    const live = await store.settings.get(tenantId);
    expect(live?.orders.postingEnabled).toBe(true);
    expect(live?.stock.enabled).toBe(true);
    expect((await h.onboarding.onboardingState(tenantId)).next).toBeNull();

    // Reopened, the screens start on the Dashboard now, Setup last.
    await page.goto(screens.url);
    await page.getByRole('tab', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Dashboard' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab').last().textContent()).toBe('Setup');

    // And now it flows: the order placed during setup is posted, once; the first push writes the
    // previewed figure for the variation fixed in place.
    const link = await waitFor('the order placed during setup to be posted', async () => {
      const l = await store.links.get(tenantId, waiting.storefrontOrderId);
      return l?.state === 'posted' ? l : null;
    });
    expect([...stack.sandbox.state.orders.values()].map((o) => o.orderNumber)).toEqual([
      link.primaOrderNumber,
    ]);
    await waitFor('the first stock push', () => h.driver.stockCalls() > 0);
    await waitFor(
      `${LEGACY.sku} to show the previewed figure`,
      () => h.driver.stockOf(LEGACY.sku) === Number(previewed),
    );
    await page.close();
  });
});
