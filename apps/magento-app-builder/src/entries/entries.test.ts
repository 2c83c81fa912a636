import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleActions } from './bundle-actions.js';

/** The bundles `aio app deploy` ships: they build, load as CommonJS and expose a working `main`. */
const out = mkdtempSync(join(tmpdir(), 'prima-actions-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Main = (params: Record<string, unknown>) => Promise<{ statusCode: number; body: unknown }>;

describe('runtime action bundles', () => {
  it('builds every action declared in ext.config.yaml into a loadable main', async () => {
    const built = await bundleActions(out);
    const manifest = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../ext.config.yaml'),
      'utf8',
    );
    const declared = [...manifest.matchAll(/function: dist\/actions\/([a-z-]+)\.js/g)].map((m) => m[1]);
    expect(declared).toHaveLength(8);
    expect(built.sort()).toEqual(declared.sort());
    const load = (name: string) =>
      (createRequire(join(out, 'x.js'))(join(out, `${name}.js`)) as { main: Main }).main;
    for (const name of built) expect(typeof load(name), name).toBe('function');

    const reg = await load('registration')({ MESH_ID: 'mesh-1' });
    expect(reg.body).toMatchObject({
      registration: {
        order: { gridColumns: { data: { meshId: 'mesh-1' } }, massActions: [{ label: 'Re-post to Prima' }] },
      },
    });
    expect((await load('commerce-events')({ __ow_method: 'get', __ow_query: 'challenge=xyz' })).body).toEqual(
      { challenge: 'xyz' },
    );
    // Production inputs are validated: without the Commerce URL and token the action refuses to start.
    await expect(load('stock-sync')({})).rejects.toThrow(/COMMERCE_BASE_URL/);
    // With valid inputs the bundle reaches @adobe/aio-sdk's State.init, which (outside I/O Runtime, without
    // the namespace credentials) refuses: proof the SDK is bundled and wired, without touching Adobe's cloud.
    const inputs = {
      COMMERCE_BASE_URL: 'http://127.0.0.1:1',
      COMMERCE_ACCESS_TOKEN: 'x'.repeat(12),
      IO_CLIENT_ID: 'c',
    };
    await expect(load('daily-finance')(inputs)).rejects.toThrow(/AdobeStateLib.*namespace/);
  });
});
