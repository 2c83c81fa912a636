import { describe, expect, it } from 'vitest';
import { parseSettings, type Settings } from '../settings.js';
import { checkStep, goLiveSettings, onboardingState, withStepDone } from './progress.js';

const AT = '2026-11-22T08:00:00.000Z';
const fresh = (): Settings => parseSettings({ prima: { url: 'http://127.0.0.1:1/x' } });
const connected = (): Settings => {
  const s = fresh();
  return withStepDone(
    { ...s, onboarding: { steps: {}, lastConnectionTest: { at: AT, ok: true } } },
    'connect',
    'ann',
    AT,
  );
};
const withMaps = (s: Settings): Settings => ({
  ...s,
  orders: { ...s.orders, defaultWarehouse: 'MAIN' },
  maps: {
    ...s.maps,
    shipping: { standard: { charge: 'RM48', carrier: '', service: '' } },
    payment: { card: { payMethod: 'CC', subPayMethod: '', provider: '' } },
    locations: { 'loc-1': 'MAIN' },
  },
});

describe('onboarding progress', () => {
  it('a tenant without settings starts at connect, with nothing switched on', () => {
    const st = onboardingState(null);
    expect(st.next).toBe('connect');
    expect(st.steps.every((s) => !s.done)).toBe(true);
    expect([st.postingEnabled, st.stockEnabled]).toEqual([false, false]);
    expect(checkStep(null, 'connect').ok).toBe(false);
  });

  it('connect needs a passing connection test', () => {
    const s = fresh();
    const failed = { ...s, onboarding: { steps: {}, lastConnectionTest: { at: AT, ok: false } } };
    expect(checkStep(failed, 'connect')).toEqual({
      ok: false,
      missing: ['The Prima connection test has not passed yet.'],
    });
  });

  it('steps go in order: a later step names each earlier step still missing', () => {
    const r = checkStep(connected(), 'preview');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.missing).toEqual([
      'Finish "Read the catalogues" first.',
      'Finish "Map products" first.',
      'Finish "Map shipping, payment and locations" first.',
      'Look at the stock preview first.',
    ]);
  });

  it('maps needs shipping, payment, a location and the order warehouse', () => {
    let s = withStepDone(withStepDone(connected(), 'catalogue', 'ann', AT), 'mappings', 'ann', AT);
    const r = checkStep(s, 'maps');
    expect(!r.ok && r.missing).toHaveLength(4);
    s = withMaps(s);
    expect(checkStep(s, 'maps')).toEqual({ ok: true });
  });

  it('go-live is refused until every step is done, then switches posting and stock on and records who', () => {
    let s = withMaps(connected());
    for (const step of ['catalogue', 'mappings', 'maps'] as const) s = withStepDone(s, step, 'ann', AT);
    expect(checkStep(s, 'go-live').ok).toBe(false);
    s = { ...s, onboarding: { ...(s.onboarding ?? { steps: {} }), previewedAt: AT } };
    s = withStepDone(s, 'preview', 'ann', AT);
    expect(checkStep(s, 'go-live')).toEqual({ ok: true });
    expect(s.orders.postingEnabled).toBe(false);
    const live = goLiveSettings(s, 'bob', AT);
    expect([live.orders.postingEnabled, live.stock.enabled]).toEqual([true, true]);
    const st = onboardingState(live);
    expect(st.next).toBeNull();
    expect(st.steps.find((x) => x.step === 'go-live')).toEqual({
      step: 'go-live',
      done: true,
      at: AT,
      by: 'bob',
    });
  });

  it('progress survives a round trip through the settings schema (resume after restart)', () => {
    const s = withStepDone(connected(), 'catalogue', 'ann', AT);
    const again = parseSettings(JSON.parse(JSON.stringify(s)));
    expect(onboardingState(again).next).toBe('mappings');
  });

  it('a tenant switched on before the wizard existed is not sent back through it', () => {
    const s = fresh();
    const old = { ...s, orders: { ...s.orders, postingEnabled: true } };
    expect(onboardingState(old)).toMatchObject({ next: null, predatesWizard: true });
    expect(onboardingState(s).predatesWizard).toBeUndefined();
  });
});
