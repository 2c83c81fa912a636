import type { SkuMapping, StorefrontVariant } from '@prima-connect/prima-core';
import { manualClock } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import { mappingRows, mappingsAction, orderAndFilter, reconciliationAction } from './admin-data.server.js';
import { formToSettings, settingsToForm } from './settings-form.js';
import { offlineHost } from './test-support.js';

const variant = (sku: string, title = sku): StorefrontVariant => ({
  variantId: sku,
  productId: 'p',
  sku,
  title,
  inventoryItemId: `i-${sku}`,
  options: {},
});

const host = () => offlineHost();

describe('mapping rows', () => {
  const table: SkuMapping[] = [
    {
      sku: 'SOCKS',
      kind: 'stock',
      item: { product: 'SOCK3', matrix: ['NONE', 'ONE', '', ''] },
      source: 'manual',
      updatedAt: '2026-11-22T00:00:00Z',
    },
  ];
  const rows = mappingRows(
    [variant('ETOS-G-080'), variant('SOCKS'), variant('MYSTERY'), variant('DUP-A-1'), variant('DUP-A-1')],
    table,
    { separator: '-', matrixLevels: [1, 2] },
  );

  it('resolves by the table first, then the pattern rule, and flags unmapped and shared SKUs', () => {
    const by = Object.fromEntries(rows.map((r) => [r.sku, r]));
    expect(by.SOCKS).toMatchObject({ source: 'manual', product: 'SOCK3', matrix: ['NONE', 'ONE', '', ''] });
    expect(by['ETOS-G-080']).toMatchObject({
      source: 'pattern',
      product: 'ETOS',
      matrix: ['G', '080', '', ''],
    });
    expect(by.MYSTERY).toMatchObject({ source: 'unmapped', kind: 'none' });
    expect(rows.filter((r) => r.sku === 'DUP-A-1').every((r) => r.source === 'invalid')).toBe(true);
  });

  it('lists what needs work first and filters by SKU or title', () => {
    const ordered = orderAndFilter(rows, '');
    expect(ordered.slice(0, 3).map((r) => r.source)).toEqual(['invalid', 'invalid', 'unmapped']);
    expect(orderAndFilter(rows, 'etos').map((r) => r.sku)).toEqual(['ETOS-G-080']);
  });
});

describe('mappings actions', () => {
  it('bulk-maps selected SKUs and records who did it', async () => {
    const h = host();
    const form = new FormData();
    form.set('intent', 'bulk');
    form.append('sku', 'MYSTERY');
    form.append('sku', 'GIFTWRAP');
    form.set('product', 'MISC');
    form.set('mtrx1', 'NONE');
    const notice = await mappingsAction(h, 'shop-1', form, 'ana@example.com');
    expect(notice.tone).toBe('success');
    expect((await h.store.mappings.get('shop-1', 'GIFTWRAP'))?.item).toEqual({
      product: 'MISC',
      matrix: ['NONE', '', '', ''],
    });
    expect((await h.store.audit.list('shop-1', { action: 'mapping.bulk_edit' }))[0]?.actor).toBe(
      'ana@example.com',
    );
  });

  it('imports CSV rows and reports refused ones by line', async () => {
    const h = host();
    const form = new FormData();
    form.set('intent', 'import');
    form.set('csv', 'sku,kind,product,mtrx1,mtrx2\nETOS-G-080,stock,ETOS,G,080\nBAD,unknown_kind,X,,\n');
    const notice = await mappingsAction(h, 'shop-1', form, 'ana');
    expect(notice.tone).toBe('warning');
    expect(notice.errors?.[0]).toMatch(/^Line 3/);
    expect(await h.store.mappings.get('shop-1', 'ETOS-G-080')).not.toBeNull();
  });

  it('refuses a bulk edit without a product code', async () => {
    const form = new FormData();
    form.set('intent', 'bulk');
    form.append('sku', 'A');
    form.set('product', '');
    expect((await mappingsAction(host(), 'shop-1', form, 'ana')).tone).toBe('critical');
  });
});

describe('settings form', () => {
  const fields = {
    ...settingsToForm(null),
    primaUrl: 'http://prima.example:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink',
    shippingMap: 'Standard = RM48 / RM / 48H',
    paymentMap: 'shopify_payments = CC',
  };
  const asStrings = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

  it('round-trips through prima-core settings, maps included', () => {
    const r = formToSettings(asStrings({ ...fields, trigger: 'authorized', holdWindowMinutes: 10 }), null);
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(r.settings.orders.trigger).toBe('authorized');
    expect(r.settings.orders.holdWindowMinutes).toBe(10);
    expect(r.settings.maps.shipping.Standard).toEqual({ charge: 'RM48', carrier: 'RM', service: '48H' });
    expect(settingsToForm(r.settings).shippingMap).toBe('Standard = RM48 / RM / 48H');
  });

  it("stores Prima's charge and pay-method codes in upper case however they were typed", () => {
    const r = formToSettings(
      asStrings({
        ...fields,
        shippingMap: 'Standard = rm48 / RM / 48H',
        paymentMap: 'shopify_payments = cc',
      }),
      null,
    );
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(r.settings.maps.shipping.Standard?.charge).toBe('RM48');
    expect(r.settings.maps.payment.shopify_payments?.payMethod).toBe('CC');
  });

  it('refuses a bad URL and a map line without "=" with words a merchant understands', () => {
    const r = formToSettings(
      asStrings({ ...fields, primaUrl: 'prima', statusMap: 'Despatched Shipped' }),
      null,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/Status map, line 1/);
    const u = formToSettings(asStrings({ ...fields, primaUrl: 'prima' }), null);
    expect(!u.ok && u.errors[0]).toMatch(/Prima URL/);
  });
});

describe('reconciliation "check a day now"', () => {
  const form = (day: string) => {
    const f = new FormData();
    f.set('day', day);
    return f;
  };
  const at = offlineHost({
    clock: manualClock('2026-12-05T10:00:00.000Z'),
    storeUnreachable: 'a refused day must not reach the store',
  });

  it.each([
    ['2026-12-05', 'today is still taking orders'],
    ['2026-12-09', 'today is still taking orders'],
    ['2026-10-01', 'in the last 30 days'],
    ['5 Dec', 'yyyy-mm-dd'],
    ['2026-02-30', 'not a calendar day'],
  ])('refuses %s in plain words', async (day, words) => {
    const notice = await reconciliationAction(at, 'tenant-1', form(day));
    expect(notice.tone).toBe('critical');
    expect(notice.message).toContain(words);
  });
});
