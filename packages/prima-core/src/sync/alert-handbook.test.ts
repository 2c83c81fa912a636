import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import type { Alert } from '../monitor/alerts.js';
import { recordingLogger } from '../monitor/log.js';
import { problem } from '../monitor/problems.js';
import { settingsSchema } from '../settings.js';
import { createFakePrima } from '../testing/fake-prima.js';
import { createFakeStorefront } from '../testing/fake-storefront.js';
import { createMemoryQueue } from '../testing/memory-queue.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { manualClock } from './clock.js';

const T = 'tenant-alert-links';

/** One exceptions alert, sent by an engine whose host serves the handbook at `hostUrl` (or none). */
async function alertLinks(hostUrl: string | undefined, tenantUrl?: string): Promise<string[]> {
  const clock = manualClock('2026-03-05T06:00:00.000Z');
  const store = createMemoryStore();
  await store.tenants.put({
    id: T,
    platform: 'shopify',
    shop: 'shop.example',
    createdAt: clock.now().toISOString(),
  });
  await store.settings.put(
    T,
    settingsSchema.parse({
      prima: { url: 'http://prima.invalid/wsdl' },
      alerts: { enabled: true, openExceptionsThreshold: 1, ...(tenantUrl ? { handbookUrl: tenantUrl } : {}) },
    }),
  );
  const sent: Alert[] = [];
  const prima = createFakePrima();
  const storefront = createFakeStorefront();
  const engine = createEngine({
    store,
    queue: createMemoryQueue({ clock }),
    clock,
    logger: recordingLogger(),
    prima: async () => prima,
    storefront: async () => storefront,
    alerters: async () => [{ send: async (a) => void sent.push(a) }],
    ...(hostUrl ? { handbookUrl: hostUrl } : {}),
  });
  await store.exceptions.raise({
    tenantId: T,
    code: 'unmapped_sku',
    subject: 'sku:A-1',
    problem: problem('unmapped_sku', 'A-1 is not mapped', 'Map it'),
    lastSeenAt: clock.now().toISOString(),
  });
  expect((await engine.checkAlerts(T)).alerted).toBe(true);
  return sent[0]?.links.map((l) => l.url) ?? [];
}

describe('alert links to the handbook', () => {
  it('point at the copy the host serves, when the host gives its address', async () => {
    expect(await alertLinks('https://app.example/handbook/exceptions')).toEqual([
      'https://app.example/handbook/exceptions#alert-exceptions-threshold',
      'https://app.example/handbook/exceptions#exception-unmapped-sku',
    ]);
  });

  it("keep the business's own published copy when the tenant set an absolute address", async () => {
    expect(
      await alertLinks(
        'https://app.example/handbook/exceptions',
        'https://intranet.example/handbook/exceptions',
      ),
    ).toEqual([
      'https://intranet.example/handbook/exceptions#alert-exceptions-threshold',
      'https://intranet.example/handbook/exceptions#exception-unmapped-sku',
    ]);
  });

  it('fall back to the setting as it is when the host serves no handbook', async () => {
    expect(await alertLinks(undefined)).toEqual([
      'docs/handbook/exceptions.md#alert-exceptions-threshold',
      'docs/handbook/exceptions.md#exception-unmapped-sku',
    ]);
  });
});
