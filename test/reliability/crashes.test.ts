/**
 * Scenario 3, crashes: worker processes are killed with SIGKILL at random points of posting (at least 20
 * times per run), many of them the instant Prima accepted an order and before the worker could record
 * it, and restarted -> no order lost or doubled. On prima-store SQLite always, and on PostgreSQL when
 * PRIMA_TEST_PG_URL is set (otherwise a SKIP line is printed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_TENANT, engineRig, seedTenant } from './support/engine-rig.js';
import { primaNumber, report, tally } from './support/figures.js';
import { seeded, sleep } from './support/pool.js';
import { type PrimaWatch, watchPrima } from './support/prima-watch.js';

const ORDERS = 120;
const KILLS = 20;
const WORKERS = 2;
const FIRST_ID = 60_001;
const workerScript = fileURLToPath(new URL('./support/crash-worker.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Database {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function sqliteDb(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-crash-'));
  return {
    name: 'SQLite',
    url: `file:${join(dir, 'crash.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresDb(base: string): Database {
  const schema = `reliability_crash_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    name: 'PostgreSQL',
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const databases: { name: string; make: () => Database }[] = [{ name: 'SQLite', make: sqliteDb }];
const pgUrl = process.env.PRIMA_TEST_PG_URL;
if (pgUrl) databases.push({ name: 'PostgreSQL', make: () => postgresDb(pgUrl) });
else
  console.log(
    'SKIP crash scenario on PostgreSQL: set PRIMA_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it',
  );

describe('scenario 3: workers killed with SIGKILL while posting', { timeout: 600_000 }, () => {
  let sandbox: Sandbox;
  let watch: PrimaWatch;
  beforeAll(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    watch = watchPrima(sandbox);
  });
  afterAll(async () => sandbox?.close());

  for (const variant of databases) {
    it(`${ORDERS} orders, ${KILLS}+ kills on ${variant.name}: no order lost or doubled`, async () => {
      const db = variant.make();
      const { store, prisma, close } = await createPrismaStore({ url: db.url });
      const queue = await createQueue({
        url: db.url,
        ...(db.url.startsWith('file:') ? { prisma } : {}),
        migrate: false,
      });
      const children = new Set<ChildProcess>();
      const ready = new Set<ChildProcess>();
      let kills = 0;
      let killedRightAfterPrimaOk = 0;
      const random = seeded(db.name.length * 7919);
      const prefix = db.name === 'SQLite' ? 'S' : 'P';
      const first = FIRST_ID + (prefix === 'S' ? 0 : 10_000);
      const ids = Array.from({ length: ORDERS }, (_, i) => String(first + i));
      const start = (n: number): Promise<void> =>
        new Promise((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              workerScript,
              db.url,
              sandbox.wsdlUrl,
              `crash-${prefix}-${n}`,
              String(first),
              String(ORDERS),
            ],
            {
              cwd: repoRoot,
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          children.add(child);
          let err = '';
          child.stderr?.on('data', (d) => {
            err += d;
          });
          child.stdout?.on('data', (d: Buffer) => {
            if (String(d).includes('ready')) {
              ready.add(child);
              resolve();
            }
          });
          child.on('exit', (code, signal) => {
            children.delete(child);
            ready.delete(child);
            // A worker killed before it was ready must not leave its start() waiting forever.
            resolve();
            if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0)
              reject(new Error(`worker exited ${code}: ${err}`));
          });
        });
      const killOne = (): boolean => {
        // Only workers that are up and working: a kill must land in the middle of work, not of start-up.
        const victims = [...ready];
        const victim = victims[Math.floor(random() * victims.length)];
        if (!victim || kills >= KILLS) return false;
        victim.kill('SIGKILL');
        kills++;
        return true;
      };
      // The most dangerous instant: Prima has just accepted an order and the reply is on its way.
      const original = sandbox.state.log.bind(sandbox.state);
      sandbox.state.log = (entry) => {
        original(entry);
        if (entry.requestType === 'MultiNewOrder' && entry.outcome === 'OK' && random() < 0.35 && killOne())
          killedRightAfterPrimaOk++;
      };
      try {
        // Prima's work time makes "in the middle of posting" a real window.
        sandbox.setFaults({ latencyMs: 30 });
        await seedTenant(store, sandbox.wsdlUrl, 3000);
        const intake = engineRig(store, queue, sandbox.wsdlUrl);
        for (const id of ids) await intake.receive(id);
        await Promise.all(Array.from({ length: WORKERS }, (_, n) => start(n)));
        let spawned = WORKERS;
        const until = Date.now() + 480_000;
        for (;;) {
          // Random kills besides the Prima-OK ones, until the quota is reached.
          if (kills < KILLS && random() < 0.2) killOne();
          while (children.size < WORKERS) await start(spawned++);
          const c = await queue.counts(ENGINE_TENANT);
          if (kills >= KILLS && c.pending === 0 && c.active === 0) break;
          if (Date.now() > until) throw new Error(`did not finish: ${kills} kills, ${JSON.stringify(c)}`);
          await sleep(100 + Math.floor(random() * 300));
        }
      } finally {
        sandbox.state.log = original;
        sandbox.clearFaults();
        for (const c of children) c.kill('SIGKILL');
      }

      const expected = ids.map((id) => primaNumber('W', id));
      const t = tally(
        expected,
        [...sandbox.state.orders.keys()].filter((k) => expected.includes(k)),
      );
      const links = await Promise.all(ids.map((id) => store.links.get(ENGINE_TENANT, id)));
      const notPosted = links.filter((l) => l?.state !== 'posted').length;
      const resent = expected.filter((n) => (watch.ordersSent.get(n) ?? 0) > 1).length;
      const all = await store.exceptions.list(ENGINE_TENANT, {});
      const open = all.filter((e) => e.status === 'open');
      await queue.close();
      await close();
      await db.drop();
      const pass = report(
        {
          scenario: `crashes/${db.name}`,
          orders: ORDERS,
          sent: ORDERS,
          ...t,
          exceptions: all.length,
          extra: {
            kills,
            killedRightAfterPrimaOk,
            notPosted,
            ordersSentAgainAfterCrash: resent,
            e21Replies: watch.e21,
            openExceptions: open.length,
          },
        },
        t.lost === 0 && t.duplicates === 0 && notPosted === 0 && kills >= KILLS && open.length === 0,
      );
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(t).toEqual({ posted: ORDERS, lost: 0, duplicates: 0 });
      expect(notPosted).toBe(0);
      expect(open).toEqual([]);
      expect(pass).toBe(true);
    });
  }
});
