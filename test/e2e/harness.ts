/**
 * Helpers shared by the e2e tests: a playground stack on random ports in a temp dir, and polling for a
 * condition (the hosts' worker loops run in the background, as in `pnpm start`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, type StackOptions, startStack } from '@prima-connect/playground';

/**
 * `onboarding: 'fresh'` gives tenants registered with their storefronts but not onboarded (no settings,
 * no mappings, posting and stock sync off, no traffic) for the apps' wizard walk-throughs; the default
 * 'done' gives tenants set up and switched on.
 */
export async function startTestStack(opts: StackOptions = {}): Promise<Stack> {
  return startStack({
    ports: 'random',
    dataDir: mkdtempSync(join(tmpdir(), 'prima-e2e-')),
    traffic: false,
    workerIntervalMs: 200,
    shopifyPages: false,
    // The warehouse is driven by each test, step by step.
    warehouse: { releaseAfterMs: 3_600_000, dispatchAfterMs: 3_600_000 },
    ...opts,
  });
}

/** Resolves with the first truthy value of `probe`; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
