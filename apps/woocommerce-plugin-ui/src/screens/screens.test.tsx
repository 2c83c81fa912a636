import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardFixture, exceptionFixture, mappingFixture, orderFixture } from '../fixtures';
import { fakeApi, renderWithApi } from '../test-utils';
import { Dashboard } from './Dashboard';
import { Exceptions } from './Exceptions';
import { Mappings } from './Mappings';
import { OrderWidget } from './OrderWidget';
import { Settings } from './Settings';

describe('Dashboard', () => {
  it('shows the figures and runs a stock sync on demand', async () => {
    const api = fakeApi({
      'GET /dashboard': dashboardFixture,
      'POST /stock/sync': { changed: 4, pushed: 4 },
    });
    renderWithApi(<Dashboard />, api);
    expect((await screen.findAllByText('Orders in Prima')).length).toBeGreaterThan(0);
    expect(screen.getByText('121')).toBeTruthy();
    expect(screen.getByText('acceptance 96.8%')).toBeTruthy();
    const openFigure = screen.getByText('Open exceptions').parentElement!;
    expect(openFigure.textContent).toContain('3'); // 2 unmapped + 1 money mismatch
    fireEvent.click(screen.getByRole('button', { name: 'Sync stock now' }));
    expect((await screen.findAllByText('Stock sync done: 4 changed, 4 pushed.')).length).toBeGreaterThan(0);
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /stock/sync');
  });

  it('says what failed when the connector cannot be reached', async () => {
    const api = fakeApi({ 'GET /dashboard': new Error('The Prima Connect service did not answer.') });
    renderWithApi(<Dashboard />, api);
    expect((await screen.findAllByText('The Prima Connect service did not answer.')).length).toBeGreaterThan(
      0,
    );
  });
});

describe('Mappings', () => {
  it('lists variations with the unmapped count and saves a mapping suggested from the SKU', async () => {
    const api = fakeApi({
      'GET /mappings': { rows: mappingFixture },
      'POST /mappings/save': { saved: 1 },
    });
    renderWithApi(<Mappings />, api);
    expect(
      (await screen.findAllByText('1 of 3 variations cannot be sent to Prima yet.')).length,
    ).toBeGreaterThan(0);
    expect((await screen.findAllByText('Not mapped')).length).toBeGreaterThan(0);
    expect(screen.getByText('ETOS / G / 080')).toBeTruthy();
    const mapButtons = screen.getAllByRole('button', { name: 'Map to Prima' });
    await act(async () => {
      fireEvent.click(mapButtons[0]!);
    });
    const product = (await screen.findByLabelText('Prima product code')) as HTMLInputElement;
    expect(product.value).toBe('ETOS');
    expect((screen.getByLabelText('Matrix code 2') as HTMLInputElement).value).toBe('090');
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/mappings/save')).toBe(true));
    const save = api.calls.find((c) => c.path === '/mappings/save');
    expect(save?.data).toEqual({
      rows: [{ sku: 'ETOS-H-090', kind: 'stock', item: { product: 'ETOS', matrix: ['H', '090', '', ''] } }],
    });
  });

  it('reports CSV rows that need fixing and imports nothing', async () => {
    const api = fakeApi({
      'GET /mappings': { rows: mappingFixture },
      'POST /mappings/import': {
        imported: 0,
        valid: 1,
        errors: [{ row: 3, column: 'product', message: 'Prima product code is required' }],
      },
    });
    renderWithApi(<Mappings />, api);
    await screen.findByText('1 of 3 variations cannot be sent to Prima yet.');
    const input = screen.getByTestId('csv-input') as HTMLInputElement;
    const file = new File(['sku,kind,product\nA,stock,\n'], 'm.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(
      (await screen.findAllByText('Nothing was imported: 1 rows need fixing first.')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Line 3, product: Prima product code is required')).toBeTruthy();
    expect(api.calls.find((c) => c.path === '/mappings/import')?.data).toEqual({
      csv: 'sku,kind,product\nA,stock,\n',
    });
  });
});

describe('Exceptions', () => {
  it('shows what happened and what to do, and retries one', async () => {
    const api = fakeApi({
      'GET /exceptions?status=open': { exceptions: exceptionFixture },
      'POST /exceptions/exc-1/retry': { exception: exceptionFixture[0] },
    });
    renderWithApi(<Exceptions />, api);
    expect(
      (await screen.findAllByText('Order 4521: SKU ETOS-H-090 is not mapped to a Prima product.')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Map the SKU in Mappings, then retry.')).toBeTruthy();
    const retry = screen.getAllByRole('button', { name: 'Retry' });
    await act(async () => {
      fireEvent.click(retry[retry.length - 1]!);
    });
    await waitFor(() =>
      expect(api.calls.some((c) => c.method === 'POST' && c.path.endsWith('/retry'))).toBe(true),
    );
    expect(
      (await screen.findAllByText('Sent again. The result shows here in a moment.')).length,
    ).toBeGreaterThan(0);
  });

  it('says so when nothing needs attention', async () => {
    renderWithApi(<Exceptions />, fakeApi({ 'GET /exceptions?status=open': { exceptions: [] } }));
    expect(
      (await screen.findAllByText('Nothing needs attention. Every order reached Prima.')).length,
    ).toBeGreaterThan(0);
  });
});

describe('Settings', () => {
  it('saves the connection without echoing the key and shows the connection test', async () => {
    const api = fakeApi({
      'GET /plugin-settings': {
        connector_url: 'https://connect.example',
        api_key_saved: true,
        webhook_count: 0,
      },
      'GET /prima-settings': { settings: null },
      'POST /plugin-settings': {
        connector_url: 'https://connect.example',
        api_key_saved: true,
        webhook_count: 0,
      },
      'POST /connection-test': {
        prima: { ok: true, company: 'DEMO' },
        woocommerce: {
          ok: false,
          problem: {
            code: 'storefront_api_error',
            message: 'WooCommerce refused the key.',
            action: 'Create a new key.',
            retryable: false,
          },
        },
      },
    });
    renderWithApi(<Settings />, api);
    const url = (await screen.findByLabelText('Connector address')) as HTMLInputElement;
    await waitFor(() => expect(url.value).toBe('https://connect.example'));
    expect(screen.getByText('A key is saved. Leave empty to keep it.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Store key'), { target: { value: 'pck_x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    expect((await screen.findAllByText('Connection saved.')).length).toBeGreaterThan(0);
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/plugin-settings')?.data).toEqual({
      connector_url: 'https://connect.example',
      api_key: 'pck_x',
    });
    expect((screen.getByLabelText('Store key') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findAllByText('Prima answered (company DEMO).')).length).toBeGreaterThan(0);
    expect(screen.getByText('WooCommerce: WooCommerce refused the key. Create a new key.')).toBeTruthy();
  });

  it('sends the Prima settings in the shared schema shape', async () => {
    const api = fakeApi({
      'GET /plugin-settings': { connector_url: '', api_key_saved: false, webhook_count: 0 },
      'GET /prima-settings': { settings: null },
      'POST /prima-settings/save': (data: unknown) => ({ settings: data }),
    });
    renderWithApi(<Settings />, api);
    fireEvent.change(await screen.findByLabelText('Prima web service address (WSDL or service URL)'), {
      target: { value: 'http://prima.local/omlink' },
    });
    fireEvent.click(screen.getByLabelText('Send orders to Prima'));
    fireEvent.change(screen.getByLabelText('Safety buffer (units held back)'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save Prima settings' }));
    expect((await screen.findAllByText('Prima settings saved.')).length).toBeGreaterThan(0);
    const sent = api.calls.find((c) => c.path === '/prima-settings/save')?.data as {
      prima: { url: string };
      orders: { postingEnabled: boolean };
      stock: { defaultBuffer: unknown };
    };
    expect(sent.prima.url).toBe('http://prima.local/omlink');
    expect(sent.orders.postingEnabled).toBe(true);
    expect(sent.stock.defaultBuffer).toEqual({ kind: 'fixed', value: 2 });
  });
});

describe('OrderWidget', () => {
  it('shows the Prima number, status and tracking', async () => {
    renderWithApi(<OrderWidget orderId="4521" />, fakeApi({ 'GET /orders/4521': orderFixture }));
    expect((await screen.findAllByText('In Prima')).length).toBeGreaterThan(0);
    expect(screen.getByText('Prima order W4521')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'RM123456789GB' }).getAttribute('href')).toBe(
      'https://track.example/RM123456789GB',
    );
    expect(screen.queryByRole('button', { name: 'Send to Prima again' })).toBeNull();
  });

  it('explains a problem and offers a retry that reposts', async () => {
    const failing = {
      ...orderFixture,
      state: 'exception' as const,
      primaOrderNumber: undefined,
      dispatches: [],
      canRetry: true,
      lastProblem: {
        code: 'unmapped_sku',
        message: 'SKU ETOS-H-090 is not mapped.',
        action: 'Map it in Mappings.',
        retryable: false,
      },
    };
    const api = fakeApi({ 'GET /orders/4521': failing, 'POST /orders/4521/repost': { ...orderFixture } });
    renderWithApi(<OrderWidget orderId="4521" />, api);
    expect((await screen.findAllByText('Needs attention')).length).toBeGreaterThan(0);
    expect(screen.getByText('SKU ETOS-H-090 is not mapped.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send to Prima again' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/orders/4521/repost')).toBe(true));
  });
});
