import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUNDLES, DEMO_CATALOGUE, type Sandbox, startSandbox } from './index.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ catalogue: 'empty' });
});
afterAll(() => sb.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sb.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('demo catalogue', () => {
  it('is deterministic, a few hundred SKUs, with non-stock items and bundles, SKUs by the convention', () => {
    expect(DEMO_CATALOGUE.length).toBeGreaterThan(200);
    expect(DEMO_CATALOGUE.length).toBeLessThan(1000);
    for (const i of DEMO_CATALOGUE)
      expect(i.sku).toBe(`${i.item.product}-${i.item.matrix[0]}-${i.item.matrix[1]}`);
    expect(new Set(DEMO_CATALOGUE.map((i) => i.sku)).size).toBe(DEMO_CATALOGUE.length);
    expect(DEMO_CATALOGUE.filter((i) => i.nonStock).map((i) => i.item.product)).toEqual([
      'GIFTCARD',
      'GIFTWRAP',
    ]);
    expect(DEMO_BUNDLES.find((b) => b.sku === 'CAREKIT')?.components).toHaveLength(3);
    expect(DEMO_CATALOGUE.find((i) => i.sku === 'ETOS-G-080')?.stock).toEqual({ MAIN: 6, SHOP: 2 });
  });
});

describe('control API', () => {
  it('seeds a catalogue, sets stock, lists it with available-to-sell', async () => {
    const seeded = await call('POST', '/catalogue', {
      items: [{ product: 'TEE', matrix: ['NONE', 'MEDM'], priceMinor: 1500, stock: { MAIN: 3 } }],
    });
    expect(seeded).toEqual({ status: 200, json: { ok: true, items: 1 } });
    await call('POST', '/stock', {
      rows: [{ product: 'TEE', matrix: ['NONE', 'MEDM'], warehouse: 'SHOP', onHand: 4 }],
    });
    const stock = await call('GET', '/stock?product=TEE');
    expect(stock.json).toEqual([
      {
        sku: 'TEE-NONE-MEDM',
        product: 'TEE',
        matrix: ['NONE', 'MEDM', '', ''],
        warehouses: { MAIN: { onHand: 3, allocated: 0 }, SHOP: { onHand: 4, allocated: 0 } },
        available: 7,
      },
    ]);
  });

  it('refuses invalid bodies with a 400 naming the field', async () => {
    const bad = await call('POST', '/stock', { rows: [{ product: 'TEE', onHand: -1 }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('rows.0.onHand');
    expect((await call('POST', '/faults', { errorRate: 2 })).status).toBe(400);
  });

  it('404s an unknown order and an unknown route', async () => {
    expect((await call('POST', '/orders/NOPE/release')).status).toBe(404);
    expect((await call('GET', '/nothing')).status).toBe(404);
  });

  it('sets and clears faults, resets to the demo catalogue', async () => {
    expect(
      (await call('POST', '/faults', { latencyMs: 5, truncateAts: { mode: 'rows', keepRatio: 0.5 } })).status,
    ).toBe(200);
    expect(sb.state.faults.latencyMs).toBe(5);
    await call('DELETE', '/faults');
    expect(sb.state.faults.truncateAts).toBeUndefined();
    const reset = await call('POST', '/reset', { catalogue: 'demo' });
    expect(reset.json).toEqual({ ok: true, items: DEMO_CATALOGUE.length });
  });
});
