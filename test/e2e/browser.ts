/**
 * What the e2e browser tests share: Debian's Chromium (launched offline-minded), the playground host of a
 * platform, and the wizard walk-throughs' check that nothing reached Prima or the store's stock before
 * "Switch on".
 */
import { existsSync } from 'node:fs';
import type { PlatformStack, Stack } from '@prima-connect/playground';
import type { Platform } from '@prima-connect/prima-core';
import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** False (with a SKIP line naming the file) where Debian's chromium is not installed. */
export function chromiumFor(file: string): boolean {
  const has = existsSync(CHROMIUM);
  if (!has) console.log(`SKIP ${file}: no ${CHROMIUM}`);
  return has;
}

export function launchChromium(): Promise<Browser> {
  // launch() starts from a fresh temporary profile each time.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function platformOf(stack: Stack, platform: Platform): PlatformStack {
  const h = stack.platforms[platform];
  if (!h) throw new Error(`${platform} did not start`);
  return h;
}

/** Read-only Prima calls a wizard may make before go-live: the connection ping and available-to-sell. */
const READ_ONLY = ['OrderStatus', 'ProductAvailableToSell'];

/** The request types the Prima sandbox has answered, oldest first. */
export async function primaRequestTypes(stack: Stack): Promise<string[]> {
  const res = await fetch(`${stack.sandbox.controlUrl.replace(/\/$/, '')}/requests?limit=1000`);
  return ((await res.json()) as { requestType: string }[]).map((r) => r.requestType);
}

/** Before go-live: posting and stock off, no order in Prima, only reads in its log, no stock written. */
export async function expectNothingSentYet(stack: Stack, h: PlatformStack): Promise<void> {
  const settings = await h.store.settings.get(h.tenantId);
  expect(settings?.orders.postingEnabled ?? false).toBe(false);
  expect(settings?.stock.enabled ?? false).toBe(false);
  expect(stack.sandbox.state.orders.size).toBe(0);
  const types = await primaRequestTypes(stack);
  // The log is read (the wizard's own catalogue read is in it), and holds nothing but reads.
  expect(types).toContain('ProductAvailableToSell');
  expect(types.filter((t) => !READ_ONLY.includes(t))).toEqual([]);
  expect(h.driver.stockCalls()).toBe(0);
}
