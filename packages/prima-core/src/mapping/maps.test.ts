import { describe, expect, it } from 'vitest';
import { maps as mapsSchema } from '../settings.js';
import {
  locationsForWarehouse,
  mapFee,
  mapPaymentGateway,
  mapShippingMethod,
  storefrontStatusFor,
  UNKNOWN_STATUS,
  warehouseForLocation,
} from './maps.js';

const maps = mapsSchema.parse({
  shipping: {
    'royal-mail-48': { charge: 'RM48' },
    'Royal Mail Special Delivery': { charge: 'SD1', carrier: 'RM', service: 'SD1PM' },
  },
  payment: {
    paypal: { payMethod: 'CSH', subPayMethod: 'PAYPAL' },
    shopify_payments: { payMethod: 'CC', provider: 'SHOPIFY' },
  },
  locations: {
    'gid://shopify/Location/1': 'MAIN',
    'gid://shopify/Location/2': 'MAIN',
    'gid://shopify/Location/3': 'SHOP1',
  },
  status: { Despatched: 'completed', 'Part Despatched': 'part-despatched', Entered: '' },
  fees: { 'Gift wrap': { kind: 'product', code: 'GIFTWRAP' }, 'COD fee': { kind: 'charge', code: 'COD' } },
});

describe('shipping and payment maps', () => {
  it('maps shipping methods to charge code, carrier and service, case-insensitively', () => {
    expect(mapShippingMethod('royal-mail-48', maps.shipping)).toEqual({
      ok: true,
      value: { charge: 'RM48', carrier: '', service: '' },
    });
    const sd = mapShippingMethod('royal mail special delivery', maps.shipping);
    expect(sd.ok && sd.value).toEqual({ charge: 'SD1', carrier: 'RM', service: 'SD1PM' });
  });

  it('names an unknown shipping method and where to map it', () => {
    const r = mapShippingMethod('DPD Next Day', maps.shipping);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('unknown_shipping_method');
      expect(r.problems[0]?.message).toContain('"DPD Next Day"');
      expect(r.problems[0]?.action).toContain('Shipping in Mappings');
    }
  });

  it('maps payment gateways to PayMethod / SubPayMethod / provider', () => {
    expect(mapPaymentGateway('PayPal', maps.payment)).toEqual({
      ok: true,
      value: { payMethod: 'CSH', subPayMethod: 'PAYPAL', provider: '' },
    });
    const r = mapPaymentGateway('klarna', maps.payment);
    expect(!r.ok && r.problems[0]?.code).toBe('unknown_payment_method');
    expect(!r.ok && r.problems[0]?.message).toContain('"klarna"');
  });

  it('maps fees to a non-stock product or a charge, and names unmapped ones', () => {
    expect(mapFee('gift wrap', maps.fees)).toEqual({
      ok: true,
      value: { kind: 'product', code: 'GIFTWRAP' },
    });
    expect(mapFee('COD fee', maps.fees)).toEqual({ ok: true, value: { kind: 'charge', code: 'COD' } });
    const r = mapFee('Engraving', maps.fees);
    expect(!r.ok && r.problems[0]?.code).toBe('invalid_mapping');
    expect(!r.ok && r.problems[0]?.message).toContain('"Engraving"');
  });
});

describe('locations and warehouses', () => {
  it('maps a storefront location to its Prima warehouse, and back', () => {
    expect(warehouseForLocation('gid://shopify/Location/3', maps.locations, 'MAIN')).toEqual({
      ok: true,
      value: 'SHOP1',
    });
    expect(locationsForWarehouse('main', maps.locations)).toEqual([
      'gid://shopify/Location/1',
      'gid://shopify/Location/2',
    ]);
    expect(locationsForWarehouse('NOWHERE', maps.locations)).toEqual([]);
  });

  it('uses the default warehouse when the storefront names no location', () => {
    expect(warehouseForLocation(undefined, maps.locations, 'MAIN')).toEqual({ ok: true, value: 'MAIN' });
    expect(warehouseForLocation('', maps.locations, '')).toEqual({ ok: true, value: '' });
  });

  it('refuses a named location nobody mapped', () => {
    const r = warehouseForLocation('gid://shopify/Location/9', maps.locations, 'MAIN');
    expect(!r.ok && r.problems[0]?.code).toBe('invalid_warehouse');
    expect(!r.ok && r.problems[0]?.message).toContain('Location/9');
  });
});

describe('storefrontStatusFor', () => {
  it('maps Prima status text case-insensitively', () => {
    expect(storefrontStatusFor('DESPATCHED', maps.status)).toBe('completed');
    expect(storefrontStatusFor(' part despatched ', maps.status)).toBe('part-despatched');
  });

  it('keeps unknown text as Prima wrote it', () => {
    expect(storefrontStatusFor('Awaiting Stock', maps.status)).toBe('Awaiting Stock');
  });

  it('never returns an empty status', () => {
    expect(storefrontStatusFor('', maps.status)).toBe(UNKNOWN_STATUS);
    expect(storefrontStatusFor('   ', maps.status, '')).toBe(UNKNOWN_STATUS);
    expect(storefrontStatusFor('', maps.status, 'processing')).toBe('processing');
    // A status mapped to an empty word falls back to Prima's own text.
    expect(storefrontStatusFor('Entered', maps.status)).toBe('Entered');
  });
});
