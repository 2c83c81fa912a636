/**
 * Two worker processes on one SQLite file: SQLite's file lock is what keeps claims apart here, so this runs
 * real processes (separate connections in one process would not exercise it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sampleJob } from '@prima-connect/prima-core/testing';
import { describe, expect, it } from 'vitest';
import { tempSqlite } from '../test-databases.js';
import { createQueue } from './index.js';

const JOBS = 80;
const fixture = fileURLToPath(new URL('./worker-process.fixture.ts', import.meta.url));

function startWorker(url: string, name: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, url, name], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('ready\n')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`worker ${name} exited (${code}) before ready: ${err}`));
    });
  });
  const done = new Promise<{ worker: string; id: string; i: number }[]>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${name} failed (${code}): ${err}`));
      resolve(
        out
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l)),
      );
    });
  });
  return { child, ready, done };
}

describe('two worker processes on one SQLite file', { timeout: 60_000 }, () => {
  it('process every job exactly once between them', async () => {
    const db = tempSqlite();
    const children: ChildProcess[] = [];
    try {
      const producer = await createQueue({ url: db.url });
      for (let i = 0; i < JOBS; i++) await producer.enqueue(sampleJob(`tenant-${i % 4}`, { payload: { i } }));
      const a = startWorker(db.url, 'A');
      const b = startWorker(db.url, 'B');
      children.push(a.child, b.child);
      await Promise.all([a.ready, b.ready]);
      a.child.stdin?.write('go\n');
      b.child.stdin?.write('go\n');
      const processed = (await Promise.all([a.done, b.done])).flat();

      expect(processed).toHaveLength(JOBS);
      expect(new Set(processed.map((p) => p.id)).size).toBe(JOBS);
      expect(new Set(processed.map((p) => p.i)).size).toBe(JOBS);
      expect(processed.some((p) => p.worker === 'A') && processed.some((p) => p.worker === 'B')).toBe(true);
      expect(await producer.counts()).toEqual({ pending: 0, active: 0, dead: 0 });
      await producer.close();
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill();
      await db.drop();
    }
  });
});
