/**
 * The Adobe Commerce app's Setup wizard, clicked through in headless Chromium on a fresh playground tenant
 * (`onboarding: 'fresh'`): the web-src screens served by the App Builder local runner, the admin-api action
 * behind them, the Commerce emulator and the Prima sandbox. From an empty tenant to "sync on": a wrong
 * Prima address explained in words, then the right one; both catalogues read; the proposed matches
 * accepted; the variant under an old SKU fixed in place; shipping, payment and locations mapped; the stock
 * preview; switch on. Checked against the store and the sandbox at each step: nothing reaches Prima and no
 * stock is written until "Switch on", and then the order placed meanwhile is posted and the fixed variant's
 * stock is pushed with the figure the preview showed.
 * Needs /usr/bin/chromium (.ci/run installs it); without it this prints SKIP and checks nothing.
 */
import { ensureMagentoScreens, LEGACY_VARIANT, type Stack, scenarioFor } from '@prima-connect/playground';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, expectNothingSentYet, launchChromium, platformOf } from './browser.js';
import { startTestStack, waitFor } from './harness.js';

const hasChromium = chromiumFor('magento-onboarding.browser.test.ts');

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  ensureMagentoScreens();
  stack = await startTestStack({ platforms: ['magento'], onboarding: 'fresh' });
  browser = await launchChromium();
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const host = () => platformOf(stack, 'magento');
const screensUrl = (hash: string) => {
  const u = stack.urls.find((x) => x.name === 'Adobe Commerce admin screens');
  if (!u) throw new Error('the playground lists no Adobe Commerce admin screens');
  return u.url.replace(/#.*$/, hash);
};
async function openSetup(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Offline: nothing outside 127.0.0.1 exists.
  await page.route(
    (u) => u.hostname !== '127.0.0.1',
    (r) => r.abort(),
  );
  // The screens are static files another test may be rebuilding at this moment: try again briefly.
  await waitFor('the Setup screen to load', async () => (await page.goto(screensUrl('#/setup')))?.ok());
  await page.getByTestId('wizard-steps').waitFor({ timeout: 30_000 });
  return page;
}

describe.skipIf(!hasChromium)('Adobe Commerce Setup wizard in Chromium, fresh tenant to sync on', () => {
  it('walks every step in the browser; nothing reaches Prima before "Switch on"', {
    timeout: 300_000,
  }, async () => {
    const h = host();
    const { store, tenantId } = h;
    expect(await store.settings.get(tenantId)).toBeNull();
    // An order placed while the store is being set up goes nowhere yet. (Not for ETOS G 080, whose
    // figure the end of the walk-through compares with the preview.)
    const scenario = scenarioFor('variant', 1);
    expect(scenario.lines.map((l) => l.sku)).not.toContain('ETOS-G-080');
    const waiting = await h.driver.placeOrder(scenario);

    const page = await openSetup();
    const note = page.getByTestId('wizard-note');
    const result = page.getByTestId('connection-result');
    const steps = page.getByTestId('wizard-steps');
    await steps.getByText('Connect Prima — next').waitFor();

    // 1. A mistyped address: explained in plain words, nothing saved.
    const wsdl = stack.sandbox.wsdlUrl;
    const wrong = wsdl.replace('/wsalive/wsalive/', '/wsalive/wrong/');
    expect(wrong).not.toBe(wsdl);
    const address = page.getByLabel('Prima web service (WSDL) address');
    await address.fill(wrong);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await result.waitFor();
    const failure = (await result.textContent()) ?? '';
    expect(failure).not.toMatch(/^Connected/);
    expect(failure.length).toBeGreaterThan(30);
    // Words for a clerk, not a stack trace or an error class.
    expect(failure).not.toMatch(/Error:|ECONN|TypeError|undefined|\bat \w+ \(/);
    expect(await store.settings.get(tenantId)).toBeNull();

    // ... then the right one, connected (the step is saved on the server).
    await address.fill(wsdl);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await steps.getByText('Connect Prima — done').waitFor();
    expect(await result.textContent()).toMatch(/^Connected/);
    expect((await store.settings.get(tenantId))?.prima.url).toBe(wsdl);

    // 2. Both catalogues: the old-SKU variant is among those that need the merchandiser.
    await page.getByRole('button', { name: 'Read both catalogues' }).click();
    await page.getByTestId('catalogue-summary').waitFor();
    expect(await page.getByTestId('catalogue-summary').textContent()).toMatch(/\d+ match a Prima item/);
    const fixRow = page.getByTestId(`fix-${LEGACY_VARIANT.sku}`);
    await fixRow.waitFor();
    expect(await fixRow.textContent()).toContain('No Prima item matches');

    // 3. Accept the proposed matches ...
    await page.getByRole('button', { name: 'Accept all matches' }).click();
    await note.filter({ hasText: /\d+ matches saved/ }).waitFor();
    const accepted = (await store.mappings.list(tenantId)).length;
    expect(accepted).toBeGreaterThan(200);
    expect((await store.mappings.list(tenantId)).some((m) => m.sku === LEGACY_VARIANT.sku)).toBe(false);

    // ... and fix the unmapped variant in place: Prima product and matrix codes typed in its row.
    await fixRow.getByLabel('Prima product code').fill(LEGACY_VARIANT.item.product);
    await fixRow.getByLabel('Matrix codes').fill(LEGACY_VARIANT.item.matrix.join(' '));
    await fixRow.getByRole('button', { name: 'Save match' }).click();
    await note.filter({ hasText: `${LEGACY_VARIANT.sku} now goes to Prima as ETOS / G / 080` }).waitFor();
    // The proposals were read again: the row is gone from the list.
    await fixRow.waitFor({ state: 'detached' });
    const fixed = (await store.mappings.list(tenantId)).find((m) => m.sku === LEGACY_VARIANT.sku);
    expect(fixed).toMatchObject({ kind: 'stock', source: 'manual' });
    expect(fixed?.kind === 'stock' ? fixed.item : null).toEqual({
      product: 'ETOS',
      matrix: ['G', '080', '', ''],
    });
    await page.getByRole('button', { name: 'Done with products' }).click();
    await steps.getByText('Match products — done').waitFor();

    // 4. Shipping, payment and locations: the store's source listed, the order warehouse follows it.
    await page.getByLabel('Prima charge for flatrate_flatrate').fill('CARR');
    await page.getByLabel('Carrier for flatrate_flatrate').fill('DPD');
    await page.getByLabel('Service for flatrate_flatrate').fill('NEXT');
    await page.getByLabel('Prima charge for freeshipping_freeshipping').fill('FREE');
    await page.getByLabel('Prima pay method for checkmo').fill('CC');
    await page.getByLabel('Prima warehouse for Default Source (default)').fill('MAIN');
    expect(await page.getByLabel('Prima warehouse orders are sent to').inputValue()).toBe('MAIN');
    // The SKU rule the catalogues suggested is offered, switched on.
    expect(await page.getByRole('checkbox', { name: 'Match new products by their SKU' }).isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Save shipping, payment and locations' }).click();
    await steps.getByText('Shipping, payment and locations — done').waitFor();
    const mapped = await store.settings.get(tenantId);
    expect(mapped?.maps.shipping).toEqual({
      flatrate_flatrate: { charge: 'CARR', carrier: 'DPD', service: 'NEXT' },
      freeshipping_freeshipping: { charge: 'FREE', carrier: '', service: '' },
    });
    expect(mapped?.maps.payment).toEqual({ checkmo: { payMethod: 'CC', subPayMethod: '', provider: '' } });
    expect(mapped?.maps.locations).toEqual({ default: 'MAIN' });
    expect(mapped?.maps.pattern).toEqual({ separator: '-', matrixLevels: [1, 2] });
    expect(mapped?.orders.defaultWarehouse).toBe('MAIN');

    // 5. The preview: from the store's figure (read from Commerce) to Prima's, per SKU; nothing pushed.
    await page.getByRole('button', { name: 'Preview the first stock push' }).click();
    const summary = page.getByTestId('preview-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /The first push would change \d+ stock figures on \d+ products/,
    );
    // Commerce's current figures were read, so none is "not known".
    expect(await summary.textContent()).not.toMatch(/not known/);
    const previewRow = async (sku: string) => {
      await page.getByLabel('Find a SKU in the preview').fill(sku);
      const row = page.getByTestId('preview-row').filter({ hasText: `${sku} at default:` });
      await row.waitFor();
      return (await row.textContent()) ?? '';
    };
    const legacyRow = await previewRow(LEGACY_VARIANT.sku);
    const [, previewed] = /from 0 to (\d+)$/.exec(legacyRow) ?? [];
    expect(previewed, legacyRow).toBeDefined();
    // The fixed variant gets exactly what Prima has for the item it was matched to.
    expect(await previewRow('ETOS-G-080')).toBe(`ETOS-G-080 at default: from 0 to ${previewed}`);
    await page.getByRole('button', { name: 'The preview looks right' }).click();
    await steps.getByText('Preview the first stock push — done').waitFor();

    // Everything is set; still nothing sent, and the wizard says what switching on does.
    await expectNothingSentYet(stack, host());
    expect(await store.links.get(tenantId, waiting.storefrontOrderId)).toBeNull();
    expect(await page.getByTestId('posting-state').textContent()).toContain('off');
    await page.getByText(/Every Commerce order is sent to Prima as a sales order/).waitFor();

    // 6. Switch on.
    await page.getByRole('button', { name: 'Switch on order posting and stock sync' }).click();
    await steps.getByText('Switch on — done').waitFor();
    expect(await page.getByTestId('posting-state').textContent()).toContain('on');
    expect(await page.getByTestId('stock-state').textContent()).toContain('on');
    const live = await store.settings.get(tenantId);
    expect(live?.orders.postingEnabled).toBe(true);
    expect(live?.stock.enabled).toBe(true);

    // Settings show both switched on.
    await page.goto(screensUrl('#/settings'));
    const posting = page.getByRole('switch', { name: 'Send orders to Prima' });
    await posting.waitFor();
    expect(await posting.isChecked()).toBe(true);
    expect(await page.getByRole('switch', { name: 'Update Commerce stock from Prima' }).isChecked()).toBe(
      true,
    );

    // And now it flows: the order placed during setup is posted, once; the first push writes the
    // previewed figure for the variant fixed in place.
    const link = await waitFor('the order placed during setup to be posted', async () => {
      const l = await store.links.get(tenantId, waiting.storefrontOrderId);
      return l?.state === 'posted' ? l : null;
    });
    expect([...stack.sandbox.state.orders.values()].map((o) => o.orderNumber)).toEqual([
      link.primaOrderNumber,
    ]);
    await waitFor('the first stock push', () => h.driver.stockCalls() > 0);
    await waitFor(
      `${LEGACY_VARIANT.sku} to show the previewed figure`,
      () => h.driver.stockOf(LEGACY_VARIANT.sku) === Number(previewed),
    );
    await page.close();
  });
});
