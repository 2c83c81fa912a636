import { afterEach, describe, expect, it, vi } from 'vitest';
import { wpApiClient } from './api';

describe('wpApiClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.primaConnect;
  });

  it('calls the plugin namespace under the REST root with the nonce the PHP bootstrap printed', async () => {
    window.primaConnect = {
      namespace: 'prima-connect/v1',
      connected: true,
      root: 'https://shop.example/wp-json/',
      nonce: 'n0nce',
    };
    const seen: { url: string; headers: Headers; method: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({
        url: String(url),
        headers: new Headers(init.headers),
        method: init.method ?? 'GET',
        body: init.body,
      });
      return new Response(JSON.stringify({ ok: 1 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    const reply = await wpApiClient.request<{ ok: number }>('/exceptions/e1/resolve', {
      method: 'POST',
      data: { note: 'done' },
    });
    expect(reply).toEqual({ ok: 1 });
    expect(
      seen[0]?.url.startsWith('https://shop.example/wp-json/prima-connect/v1/exceptions/e1/resolve'),
    ).toBe(true);
    expect(seen[0]?.headers.get('X-WP-Nonce')).toBe('n0nce');
    expect(seen[0]?.method).toBe('POST');
    expect(JSON.parse(String(seen[0]?.body))).toEqual({ note: 'done' });
  });
});
