import { describe, expect, it, vi } from 'vitest';
import {
  loadOrderBlock,
  type OrderViewJson,
  orderIdFromGid,
  retryOrder,
  toBlockModel,
} from './order-block-logic.js';

const base: OrderViewJson = {
  storefrontOrderId: '1001',
  storefrontOrderNumber: '1001',
  state: 'posted',
  primaOrderNumber: 'W1001',
  primaState: 'entered',
  primaRawStatus: 'Entered',
  dispatches: [],
  canRetry: false,
};

describe('order block model', () => {
  it('shows the Prima number and status of a posted order', () => {
    const m = toBlockModel(base);
    expect(m).toMatchObject({
      status: 'In Prima',
      tone: 'success',
      primaOrderNumber: 'W1001',
      primaStatus: 'Entered',
      error: null,
      canRetry: false,
    });
    expect(m.summary).toBe('W1001 · In Prima');
  });

  it('shows dispatches with carrier, tracking and link', () => {
    const m = toBlockModel({
      ...base,
      primaState: 'despatched',
      dispatches: [
        {
          dispatchId: 'D1',
          carrier: 'DPD',
          trackingNumber: '155',
          trackingUrl: 'https://t.example/155',
          at: '2026-11-22T09:00:00Z',
        },
      ],
    });
    expect(m.status).toBe('Despatched');
    expect(m.dispatches).toEqual([{ label: 'DPD, tracking 155', trackingUrl: 'https://t.example/155' }]);
  });

  it('shows the last error and offers retry for an order that needs attention', () => {
    const m = toBlockModel({
      ...base,
      state: 'exception',
      canRetry: true,
      lastProblem: {
        code: 'unmapped_sku',
        message: 'SKU ETOS-G-080 is not mapped',
        action: 'Map it in Mappings, then retry',
        retryable: false,
      },
      handbookUrl: 'https://prima-connect.example/handbook/exceptions#exception-unmapped-sku',
    });
    expect(m).toMatchObject({
      status: 'Needs attention',
      tone: 'critical',
      canRetry: true,
      error: {
        message: 'SKU ETOS-G-080 is not mapped',
        action: 'Map it in Mappings, then retry',
        handbookUrl: 'https://prima-connect.example/handbook/exceptions#exception-unmapped-sku',
      },
    });
  });

  it('says plainly when an order never went to Prima', () => {
    const m = toBlockModel({ ...base, state: 'unknown', primaOrderNumber: undefined, canRetry: true });
    expect(m.primaOrderNumber).toBeNull();
    expect(m.summary).toBe('Not sent to Prima');
  });

  it('reads the order id from the selected resource gid', () => {
    expect(orderIdFromGid('gid://shopify/Order/820982911946154508')).toBe('820982911946154508');
    expect(() => orderIdFromGid('gid://shopify/Product/1')).toThrow();
  });
});

describe('order block API calls', () => {
  it('loads the view from the app API with a relative URL (the admin adds the session token)', async () => {
    const fetchFn = vi.fn(async () => ({ ok: true, status: 200, json: async () => base }));
    const m = await loadOrderBlock(fetchFn, 'gid://shopify/Order/1001');
    expect(fetchFn).toHaveBeenCalledWith('api/orders/1001');
    expect(m.primaOrderNumber).toBe('W1001');
  });

  it('rejects a reply that is not an order view', async () => {
    const fetchFn = async () => ({ ok: true, status: 200, json: async () => ({ nope: true }) });
    await expect(loadOrderBlock(fetchFn, 'gid://shopify/Order/1001')).rejects.toThrow();
  });

  it('explains an expired session', async () => {
    const fetchFn = async () => ({ ok: false, status: 401, json: async () => ({}) });
    await expect(loadOrderBlock(fetchFn, 'gid://shopify/Order/1001')).rejects.toThrow(/session expired/);
  });

  it('retries with a POST and shows the new state', async () => {
    const fetchFn = vi.fn(async () => ({
      ok: true,
      status: 200,
      json: async () => ({ ...base, state: 'posting' }),
    }));
    const m = await retryOrder(fetchFn, 'gid://shopify/Order/1001');
    expect(fetchFn).toHaveBeenCalledWith('api/orders/1001', expect.objectContaining({ method: 'POST' }));
    expect(m.status).toBe('Being sent to Prima');
  });
});
