import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { reconciliationFixture } from '../fixtures';
import { fakeApi, renderWithApi } from '../test-utils';
import { Reconciliation } from './Reconciliation';

/** FileReader rather than Blob.text(): jsdom implements the former everywhere. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('Reconciliation', () => {
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it('summarises the last 30 days with one red or green bar per day and lists what to check', async () => {
    const api = fakeApi({ 'GET /reconciliation?days=30': reconciliationFixture });
    renderWithApi(<Reconciliation />, api);
    expect(await screen.findByText('1 of 2 days reconciled in the last 30 days.')).toBeTruthy();
    expect(api.calls).toEqual([{ method: 'GET', path: '/reconciliation?days=30' }]);

    const chart = screen.getByRole('list', { name: 'Shop takings per day' });
    const days = within(chart).getAllByRole('listitem');
    expect(days.map((d) => d.getAttribute('data-testid'))).toEqual(['recon-2026-11-21', 'recon-2026-11-20']);
    const [bad, good] = days;
    expect(bad?.textContent).toContain('1 to check: 51 of 52 orders in Prima');
    expect(bad?.textContent).toContain('£4,123.50');
    expect(good?.textContent).toContain('Reconciled: 41 orders, all in Prima');
    expect(good?.textContent).toContain('£1,234.50');
    // Bar length against the busiest day; colour by verdict.
    const badBar = bad?.querySelector<HTMLElement>('.prima-connect-recon-day__bar');
    const goodBar = good?.querySelector<HTMLElement>('.prima-connect-recon-day__bar');
    expect(badBar?.style.width).toBe('100%');
    expect(badBar?.classList.contains('is-not-reconciled')).toBe(true);
    expect(goodBar?.style.width).toBe('30%'); // 1,234.50 of 4,123.50
    expect(goodBar?.classList.contains('is-reconciled')).toBe(true);

    const table = screen.getByRole('table', { name: 'Reconciliation findings' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('2026-11-21');
    expect(rows[0]?.textContent).toContain('4530');
    expect(rows[0]?.textContent).toContain('£80.00');
    expect(rows[0]?.textContent).toContain('never reached Prima Connect');
  });

  it('downloads the CSV the connector built, as a file', async () => {
    // jsdom has no object URLs: record what the screen hands to the browser instead.
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    URL.createObjectURL = (b: Blob) => {
      blobs.push(b);
      return 'blob:prima-reconciliation';
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
    };
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    renderWithApi(<Reconciliation />, fakeApi({ 'GET /reconciliation?days=30': reconciliationFixture }));
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(clicked).toEqual([
      { href: 'blob:prima-reconciliation', download: 'prima-reconciliation-last-30-days.csv' },
    ]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]?.type).toContain('text/csv');
    expect(await blobText(blobs[0]!)).toBe(reconciliationFixture.csv);
    await waitFor(() => expect(revoked).toEqual(['blob:prima-reconciliation']), { timeout: 3000 });
  });

  it('says when no day has been reconciled yet, with nothing to download', async () => {
    renderWithApi(
      <Reconciliation />,
      fakeApi({ 'GET /reconciliation?days=30': { reports: [], csv: 'Day,Finding\n' } }),
    );
    expect(await screen.findByText(/No day has been reconciled yet\./)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Download CSV' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('says a quiet day reconciled with no orders, in the singular where it counts', async () => {
    const quiet = { ...reconciliationFixture.reports[1]!, day: '2026-11-19', storeOrders: 0, inPrima: 0 };
    const one = { ...reconciliationFixture.reports[1]!, storeOrders: 1, inPrima: 1 };
    renderWithApi(
      <Reconciliation />,
      fakeApi({ 'GET /reconciliation?days=30': { reports: [quiet], csv: '' } }),
    );
    expect(await screen.findByText('1 of 1 day reconciled in the last 30 days.')).toBeTruthy();
    expect(screen.getByTestId('recon-2026-11-19').textContent).toContain(
      'Reconciled: no paid orders that day',
    );
    cleanup();
    renderWithApi(
      <Reconciliation />,
      fakeApi({ 'GET /reconciliation?days=30': { reports: [one], csv: '' } }),
    );
    expect((await screen.findByTestId('recon-2026-11-20')).textContent).toContain(
      'Reconciled: 1 order, in Prima',
    );
  });

  it('says what failed when the connector cannot be reached', async () => {
    renderWithApi(
      <Reconciliation />,
      fakeApi({ 'GET /reconciliation?days=30': new Error('The Prima Connect service did not answer.') }),
    );
    expect((await screen.findAllByText('The Prima Connect service did not answer.')).length).toBeGreaterThan(
      0,
    );
  });

  it('is a tab of the admin page', async () => {
    renderWithApi(
      <App initialTab="reconciliation" />,
      fakeApi({ 'GET /reconciliation?days=30': reconciliationFixture }),
    );
    // The page may first ask how far Setup got (the fake answers nothing else): wait for the tabs.
    const tab = await screen.findByRole('tab', { name: 'Reconciliation' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(screen.getByText('1 of 2 days reconciled in the last 30 days.')).toBeTruthy());
  });
});
