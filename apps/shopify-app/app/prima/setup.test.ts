import { manualClock, parseSettings } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import { setupAction, setupData } from './setup.server.js';
import { offlineHost } from './test-support.js';

function host() {
  const h = offlineHost({
    clock: manualClock('2026-12-05T10:00:00.000Z'),
    primaUnreachable: 'Prima is not reached by a refused form',
    storeUnreachable: 'the store is not reached by a refused form',
  });
  return { store: h.store, host: h };
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe('Setup page', () => {
  it('starts an empty shop at "Connect Prima", with nothing switched on', async () => {
    const { host: h } = host();
    const data = await setupData(h, 'shop-1');
    expect(data.next).toBe('connect');
    expect(data.live).toBe(false);
    expect(data.steps.map((s) => s.label)).toEqual([
      'Connect Prima',
      'Read the catalogues',
      'Map products',
      'Map shipping, payment and locations',
      'Preview the first stock push',
      'Switch on',
    ]);
    expect(data.mappings).toBeUndefined();
  });

  it('still shows the page, in words, when the store or Prima does not answer mid-setup', async () => {
    const { host: h, store } = host();
    const at = { at: '2026-12-05T09:00:00.000Z', by: 'clerk@shop' };
    await store.settings.put(
      'shop-1',
      parseSettings({
        prima: { url: 'http://prima.example/wsdl' },
        onboarding: { steps: { connect: at, catalogue: at }, lastConnectionTest: { at: at.at, ok: true } },
      }),
    );
    const data = await setupData(h, 'shop-1');
    expect(data.next).toBe('mappings');
    expect(data.mappings).toBeUndefined();
    expect(data.notice).toEqual({
      tone: 'critical',
      message: 'Prima or Shopify did not answer while this page was loading.',
      details: ['Reload the page in a minute. Your progress is saved.'],
    });
    // The same for a button pressed meanwhile: a sentence, not an error page.
    const pressed = await setupAction(h, 'shop-1', form({ intent: 'read-catalogues' }), 'clerk@shop');
    expect(pressed.tone).toBe('critical');
    expect(pressed.message).toContain('did not answer');
  });

  it('explains an address that is not a web address, and saves nothing', async () => {
    const { host: h, store } = host();
    const notice = await setupAction(
      h,
      'shop-1',
      form({ intent: 'connect', primaUrl: 'prima.example', companyId: '', vatInclusive: 'true' }),
      'clerk@shop',
    );
    expect(notice.tone).toBe('critical');
    expect(notice.message).toMatch(/not complete/);
    expect(notice.details?.[0]).toMatch(/starts with http/);
    expect(await store.settings.get('shop-1')).toBeNull();
  });

  it('refuses going live, and every later step, before Prima is connected', async () => {
    const { host: h, store } = host();
    const live = await setupAction(h, 'shop-1', form({ intent: 'go-live' }), 'clerk@shop');
    expect(live.tone).toBe('critical');
    expect(live.details?.join(' ')).toMatch(/Connect Prima first/);
    expect(await store.settings.get('shop-1')).toBeNull();
  });

  it.each([
    [{ intent: 'map-sku', sku: 'OLD-1', item: '' }, 'Type the Prima product code'],
    [{ intent: 'map-sku', sku: 'OLD-1', item: 'A B C D E F' }, 'at most four matrix codes'],
    [{ intent: 'launch' }, 'Invalid'],
  ])('refuses %o in words', async (fields, words) => {
    const { host: h } = host();
    const notice = await setupAction(h, 'shop-1', form(fields), 'clerk@shop');
    expect(notice.tone).toBe('critical');
    expect(notice.message).toContain(words);
  });
});
