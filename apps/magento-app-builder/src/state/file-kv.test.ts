import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKv } from './file-kv.js';
import { createKvStore } from './kv-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('file KV (playground state)', () => {
  it('keeps what the store wrote across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prima-kv-'));
    dirs.push(dir);
    const path = join(dir, 'state.json');
    const first = createKvStore(createFileKv(path));
    await first.tenants.put({
      id: 'shop.example',
      platform: 'magento',
      shop: 'shop.example',
      createdAt: '2026-11-22T00:00:00.000Z',
    });
    const again = createKvStore(createFileKv(path));
    expect((await again.tenants.get('shop.example'))?.platform).toBe('magento');
    expect(await again.tenants.get('other')).toBeNull();
  });
});
