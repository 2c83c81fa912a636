import { readFileSync } from 'node:fs';
import { resolveByPattern } from '@prima-connect/prima-core';
import { SandboxState } from '@prima-connect/prima-sandbox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundleMappings, storefrontProducts, syncableVariantCount, UNMAPPED_SKU } from './catalogue.js';
import type { PlatformStack } from './hosts/types.js';
import { RELAYS, relayTarget } from './hosts/woocommerce-admin.js';
import { parseCli } from './main.js';
import { playgroundSettings } from './settings.js';
import { bar, renderSummary } from './summary.js';
import { startTraffic } from './traffic/generator.js';
import { discountOf, SCENARIO_NAMES, scenarioFor, TRAFFIC_MIX, vatIn } from './traffic/scenarios.js';
import { trackingFor, warehouseRound } from './warehouse.js';

describe('catalogue and settings', () => {
  it('sells every demo stock item, both bundles and one SKU the pattern rule cannot resolve', () => {
    const skus = storefrontProducts().map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus).toContain('CAREKIT');
    expect(skus).toContain(UNMAPPED_SKU);
    expect(syncableVariantCount()).toBe(skus.length - 1);
    const rule = { separator: '-', matrixLevels: [1, 2] };
    expect(resolveByPattern(UNMAPPED_SKU, rule)).toBeNull();
    expect(resolveByPattern('ETOS-G-080', rule)).toMatchObject({
      product: 'ETOS',
      matrix: ['G', '080', '', ''],
    });
  });

  it('maps bundles explicitly and gives each platform its own order prefix', () => {
    expect(bundleMappings('2026-01-01T00:00:00.000Z').map((m) => [m.sku, m.kind])).toEqual([
      ['CAREKIT', 'bundle'],
      ['SOCKS-3PACK-MEDM', 'bundle'],
    ]);
    const prefixes = (['shopify', 'woocommerce', 'magento'] as const).map(
      (p) => playgroundSettings(p, 'http://127.0.0.1:1/w', 'L').orders.orderNumberPrefix,
    );
    expect(new Set(prefixes).size).toBe(3);
    const s = playgroundSettings('shopify', 'http://127.0.0.1:1/w', '42');
    expect(s.orders).toMatchObject({ postingEnabled: true, holdWindowMinutes: 0 });
    expect(s.maps.locations).toEqual({ '42': 'MAIN' });
  });
});

describe('scenarios', () => {
  it('covers every case of the issue and is deterministic', () => {
    for (const name of SCENARIO_NAMES) expect(scenarioFor(name, 5)).toEqual(scenarioFor(name, 5));
    expect(new Set(TRAFFIC_MIX)).toEqual(new Set(SCENARIO_NAMES));
    expect(scenarioFor('unmapped-sku', 0).lines.map((l) => l.sku)).toContain(UNMAPPED_SKU);
    expect(scenarioFor('multi-line-discount', 0).shipping.kind).toBe('free');
    expect(scenarioFor('variant', 0).shipping.amountMinor).toBeGreaterThan(0);
    expect(scenarioFor('cancelled-later', 0).followUp).toBe('cancel');
  });

  it('leaves a fraction of a penny in the rounding case', () => {
    const s = scenarioFor('penny-rounding', 0);
    const first = s.lines[0];
    if (!first) throw new Error('no line');
    expect((first.unitPriceMinor * first.quantity * s.discountPercent) % 100).not.toBe(0);
    expect(discountOf(first, s.discountPercent)).toBe(1500);
    expect(vatIn(1200)).toBe(200);
  });
});

describe('warehouse', () => {
  it('releases after the cut-off delay, then dispatches with tracking, and leaves cancelled orders alone', () => {
    const state = new SandboxState();
    const item = storefrontProducts().find((p) => p.sku.startsWith('ETOS-'));
    if (!item) throw new Error('no ETOS');
    const at = Date.parse('2026-11-22T08:00:00.000Z');
    const order = (n: string) => ({
      orderNumber: n,
      tpguid: n,
      uniqueId: n,
      customerCode: 'C1',
      email: 'a@example.test',
      currency: 'GBP',
      vatInclusive: true,
      status: 'Allocated' as const,
      delivery: {},
      specialInstructions: '',
      charges: [],
      paymentMinor: 1000,
      dispatches: [],
      createdAt: new Date(at).toISOString(),
      lines: [
        {
          lineNo: 1,
          item: { product: 'ETOS', matrix: ['G', '080', '', ''] as [string, string, string, string] },
          quantity: 1,
          unitPriceMinor: 1000,
          warehouse: 'MAIN',
          nonStock: false,
          despatched: 0,
          cancelled: 0,
        },
      ],
    });
    state.orders.set('S1', order('S1'));
    state.orders.set('S2', { ...order('S2'), status: 'Cancelled' });
    const timing = { releaseAfterMs: 10_000, dispatchAfterMs: 20_000 };
    expect(warehouseRound(state, at + 5_000, timing)).toEqual({ released: 0, dispatched: 0 });
    expect(warehouseRound(state, at + 10_000, timing)).toEqual({ released: 1, dispatched: 0 });
    expect(state.orders.get('S1')?.status).toBe('Released');
    expect(warehouseRound(state, at + 20_000, timing)).toEqual({ released: 0, dispatched: 1 });
    expect(state.orders.get('S1')?.dispatches[0]?.trackingNumber).toBe(trackingFor('S1'));
    expect(state.orders.get('S2')?.status).toBe('Cancelled');
    expect(trackingFor('S1')).toMatch(/^DPD\d{10}$/);
  });
});

describe('WordPress relay table', () => {
  it('forwards only the plugin routes, to fixed connector paths', () => {
    expect(relayTarget('GET', '/dashboard')).toEqual({
      method: 'GET',
      path: '/v1/dashboard',
      bodyPasses: false,
    });
    expect(relayTarget('POST', '/mappings/save')).toEqual({
      method: 'PUT',
      path: '/v1/mappings',
      bodyPasses: true,
    });
    expect(relayTarget('POST', '/exceptions/ex_1/retry')).toEqual({
      method: 'POST',
      path: '/v1/exceptions/ex_1/retry',
      bodyPasses: false,
    });
    expect(relayTarget('GET', '/reconciliation')).toEqual({
      method: 'GET',
      path: '/v1/reconciliation',
      bodyPasses: false,
    });
    expect(relayTarget('POST', '/reconciliation')).toBeNull();
    expect(relayTarget('GET', '/orders/12/repost')).toBeNull();
    expect(relayTarget('GET', '/../operator/stores')).toBeNull();
    expect(relayTarget('GET', '/orders/1%2F..')).toBeNull();
  });

  it('mirrors the PHP plugin table route for route (method, connector path, body)', () => {
    const php = readFileSync(
      new URL('../../../apps/woocommerce-plugin-ui/includes/class-rest-controller.php', import.meta.url),
      'utf8',
    );
    const rows = [
      ...php.matchAll(/'(\/[^']*)'\s*=>\s*array\(\s*'(\w+)',\s*'(\w+)',\s*'([^']+)',\s*(true|false)\s*\)/g),
    ].map(([, route, wp, method, template, body]) => ({
      route,
      wp,
      method,
      template,
      body: body === 'true',
    }));
    expect(rows.length).toBeGreaterThan(20);
    const js = RELAYS.map(([re, [wp, method, template, body]]) => ({
      route: re.source
        .replace(/^\^|\$$/g, '')
        .replace(/\\\//g, '/')
        .replace(/\(\?</g, '(?P<'),
      wp,
      method,
      template,
      body,
    }));
    const byRoute = (a: { route?: string }, b: { route?: string }) =>
      (a.route ?? '').localeCompare(b.route ?? '');
    expect(js.sort(byRoute)).toEqual(rows.sort(byRoute));
    // The wizard's step route fills its {step} from the route's own group.
    expect(relayTarget('POST', '/onboarding/steps/preview/complete')).toEqual({
      method: 'POST',
      path: '/v1/onboarding/steps/preview/complete',
      bodyPasses: false,
    });
    expect(relayTarget('POST', '/onboarding/steps/../complete')).toBeNull();
    expect(relayTarget('GET', '/onboarding/go-live')).toBeNull();
  });
});

describe('CLI and summary', () => {
  it('parses the flags, with pnpm\'s "--" separator, and refuses nonsense', () => {
    expect(
      parseCli(['--', '--rate', '5', '--no-traffic', '--port-base', '5000', '--data-dir', '/tmp/x']),
    ).toEqual({
      rate: 5,
      'no-traffic': true,
      'port-base': 5000,
      'data-dir': '/tmp/x',
      fresh: false,
    });
    expect(parseCli(['--', '--fresh']).fresh).toBe(true);
    expect(parseCli([])).toEqual({
      rate: 12,
      'no-traffic': false,
      'port-base': 4400,
      'data-dir': '.playground',
      fresh: false,
    });
    expect(() => parseCli(['--rate', 'fast'])).toThrow();
    expect(() => parseCli(['--port-base', '80'])).toThrow();
    expect(() => parseCli(['--colour'])).toThrow();
  });

  it('draws progress bars and one row per storefront', () => {
    expect(bar(0, 10, 10)).toBe('[..........]   0%');
    expect(bar(5, 10, 10)).toBe('[#####.....]  50%');
    expect(bar(12, 10, 10)).toBe('[##########] 100%');
    const text = renderSummary(
      [
        {
          platform: 'shopify',
          placed: 3,
          posted: 2,
          openExceptions: 1,
          stockCalls: 4,
          stockSynced: 131,
          variants: 262,
        },
      ],
      { elapsedS: 12.7, rate: 12, traffic: true, released: 1, dispatched: 0 },
    );
    expect(text).toContain('12 s, traffic 12/min per storefront');
    expect(text).toMatch(/Shopify\s+3\s+2\s+1\s+4\s+\[#{10}\.{10}\]\s+50%/);
  });
});

describe('traffic on a fresh tenant', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('places no order on a storefront until its tenant is ready (switched on)', async () => {
    vi.useFakeTimers();
    let live = false;
    let orders = 0;
    const stack = {
      platform: 'woocommerce',
      tenantId: 't1',
      driver: {
        async placeOrder() {
          orders += 1;
          return { storefrontOrderId: String(orders), orderNumber: String(orders), totalMinor: 100 };
        },
      },
      store: { links: { get: async () => null } },
    } as unknown as PlatformStack;
    const traffic = startTraffic([stack], {
      ratePerMinute: 60,
      autostart: true,
      ready: async () => live,
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(orders).toBe(0);
    expect(traffic.counts.woocommerce.placed).toBe(0);
    live = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(orders).toBeGreaterThanOrEqual(2);
    expect(traffic.counts.woocommerce.placed).toBe(orders);
    traffic.stop();
  });
});
