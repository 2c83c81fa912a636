import { itemRef, settingsSchema } from '@prima-connect/prima-core';
import { DEMO_CATALOGUE, type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, testSettings } from '../testing/harness.js';
import { adminApiAction } from './admin-api.js';

/**
 * The first-run wizard's admin-api routes, over the app's engine, against the Prima sandbox (a real OMLink
 * ping) and the Commerce emulator: connect, fix an unmapped SKU in place, the store's locations, the
 * shipping/payment/location maps, and that another tenant sharing the state store is never touched.
 */
let h: Harness;
let sandbox: Sandbox;
const LEGACY_SKU = 'OXFORD-BLACK-8';
const OTHER = 'another-commerce-tenant';
/** Prima's MAIN figure for ETOS G 080; the store is seeded with more than Prima sells, so the push lowers it. */
const MAIN_ETOS = DEMO_CATALOGUE.find((d) => d.sku === 'ETOS-G-080')?.stock.MAIN ?? 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  const base = testSettings();
  // A store that is not live yet: posting and stock sync off, as before the wizard's go-live.
  h = await startHarness({
    settings: testSettings({
      orders: { ...base.orders, postingEnabled: false },
      stock: { ...base.stock, enabled: false },
    }),
  });
  h.sim.seedSource('leeds', 'Leeds warehouse');
  h.sim.seedProducts([
    { sku: 'ETOS-G-080', priceMinor: 5999, quantity: MAIN_ETOS + 30 },
    // A legacy SKU no rule can read: the merchandiser maps it in place.
    { sku: LEGACY_SKU, priceMinor: 5999, quantity: 1 },
  ]);
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  adminApiAction(async () => h.ctx)({
    __ow_method: method,
    __ow_path: path,
    __ow_headers: { 'content-type': 'application/json', 'x-prima-actor': 'wizard-test', ...headers },
    __ow_body: body === undefined ? '' : JSON.stringify(body),
  });

interface Proposals {
  proposed: { sku: string }[];
  unmapped: { sku: string }[];
  alreadyMapped: string[];
}
const mapsInput = {
  shipping: { flatrate_flatrate: { charge: 'CARR', carrier: 'DPD', service: 'NEXT' } },
  payment: { checkmo: { payMethod: 'CHQ' } },
  locations: { default: 'MAIN', leeds: 'LEEDS' },
  defaultWarehouse: 'MAIN',
  pattern: { separator: '-', matrixLevels: [1, 2] },
};

describe('onboarding admin API', () => {
  it('starts at the connect step and refuses go-live with what is missing', async () => {
    const state = (await call('get', '/onboarding')).body as { next: string | null; postingEnabled: boolean };
    expect(state.next).toBe('connect');
    expect(state.postingEnabled).toBe(false);
    const live = await call('post', '/onboarding/go-live');
    expect(live.statusCode).toBe(409);
    expect((live.body as { ok: boolean; missing?: string[] }).missing?.length).toBeGreaterThan(0);
  });

  it('tests a typed connection without saving it: an unreachable Prima fails in words', async () => {
    const out = await call('post', '/onboarding/test-connection', {
      prima: { url: 'http://127.0.0.1:1/omlink/omlink/wsdl?targetURI=urn:omlink', timeoutMs: 500 },
    });
    expect(out.statusCode).toBe(200);
    const body = out.body as { ok: boolean; problem?: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.problem?.message.length).toBeGreaterThan(10);
  });

  it('connects to the sandbox, saving the connection and completing the step', async () => {
    const out = await call('post', '/onboarding/connect', {
      prima: { url: sandbox.wsdlUrl },
      vatInclusive: true,
    });
    expect(out.statusCode).toBe(200);
    const body = out.body as { test: { ok: boolean }; state: { next: string | null } };
    expect(body.test.ok).toBe(true);
    expect(body.state.next).not.toBe('connect');
    expect((await h.ctx.store.settings.get(h.ctx.tenantId))?.prima.url).toBe(sandbox.wsdlUrl);
  });

  it("lists the store's stock locations (Commerce sources) for the maps step", async () => {
    const out = await call('get', '/onboarding/locations');
    expect(out.statusCode).toBe(200);
    const { locations } = out.body as { locations: { id: string; name: string }[] };
    expect(locations.map((l) => l.id).sort()).toEqual(['default', 'leeds']);
    expect(locations.find((l) => l.id === 'leeds')?.name).toBe('Leeds warehouse');
  });

  it('fixes an unmapped SKU in place: a manual row, and the next proposals count it as mapped', async () => {
    const first = (await call('post', '/onboarding/propose')).body as Proposals;
    expect(first.unmapped.map((u) => u.sku)).toContain(LEGACY_SKU);
    expect(first.proposed.map((p) => p.sku)).toContain('ETOS-G-080');
    const fixed = await call('post', '/onboarding/map-sku', {
      sku: LEGACY_SKU,
      item: { product: 'ETOS', matrix: ['G', '080'] },
    });
    expect(fixed.statusCode).toBe(200);
    const rows = await h.ctx.store.mappings.list(h.ctx.tenantId);
    const row = rows.find((r) => r.sku === LEGACY_SKU);
    expect(row).toMatchObject({ kind: 'stock', source: 'manual', item: itemRef('ETOS', 'G', '080') });
    const again = (await call('post', '/onboarding/propose')).body as Proposals;
    expect(again.unmapped.map((u) => u.sku)).not.toContain(LEGACY_SKU);
    expect(again.alreadyMapped).toContain(LEGACY_SKU);
  });

  it('refuses a SKU fix without a Prima product, with too many matrix codes or a code Prima cannot take', async () => {
    const bad = [
      { sku: LEGACY_SKU, item: { product: '', matrix: [] } },
      { sku: LEGACY_SKU, item: { product: 'ETOS', matrix: ['G', '080', 'A', 'B', 'C'] } },
      { sku: LEGACY_SKU, item: { product: 'ETOS/G', matrix: [] } },
      { sku: '', item: { product: 'ETOS', matrix: [] } },
      { sku: LEGACY_SKU, item: { product: 'ETOS', matrix: [] }, kind: 'bundle' },
    ];
    for (const body of bad) expect((await call('post', '/onboarding/map-sku', body)).statusCode).toBe(400);
    const row = (await h.ctx.store.mappings.list(h.ctx.tenantId)).find((r) => r.sku === LEGACY_SKU);
    expect(row?.kind === 'stock' ? row.item : null).toEqual(itemRef('ETOS', 'G', '080'));
  });

  it('saves the maps but says in words that the products step comes first, then completes the step', async () => {
    const early = await call('post', '/onboarding/maps', mapsInput);
    expect(early.statusCode).toBe(409);
    expect((early.body as { missing: string[] }).missing.join(' ')).toMatch(/Map products/);
    expect((await call('post', '/onboarding/steps/mappings/complete')).statusCode).toBe(200);
    const out = await call('post', '/onboarding/maps', mapsInput);
    expect(out.statusCode).toBe(200);
    const body = out.body as { ok: boolean; state: { next: string | null } };
    expect(body.ok).toBe(true);
    expect(body.state.next).toBe('preview');
    const saved = await h.ctx.store.settings.get(h.ctx.tenantId);
    expect(saved?.maps.locations).toEqual({ default: 'MAIN', leeds: 'LEEDS' });
    expect(saved?.maps.payment.checkmo?.payMethod).toBe('CHQ');
    expect(saved?.maps.pattern).toEqual({ separator: '-', matrixLevels: [1, 2] });
    expect(saved?.orders.defaultWarehouse).toBe('MAIN');
    // Nothing is switched on by the maps.
    expect(saved?.orders.postingEnabled).toBe(false);
  });

  it("previews the first push from the store's current figures (read from Commerce) to Prima's, pushing nothing", async () => {
    const pushes = h.sim.callCount({ route: 'async/bulk /V1/inventory/source-items' });
    const out = await call('get', '/onboarding/stock-preview');
    expect(out.statusCode).toBe(200);
    const preview = out.body as {
      rows: { sku: string; locationId: string; before: number | null; after: number }[];
      totals: { unknownBefore: number; unitsDown: number };
    };
    const row = (sku: string, loc: string) => preview.rows.find((r) => r.sku === sku && r.locationId === loc);
    const etos = row('ETOS-G-080', 'default');
    expect(etos?.before).toBe(MAIN_ETOS + 30);
    expect(etos?.after).toBeLessThan(MAIN_ETOS + 30);
    // The SKU fixed in place is pushed from Prima's figure for the item it was matched to.
    expect(row(LEGACY_SKU, 'default')).toMatchObject({ before: 1, after: etos?.after });
    // Leeds holds no source item for these SKUs in Commerce: "before" is honestly unknown there.
    expect(preview.totals.unknownBefore).toBe(preview.rows.filter((r) => r.before === null).length);
    expect(preview.rows.filter((r) => r.locationId === 'default').every((r) => r.before !== null)).toBe(true);
    expect(preview.totals.unitsDown).toBeGreaterThanOrEqual(1);
    expect(h.sim.callCount({ route: 'async/bulk /V1/inventory/source-items' })).toBe(pushes);
    expect(h.sim.sourceQuantity('ETOS-G-080', 'default')).toBe(MAIN_ETOS + 30);
  });

  it('refuses maps with an empty Prima code or no order warehouse, and changes nothing', async () => {
    const before = JSON.stringify((await h.ctx.store.settings.get(h.ctx.tenantId))?.maps);
    const bad = [
      { ...mapsInput, shipping: { flatrate_flatrate: { charge: '' } } },
      { ...mapsInput, payment: { checkmo: {} } },
      { ...mapsInput, locations: { default: '' } },
      { ...mapsInput, defaultWarehouse: '' },
      { ...mapsInput, defaultWarehouse: 'A-WAREHOUSE-CODE-FAR-TOO-LONG' },
      { ...mapsInput, pattern: { separator: '', matrixLevels: [1] } },
    ];
    for (const body of bad) expect((await call('post', '/onboarding/maps', body)).statusCode).toBe(400);
    expect(JSON.stringify((await h.ctx.store.settings.get(h.ctx.tenantId))?.maps)).toBe(before);
  });

  it("another tenant's maps and mappings cannot be read or changed, even when the request names it", async () => {
    const store = h.ctx.store;
    const theirSettings = settingsSchema.parse({
      prima: { url: 'http://prima.other.example/wsdl' },
      maps: { locations: { their_source: 'THEIRS' } },
    });
    await store.settings.put(OTHER, theirSettings);
    const theirRow = {
      sku: LEGACY_SKU,
      kind: 'stock' as const,
      item: itemRef('THEIRS', 'X'),
      source: 'manual' as const,
      updatedAt: new Date().toISOString(),
    };
    await store.mappings.upsertMany(OTHER, [theirRow]);
    const naming = { 'x-tenant-id': OTHER, 'x-prima-tenant': OTHER };

    const locations = await call('get', '/onboarding/locations', undefined, naming);
    expect(JSON.stringify(locations.body)).not.toContain('their_source');
    const mapped = await call(
      'post',
      '/onboarding/map-sku',
      { tenantId: OTHER, sku: LEGACY_SKU, item: { product: 'ETOS', matrix: ['G', '085'] } },
      naming,
    );
    expect(mapped.statusCode).toBe(200);
    const maps = await call(
      'post',
      '/onboarding/maps',
      { ...mapsInput, tenantId: OTHER, locations: { default: 'OURS' } },
      naming,
    );
    expect(maps.statusCode).toBe(200);

    // Theirs untouched; the changes landed on this deployment's own tenant.
    expect(await store.settings.get(OTHER)).toEqual(theirSettings);
    expect(await store.mappings.list(OTHER)).toEqual([theirRow]);
    expect((await store.settings.get(h.ctx.tenantId))?.maps.locations).toEqual({ default: 'OURS' });
    const ours = (await store.mappings.list(h.ctx.tenantId)).find((r) => r.sku === LEGACY_SKU);
    expect(ours?.kind === 'stock' ? ours.item : null).toEqual(itemRef('ETOS', 'G', '085'));
  });

  it('validates bodies and steps before the engine sees them', async () => {
    expect((await call('post', '/onboarding/connect', { prima: { url: 'nope' } })).statusCode).toBe(400);
    expect((await call('post', '/onboarding/apply', { skus: [] })).statusCode).toBe(400);
    expect((await call('post', '/onboarding/steps/launch/complete')).statusCode).toBe(400);
  });
});
