/**
 * First-run onboarding end to end: an empty tenant walks the wizard's engine calls against the Prima
 * sandbox over HTTP (real OMLink gateway) and a fake storefront, up to "sync on". Proves the wizard's
 * promises: failures explained in plain words, proposals from both catalogues, an unmapped variant fixed
 * in place, a stock preview that pushes nothing, go-live refused until ready, and nothing posted to Prima
 * before go-live (the sandbox's own request log).
 */
import {
  createEngine,
  createPrimaGateway,
  type Engine,
  itemRef,
  type OnboardingEngine,
  recordingLogger,
  systemClock,
} from '@prima-connect/prima-core';
import {
  createFakeStorefront,
  createMemoryQueue,
  createMemoryStore,
  type FakeStorefront,
  type MemoryStore,
  sampleOrder,
} from '@prima-connect/prima-core/testing';
import { DEMO_CATALOGUE, startSandbox } from '@prima-connect/prima-sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const T = 'tenant-onboarding';
const BY = 'ann@shop.example';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
interface LoggedRequest {
  requestType: string;
  outcome: string;
}

/** Stock items of the demo catalogue the store sells under the demo SKU convention. */
const SOLD = DEMO_CATALOGUE.filter((d) => !d.nonStock).slice(0, 24);
const LEGACY_SKU = 'OXFORD-BLACK-8'; // a SKU that follows no rule: fixed in place to ETOS G 080
const TYPO_SKU = 'ETOS-G-999'; // a size Prima does not have

let sandbox: Sandbox;
let store: MemoryStore;
let storefront: FakeStorefront;
let engine: Engine & OnboardingEngine;

/** The sandbox's request log, read over its control API. */
async function requestLog(): Promise<LoggedRequest[]> {
  const res = await fetch(`${sandbox.controlUrl.replace(/\/$/, '')}/requests?limit=1000`);
  return (await res.json()) as LoggedRequest[];
}
const requestTypes = async () => (await requestLog()).map((r) => r.requestType);

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) if ((await engine.work('w1')).claimed === 0) return;
}

beforeEach(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  store = createMemoryStore();
  storefront = createFakeStorefront({ locations: [{ id: 'loc-1', name: 'Web warehouse' }] });
  storefront.putVariants([
    ...SOLD.map((d, i) => ({
      variantId: `v${i}`,
      productId: `p-${d.item.product}`,
      sku: d.sku,
      title: d.title,
      inventoryItemId: `inv${i}`,
      options: {},
    })),
    {
      variantId: 'v-legacy',
      productId: 'p-legacy',
      sku: LEGACY_SKU,
      title: 'Oxford black 8',
      inventoryItemId: 'inv-legacy',
      options: {},
    },
    {
      variantId: 'v-typo',
      productId: 'p-typo',
      sku: TYPO_SKU,
      title: 'Etos G 99',
      inventoryItemId: 'inv-typo',
      options: {},
    },
  ]);
  await store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'onboard.myshopify.com',
    createdAt: new Date().toISOString(),
  });
  engine = createEngine({
    store,
    queue: createMemoryQueue(),
    clock: systemClock,
    logger: recordingLogger(),
    // As a host does: the tenant's gateway from its saved connection (none until the connect step).
    prima: async (tenantId) => {
      const s = await store.settings.get(tenantId);
      if (!s) throw new Error('no Prima connection saved');
      return createPrimaGateway({
        url: s.prima.url,
        companyId: s.prima.companyId,
        timeoutMs: 3000,
        retry: { attempts: 1 },
      });
    },
    storefront: async () => storefront,
  });
});

afterEach(async () => {
  await sandbox.close();
});

describe('first-run onboarding against the Prima sandbox', () => {
  it('walks an empty tenant to "sync on", posting nothing to Prima before go-live', async () => {
    // An empty tenant starts at connect, and cannot go live.
    expect((await engine.onboardingState(T)).next).toBe('connect');
    const early = await engine.goLive(T, BY);
    expect(early.ok).toBe(false);
    expect(early.missing?.[0]).toContain('Connect Prima first');

    // Not a web address: words, not an exception.
    const typo = await engine.connect(T, { prima: { url: 'prima server' }, vatInclusive: true }, BY);
    expect(typo.test.ok).toBe(false);
    expect(typo.test.problem?.message).toContain('not a web address');

    // A company Prima does not have: Prima's SOAP fault, in words, and nothing saved.
    const wrongCompany = await engine.connect(
      T,
      { prima: { url: sandbox.wsdlUrl, companyId: '9' }, vatInclusive: true },
      BY,
    );
    expect(wrongCompany.test.ok).toBe(false);
    expect(wrongCompany.test.problem?.detail?.kind).toBe('soap_fault');
    expect(wrongCompany.test.problem?.message).toContain('Company 9 is not set up');
    expect(wrongCompany.test.problem?.action).toContain('company number');
    expect(await store.settings.get(T)).toBeNull();

    // Typed details can be tried without saving them.
    const tried = await engine.testConnection(T, { url: sandbox.wsdlUrl, companyId: '2' });
    expect(tried.ok).toBe(true);
    expect(await store.settings.get(T)).toBeNull();

    const connected = await engine.connect(T, { prima: { url: sandbox.wsdlUrl }, vatInclusive: true }, BY);
    expect(connected.test).toMatchObject({ ok: true });
    expect(connected.state.next).toBe('catalogue');
    expect(connected.state.postingEnabled).toBe(false);
    expect((await engine.testConnection(T)).ok).toBe(true);

    // An order paid during onboarding is not sent anywhere.
    const order = sampleOrder('1001', {
      items: [{ sku: SOLD[0]?.sku ?? '', quantity: 1, unitPriceMinor: 8999 }],
    });
    storefront.putOrder(order);
    const early1001 = await engine.handleOrderEvent({
      tenantId: T,
      eventKey: 'e-1001',
      topic: 'order.paid',
      storefrontOrderId: '1001',
      order,
      correlationId: 'c-1001',
    });
    expect(early1001.accepted).toBe(false);
    await drain();

    // Both catalogues read; proposals for every demo SKU; the odd ones shown, not guessed.
    const proposals = await engine.proposeMappings(T, BY);
    expect(proposals.proposed.map((p) => p.sku).sort()).toEqual(SOLD.map((d) => d.sku).sort());
    expect(proposals.unmapped.map((u) => [u.sku, u.reason])).toEqual([[LEGACY_SKU, 'not_in_prima']]);
    expect(proposals.ambiguous.map((a) => [a.sku, a.reason])).toEqual([[TYPO_SKU, 'unknown_matrix']]);
    expect(proposals.suggestedPattern?.pattern).toEqual({ separator: '-', matrixLevels: [1, 2] });
    expect((await engine.onboardingState(T)).next).toBe('mappings');

    // Skipping ahead is refused, with what is missing.
    const skip = await engine.goLive(T, BY);
    expect(skip.ok).toBe(false);
    expect(skip.missing).toContain('Finish "Map products" first.');

    const applied = await engine.applyProposedMappings(
      T,
      [...proposals.proposed.map((p) => p.sku), LEGACY_SKU],
      BY,
    );
    expect(applied.applied).toBe(SOLD.length);
    expect(applied.skipped).toEqual([LEGACY_SKU.toUpperCase()]);
    // The merchandiser fixes the unmapped and the mistyped variant in place.
    await engine.mapSkuInPlace(T, { sku: LEGACY_SKU, item: itemRef('ETOS', 'G', '080') }, BY);
    await engine.mapSkuInPlace(T, { sku: TYPO_SKU, item: itemRef('ETOS', 'G', '090') }, BY);
    const again = await engine.proposeMappings(T, BY);
    expect(again.proposed).toEqual([]);
    expect(again.unmapped).toEqual([]);
    expect(again.ambiguous).toEqual([]);
    expect(again.alreadyMapped).toContain(LEGACY_SKU);
    expect((await store.mappings.get(T, LEGACY_SKU))?.source).toBe('manual');
    expect((await engine.completeOnboardingStep(T, 'mappings', BY)).ok).toBe(true);

    // Shipping, payment and locations.
    const locations = await engine.storefrontLocations(T);
    expect(locations.map((l) => l.id)).toEqual(['loc-1']);
    const incomplete = await engine.saveOnboardingMaps(
      T,
      { shipping: {}, payment: {}, locations: { 'loc-1': 'MAIN' }, defaultWarehouse: 'MAIN' },
      BY,
    );
    expect(incomplete.ok).toBe(false);
    expect(incomplete.missing).toHaveLength(2);
    const maps = await engine.saveOnboardingMaps(
      T,
      {
        shipping: { standard: { charge: 'RM48', carrier: '', service: '' } },
        payment: { shopify_payments: { payMethod: 'CC', subPayMethod: '', provider: '' } },
        locations: { 'loc-1': 'MAIN' },
        defaultWarehouse: 'MAIN',
      },
      BY,
    );
    expect(maps.ok).toBe(true);
    expect(maps.state.next).toBe('preview');

    // The preview: what the first push would set, from Prima's own figures, with nothing pushed.
    const preview = await engine.previewStockPush(T);
    const allMapped = SOLD.length + 2;
    expect(preview.totals.changes).toBe(allMapped);
    expect(preview.totals.unknownBefore).toBe(allMapped);
    const etosItem = sandbox.state.findItem(itemRef('ETOS', 'G', '080'));
    if (!etosItem) throw new Error('demo catalogue lacks ETOS G 080');
    const etos = sandbox.state.availableToSell(etosItem);
    expect(preview.rows.find((r) => r.sku === LEGACY_SKU)?.after).toBe(etos);
    expect(preview.totals.toZero).toBe(preview.rows.filter((r) => r.after === 0).length);
    expect(storefront.pushes).toEqual([]);
    expect((await engine.completeOnboardingStep(T, 'preview', BY)).ok).toBe(true);

    // Nothing reached Prima but the connection test and the catalogue reads.
    const before = await requestLog();
    // The wrong-company attempt was refused by the SOAP layer before any request was read.
    expect(before.filter((r) => r.outcome === 'FAULT')).toHaveLength(1);
    const answered = before.filter((r) => r.outcome !== 'FAULT').map((r) => r.requestType);
    expect(new Set(answered)).toEqual(new Set(['OrderStatus', 'ProductAvailableToSell']));
    expect(sandbox.state.orders.size).toBe(0);

    // Switch on: posting and stock sync, recorded with who did it.
    const live = await engine.goLive(T, BY);
    expect(live.ok).toBe(true);
    expect(live.state).toMatchObject({ next: null, postingEnabled: true, stockEnabled: true });
    const audit = await store.audit.list(T, { action: 'onboarding.live' });
    expect(audit[0]?.actor).toBe(BY);

    const stock = await engine.syncStock(T);
    expect(stock.pushed).toBe(allMapped);
    expect(storefront.stockLevel('inv-legacy', 'loc-1')).toBe(etos);

    const order2 = sampleOrder('1002', { items: [{ sku: LEGACY_SKU, quantity: 1, unitPriceMinor: 8999 }] });
    storefront.putOrder(order2);
    const posted = await engine.handleOrderEvent({
      tenantId: T,
      eventKey: 'e-1002',
      topic: 'order.paid',
      storefrontOrderId: '1002',
      order: order2,
      correlationId: 'c-1002',
    });
    expect(posted.accepted).toBe(true);
    await drain();
    expect((await engine.orderView(T, '1002')).state).toBe('posted');
    expect(await requestTypes()).toContain('MultiNewOrder');
  });

  it('the wizard resumes where it was left: progress is kept in the tenant settings', async () => {
    await engine.connect(T, { prima: { url: sandbox.wsdlUrl }, vatInclusive: false }, BY);
    await engine.proposeMappings(T, BY);
    // A new engine (a restart) over the same store.
    const restarted = createEngine({
      store,
      queue: createMemoryQueue(),
      clock: systemClock,
      logger: recordingLogger(),
      prima: async () => createPrimaGateway({ url: sandbox.wsdlUrl, retry: { attempts: 1 } }),
      storefront: async () => storefront,
    });
    const state = await restarted.onboardingState(T);
    expect(state.steps.filter((s) => s.done).map((s) => s.step)).toEqual(['connect', 'catalogue']);
    expect(state.steps[0]?.by).toBe(BY);
    expect(state.next).toBe('mappings');
    expect((await store.settings.get(T))?.orders.vatInclusive).toBe(false);
  });
});
