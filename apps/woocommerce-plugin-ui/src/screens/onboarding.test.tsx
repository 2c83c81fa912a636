import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { dashboardFixture } from '../fixtures';
import { fakeApi, renderWithApi } from '../test-utils';
import type {
  MappingProposalsView,
  OnboardingStateView,
  OnboardingStepName,
  StockPreviewView,
} from '../types';
import { Onboarding } from './Onboarding';

const ORDER: OnboardingStepName[] = ['connect', 'catalogue', 'mappings', 'maps', 'preview', 'go-live'];

/** Progress with every step before `next` done. */
function stateAt(next: OnboardingStepName | null): OnboardingStateView {
  const upTo = next === null ? ORDER.length : ORDER.indexOf(next);
  return {
    steps: ORDER.map((step, i) =>
      i < upTo
        ? { step, done: true, at: '2026-11-22T08:00:00.000Z', by: 'shop_manager' }
        : { step, done: false },
    ),
    next,
    postingEnabled: next === null,
    stockEnabled: next === null,
  };
}

const proposals = (fixed: boolean): MappingProposalsView => ({
  proposed: fixed
    ? []
    : [
        {
          sku: 'ETOS-G-080',
          variantIds: ['11'],
          title: 'Etos - G - 8',
          item: { product: 'ETOS', matrix: ['G', '080', '', ''] },
          reason: 'exact_sku',
          explanation: 'The SKU matches Prima item ETOS / G / 080 exactly.',
        },
      ],
  unmapped: [
    {
      sku: 'LOOKBOOK',
      variantId: '20',
      title: 'Printed lookbook',
      reason: 'not_in_prima',
      message: 'No Prima item matches the SKU "LOOKBOOK" ("Printed lookbook").',
    },
  ],
  ambiguous: fixed
    ? []
    : [
        {
          sku: 'ETOS-H-85',
          variantIds: ['12'],
          titles: ['Etos - H - 8.5'],
          reason: 'unknown_matrix',
          message: 'The SKU "ETOS-H-85" starts with Prima product ETOS, but Prima has no such size/width.',
          candidates: [
            { product: 'ETOS', matrix: ['H', '080', '', ''] },
            { product: 'ETOS', matrix: ['H', '085', '', ''] },
          ],
        },
        {
          sku: 'TEE',
          variantIds: ['30', '31'],
          titles: ['Tee - S', 'Tee - M'],
          reason: 'shared_sku',
          message: 'Two variations share the SKU "TEE".',
          candidates: [],
        },
      ],
  alreadyMapped: fixed ? ['ETOS-G-080', 'ETOS-H-85'] : [],
  suggestedPattern: { pattern: { separator: '-', matrixLevels: [1, 2] }, matches: 2, of: 4 },
});

const previewFixture: StockPreviewView = {
  rows: [
    { sku: 'ETOS-G-080', variantId: '11', locationId: 'default', before: 2, after: 8 },
    { sku: 'ETOS-H-85', variantId: '12', locationId: 'default', before: null, after: 5 },
  ],
  totals: { changes: 2, skus: 2, unitsUp: 6, unitsDown: 0, toZero: 0, unknownBefore: 1 },
  considered: 2,
  guarded: false,
  problems: [],
};

describe('Setup (first-run wizard)', () => {
  it('explains a failed connection test in plain words, then connects and moves on', async () => {
    const problem = {
      code: 'prima_unreachable',
      message: 'The Prima address answered with HTTP 404 (not found).',
      action: 'Check the address: it usually ends in /wsdl.',
      retryable: false,
    };
    const api = fakeApi({
      'GET /onboarding': stateAt('connect'),
      'GET /prima-settings': { settings: null },
      'POST /onboarding/test-connection': { ok: false, problem },
      'POST /onboarding/connect': (data: unknown) => ({
        test: (data as { prima: { url: string } }).prima.url.endsWith('/wsdl')
          ? { ok: true, company: '1' }
          : { ok: false, problem },
        state: stateAt('catalogue'),
      }),
    });
    renderWithApi(<Onboarding />, api);
    const url = await screen.findByLabelText('Prima web service address');
    fireEvent.change(url, { target: { value: 'http://prima.local/oops' } });
    fireEvent.click(screen.getByLabelText('exclude VAT'));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(problem.message)).toBeTruthy();
    expect(screen.getByText(`What to do: ${problem.action}`)).toBeTruthy();
    expect(api.calls.find((c) => c.path === '/onboarding/test-connection')?.data).toEqual({
      prima: { url: 'http://prima.local/oops' },
    });

    fireEvent.change(url, { target: { value: 'http://prima.local/wsdl' } });
    fireEvent.change(screen.getByLabelText('Company number (only if your Prima has several companies)'), {
      target: { value: '1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    // Connected: the next panel is the catalogue read.
    expect(await screen.findByRole('button', { name: 'Read the catalogues' })).toBeTruthy();
    expect(api.calls.find((c) => c.path === '/onboarding/connect')?.data).toEqual({
      prima: { url: 'http://prima.local/wsdl', companyId: '1' },
      vatInclusive: false,
    });
  });

  it('reads the catalogues, applies the proposals and fixes an unknown size in place', async () => {
    let fixed = false;
    const api = fakeApi({
      'GET /onboarding': stateAt('catalogue'),
      'POST /onboarding/propose': () => proposals(fixed),
      'POST /onboarding/apply': { applied: 1, skipped: [] },
      'POST /onboarding/map-sku': () => {
        fixed = true;
        return { mapping: { sku: 'ETOS-H-85', kind: 'stock', source: 'manual' } };
      },
      'POST /onboarding/steps/mappings/complete': { ok: true, state: stateAt('maps') },
      'GET /onboarding/locations': { locations: [{ id: 'default', name: 'Shop stock' }] },
      'GET /prima-settings': { settings: null },
    });
    renderWithApi(<Onboarding />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Read the catalogues' }));
    expect(await screen.findByText('1 can be matched automatically.')).toBeTruthy();
    expect(screen.getByText('3 need you.')).toBeTruthy();
    expect(screen.getByText('The SKU matches Prima item ETOS / G / 080 exactly.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Apply 1 matches' }));
    expect((await screen.findAllByText('1 products matched with Prima.')).length).toBeGreaterThan(0);
    expect(api.calls.find((c) => c.path === '/onboarding/apply')?.data).toEqual({ skus: ['ETOS-G-080'] });

    // Variations sharing a SKU cannot be matched one by one: no Fix button for them.
    const shared = screen.getByText('Two variations share the SKU "TEE".').closest('tr') as HTMLElement;
    expect(within(shared).queryByRole('button', { name: 'Fix' })).toBeNull();

    const row = screen.getByText(/starts with Prima product ETOS/).closest('tr') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: 'Fix' }));
    });
    fireEvent.change(within(row).getByLabelText('Prima item it could be'), { target: { value: '1' } });
    expect((within(row).getByLabelText('Matrix code 2') as HTMLInputElement).value).toBe('085');
    fireEvent.click(within(row).getByRole('button', { name: 'Save match' }));
    expect((await screen.findAllByText('ETOS-H-85 is matched with Prima.')).length).toBeGreaterThan(0);
    expect(api.calls.find((c) => c.path === '/onboarding/map-sku')?.data).toEqual({
      sku: 'ETOS-H-85',
      kind: 'stock',
      item: { product: 'ETOS', matrix: ['H', '085', '', ''] },
    });
    // Read again after the fix: the row is gone, the count follows.
    expect(screen.queryByText(/starts with Prima product ETOS/)).toBeNull();
    expect(screen.getByText('1 need you.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Shipping methods')).toBeTruthy();
    // The rule the catalogues suggested is offered for products added later, switched on.
    const rule = screen.getByLabelText('Match new products by their SKU') as HTMLInputElement;
    expect(rule.checked).toBe(true);
    expect(screen.getByText(/fits 2 of your 4 SKUs today/)).toBeTruthy();
  });

  it('saves the maps and lists what is still missing', async () => {
    const api = fakeApi({
      'GET /onboarding': stateAt('maps'),
      'GET /onboarding/locations': { locations: [{ id: 'default', name: 'Shop stock' }] },
      'GET /prima-settings': { settings: null },
      'POST /onboarding/maps': (data: unknown) =>
        Object.keys((data as { payment: object }).payment).length === 0
          ? {
              ok: false,
              missing: ['Map at least one payment method to a Prima pay method.'],
              state: stateAt('maps'),
            }
          : { ok: true, state: stateAt('preview') },
    });
    renderWithApi(<Onboarding />, api);
    fireEvent.change(await screen.findByLabelText('Prima charge code 1'), { target: { value: 'carr' } });
    fireEvent.change(screen.getByLabelText('Prima warehouse for “Shop stock”'), {
      target: { value: 'main' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText('Map at least one payment method to a Prima pay method.')).toBeTruthy();
    expect(api.calls.find((c) => c.path === '/onboarding/maps')?.data).toEqual({
      shipping: { flat_rate: { charge: 'CARR' } },
      payment: {},
      locations: { default: 'MAIN' },
      defaultWarehouse: 'MAIN',
    });

    fireEvent.change(screen.getByLabelText('Payment gateway ID 1'), { target: { value: 'stripe' } });
    fireEvent.change(screen.getByLabelText('Prima pay method 1'), { target: { value: 'cc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('button', { name: 'Show the preview' })).toBeTruthy();
    const sent = api.calls.filter((c) => c.path === '/onboarding/maps')[1]?.data as { payment: unknown };
    expect(sent.payment).toEqual({ stripe: { payMethod: 'CC' } });
  });

  it('previews the first stock update per SKU, then switches on once nothing is missing', async () => {
    let refusals = 1;
    const api = fakeApi({
      'GET /onboarding': stateAt('preview'),
      'POST /onboarding/stock-preview': previewFixture,
      'POST /onboarding/steps/preview/complete': { ok: true, state: stateAt('go-live') },
      'POST /onboarding/go-live': () => {
        if (refusals-- > 0)
          throw { ok: false, missing: ['Finish "Map products" first.'], state: stateAt('go-live') };
        return { ok: true, state: stateAt(null) };
      },
    });
    renderWithApi(<Onboarding />, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Show the preview' }));
    expect(await screen.findByText('from 2 to 8')).toBeTruthy();
    expect(screen.getByText('to 5')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Find a SKU in the preview'), { target: { value: 'h-85' } });
    expect(screen.queryByText('from 2 to 8')).toBeNull();
    expect(screen.getByText('to 5')).toBeTruthy();
    expect(screen.getByText(/2 SKUs would change \(2 stock figures\)\./).textContent).toContain(
      '6 units up, 0 down; 0 would show as sold out.',
    );
    // Nothing has been switched on by looking.
    expect(api.calls.some((c) => c.path === '/onboarding/go-live')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Looks right, continue' }));

    const switchOn = await screen.findByRole('button', { name: 'Switch on' });
    fireEvent.click(switchOn);
    expect((await screen.findAllByText('Finish "Map products" first.')).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Switch on' }));
    expect(
      (
        await screen.findAllByText(
          'Prima Connect is on: paid orders are sent to Prima and WooCommerce stock follows Prima.',
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Orders are sent to Prima.')).toBeTruthy();
  });

  it('resumes where it was left', async () => {
    renderWithApi(<Onboarding />, fakeApi({ 'GET /onboarding': stateAt('preview') }));
    expect(await screen.findByRole('button', { name: 'Show the preview' })).toBeTruthy();
    const connect = screen.getByRole('button', { name: 'Connect Prima' });
    expect(connect.closest('li')?.textContent).toContain('(done)');
  });
});

describe('App tabs', () => {
  it('opens Setup first while the wizard is unfinished', async () => {
    renderWithApi(
      <App />,
      fakeApi({ 'GET /onboarding': stateAt('connect'), 'GET /prima-settings': { settings: null } }),
    );
    const tabs = await screen.findAllByRole('tab');
    expect(tabs[0]?.textContent).toBe('Setup');
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByLabelText('Prima web service address')).toBeTruthy();
  });

  it('opens the Dashboard once live, with Setup last', async () => {
    renderWithApi(<App />, fakeApi({ 'GET /onboarding': stateAt(null), 'GET /dashboard': dashboardFixture }));
    await waitFor(() => expect(screen.getAllByRole('tab').length).toBeGreaterThan(1));
    const tabs = screen.getAllByRole('tab');
    expect(tabs[0]?.textContent).toBe('Dashboard');
    expect(tabs[tabs.length - 1]?.textContent).toBe('Setup');
    expect((await screen.findAllByText('Orders in Prima')).length).toBeGreaterThan(0);
  });
});
