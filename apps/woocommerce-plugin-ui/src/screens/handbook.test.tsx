import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exceptionFixture, orderFixture, reconciliationFixture } from '../fixtures';
import { problemHandbookHref } from '../handbook';
import { fakeApi, renderWithApi } from '../test-utils';
import { Exceptions } from './Exceptions';
import { OrderWidget } from './OrderWidget';
import { Reconciliation } from './Reconciliation';

// What WordPress serves at plugins_url('handbook/'): the files in the plugin's handbook/ folder.
// (Resolved by path: under jsdom, URL is jsdom's, which node's fileURLToPath does not take.)
const PLUGIN_DIR = resolve(fileURLToPath(import.meta.url), '../../..');
const BASE = 'https://shop.example/wp-content/plugins/prima-connect/handbook/';

/** The served file behind a handbook link, and the anchor it points at. */
function target(href: string | null): { html: string; anchor: string } {
  expect(href?.startsWith(BASE), `${href} is not under the plugin's handbook`).toBe(true);
  const url = new URL(href ?? '');
  const file = url.pathname.slice(new URL(BASE).pathname.length);
  expect(file).toMatch(/^[a-z0-9-]+\.html$/);
  return { html: readFileSync(join(PLUGIN_DIR, 'handbook', file), 'utf8'), anchor: url.hash.slice(1) };
}

const handbookLinks = () =>
  screen.getAllByRole('link', { name: 'Step by step in the handbook' }).map((a) => a.getAttribute('href'));

describe('handbook links in the WooCommerce screens', () => {
  beforeEach(() => {
    window.primaConnect = {
      namespace: 'prima-connect/v1',
      connected: true,
      root: '/wp-json/',
      nonce: 'n',
      handbook: BASE,
    };
  });
  afterEach(() => {
    delete window.primaConnect;
  });

  it('links each exception to its entry in the handbook shipped with the plugin', async () => {
    renderWithApi(
      <Exceptions />,
      fakeApi({ 'GET /exceptions?status=open': { exceptions: exceptionFixture } }),
    );
    await screen.findAllByText('Map the SKU in Mappings, then retry.');
    const links = [...new Set(handbookLinks())];
    expect(links.map((h) => new URL(h ?? '').hash).sort()).toEqual([
      '#exception-prima-unreachable',
      '#exception-unmapped-sku',
    ]);
    for (const href of links) {
      const { html, anchor } = target(href);
      expect(html).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it('links the problem shown in the order box', async () => {
    const failing = {
      ...orderFixture,
      state: 'exception',
      primaOrderNumber: undefined,
      dispatches: [],
      canRetry: true,
      lastProblem: exceptionFixture[1]?.problem,
    };
    renderWithApi(<OrderWidget orderId="4522" />, fakeApi({ 'GET /orders/4522': failing }));
    await screen.findAllByText('Needs attention');
    const [href] = handbookLinks();
    const { html, anchor } = target(href ?? null);
    expect(anchor).toBe('exception-prima-unreachable');
    expect(html).toContain(`<a id="${anchor}"></a>`);
  });

  it('links each reconciliation finding to its entry', async () => {
    renderWithApi(<Reconciliation />, fakeApi({ 'GET /reconciliation?days=30': reconciliationFixture }));
    await screen.findByRole('table', { name: 'Reconciliation findings' });
    const [href, ...more] = handbookLinks();
    expect(more).toEqual([]);
    const { html, anchor } = target(href ?? null);
    expect(anchor).toBe('exception-reconciliation-gap');
    expect(html).toContain(`<a id="${anchor}"></a>`);
  });

  it('resolves every entry of the shipped handbook, and shows no link without the bootstrap', () => {
    const shipped = readFileSync(join(PLUGIN_DIR, 'handbook', 'exceptions.html'), 'utf8');
    const anchors = [...shipped.matchAll(/<a id="exception-([a-z-]+)"><\/a>/g)].map((m) => m[1] ?? '');
    expect(anchors.length).toBeGreaterThan(10);
    for (const a of anchors)
      expect(problemHandbookHref(a.replaceAll('-', '_'))).toBe(`${BASE}exceptions.html#exception-${a}`);
    delete window.primaConnect;
    expect(problemHandbookHref('unmapped_sku')).toBeNull();
  });
});
