import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createMemoryKv, type Kv } from './kv.js';

/**
 * The memory KV persisted to one JSON file after each write: for the local playground, where state
 * should survive a restart. Writes go to a temp file and are renamed, so a crash never leaves half a file.
 */
export function createFileKv(path: string): Kv {
  const initial = new Map<string, { value: string; expiresAt: number }>();
  if (existsSync(path)) {
    const rows = JSON.parse(readFileSync(path, 'utf8')) as [string, { value: string; expiresAt: number }][];
    for (const [k, v] of rows) initial.set(k, v);
  }
  mkdirSync(dirname(path), { recursive: true });
  return createMemoryKv({
    initial,
    onChange: (data) => {
      writeFileSync(`${path}.tmp`, JSON.stringify([...data.entries()]));
      renameSync(`${path}.tmp`, path);
    },
  });
}
