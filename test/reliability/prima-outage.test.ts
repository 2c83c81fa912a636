/**
 * Scenario 2, Prima outage: orders keep arriving while the Prima sandbox goes down in the middle of the
 * run, first refusing connections, then hanging (every call times out), then answering HTTP 503, and
 * then recovers -> no order lost or doubled, all posted after recovery, prima_unreachable exceptions
 * raised during the outage and cleared after it, and an alert sent by the product (the finance round the
 * hosts schedule, through the tenant's webhook channel to a local receiver); the harness watcher adds when
 * the open count went back to none ("cleared"), which the product does not announce.
 * Engine on prima-store SQLite, two worker loops, the real OMLink gateway over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { createPrismaStore, createQueue } from '@prima-connect/prima-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchAlerts } from './support/alerts.js';
import {
  ENGINE_TENANT,
  engineRig,
  reliabilitySettings,
  seedTenant,
  waitQueueEmpty,
} from './support/engine-rig.js';
import { primaNumber, report, tally } from './support/figures.js';
import { sleep } from './support/pool.js';
import { type PrimaWatch, watchPrima } from './support/prima-watch.js';

const ORDERS = 150;
const PHASE_MS = 1500;

describe('scenario 2: Prima outage in the middle of a run', { timeout: 300_000 }, () => {
  let sandbox: Sandbox;
  let watch: PrimaWatch;
  let dir: string;
  let receiver: Server;
  let hookUrl: string;
  const received: { text: string; title: string }[] = [];
  beforeAll(async () => {
    // A chat webhook (Slack-style incoming webhook) that records what the product sent.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        received.push(JSON.parse(body) as { text: string; title: string });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    watch = watchPrima(sandbox);
    dir = mkdtempSync(join(tmpdir(), 'reliability-outage-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise((r) => receiver?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refused, then timeouts, then 503s: nothing lost or doubled, all posted after recovery, exceptions and alert raised and cleared', async () => {
    const url = `file:${join(dir, 'outage.db')}`;
    const { store, prisma, close } = await createPrismaStore({ url });
    const queue = await createQueue({ url, prisma, migrate: false });
    try {
      await seedTenant(store, sandbox.wsdlUrl, 500);
      await store.settings.put(ENGINE_TENANT, {
        ...reliabilitySettings(sandbox.wsdlUrl, 500),
        alerts: {
          enabled: true,
          emailTo: [],
          emailFrom: 'prima-connect@localhost.localdomain',
          webhookUrl: hookUrl,
          openExceptionsThreshold: 5,
          handbookUrl: 'https://handbook.example/exceptions',
        },
      });
      const rig = engineRig(store, queue, sandbox.wsdlUrl);
      const alerts = watchAlerts(store, ENGINE_TENANT);
      const workers = rig.startWorkers(2);
      const finance = rig.startFinanceSchedule(200);
      const ids = Array.from({ length: ORDERS }, (_, i) => String(50_001 + i));
      const third = ORDERS / 3;

      // Orders arrive all through the run: a third before, a third during and a third after the outage.
      const feed = async (from: number, to: number, overMs: number) => {
        for (let i = from; i < to; i++) {
          await rig.receive(ids[i] as string);
          await sleep(overMs / (to - from));
        }
      };
      await feed(0, third, 1000);
      const phases: { mode: 'refused' | 'hang' | '503'; during: number }[] = [];
      const outage = (async () => {
        for (const mode of ['refused', 'hang', '503'] as const) {
          sandbox.setFaults({ outage: { mode, durationMs: PHASE_MS } });
          await sleep(PHASE_MS);
          phases.push({ mode, during: watch.injected });
        }
        sandbox.clearFaults();
      })();
      await feed(third, 2 * third, 3 * PHASE_MS);
      await outage;
      const openAtRecovery = await store.exceptions.list(ENGINE_TENANT, {
        status: 'open',
        code: 'prima_unreachable',
      });
      await feed(2 * third, ORDERS, 1000);
      const recovering = performance.now();
      await waitQueueEmpty(queue);
      const caughtUpSeconds = ((performance.now() - recovering) / 1000).toFixed(1);
      await workers.stop();
      await finance.stop();
      await alerts.stop();

      const expected = ids.map((id) => primaNumber('W', id));
      const t = tally(expected, sandbox.state.orders.keys());
      const all = await store.exceptions.list(ENGINE_TENANT, {});
      const unreachable = all.filter((e) => e.code === 'prima_unreachable');
      const stillOpen = all.filter((e) => e.status === 'open');
      const notPosted = (await Promise.all(ids.map((id) => store.links.get(ENGINE_TENANT, id)))).filter(
        (l) => l?.state !== 'posted',
      ).length;
      // Sent by the product: the exceptions alert naming Prima's outage, with its handbook entry.
      const raised = received.filter(
        (a) =>
          a.text.includes('Prima is not answering') &&
          a.text.includes('https://handbook.example/exceptions#exception-prima-unreachable'),
      );
      const cleared = alerts.alerts.filter((a) => a.kind === 'cleared' && a.code === 'prima_unreachable');
      const pass = report(
        {
          scenario: 'prima-outage',
          orders: ORDERS,
          sent: ORDERS,
          ...t,
          exceptions: all.length,
          extra: {
            outageMs: 3 * PHASE_MS,
            caughtUpSecondsAfterLastOrder: caughtUpSeconds,
            injectedFaults: watch.injected,
            peakOpenUnreachable: alerts.peakOpen.prima_unreachable ?? 0,
            openAtEnd: stillOpen.length,
            alertsRaised: raised.length,
            alertsCleared: cleared.length,
            primaOrderRequests: watch.orderRequests,
            e21Replies: watch.e21,
          },
        },
        t.lost === 0 &&
          t.duplicates === 0 &&
          notPosted === 0 &&
          unreachable.length > 0 &&
          stillOpen.length === 0 &&
          raised.length > 0 &&
          cleared.length > 0,
      );
      // Each phase really injected faults (refused connections are not logged by the sandbox: the listener is closed).
      expect(phases.map((p) => p.mode)).toEqual(['refused', 'hang', '503']);
      expect(watch.injected).toBeGreaterThan(0);
      expect(openAtRecovery.length + unreachable.length).toBeGreaterThan(0);
      expect(t).toEqual({ posted: ORDERS, lost: 0, duplicates: 0 });
      expect(notPosted).toBe(0);
      expect(unreachable.length).toBeGreaterThan(0);
      expect(unreachable.every((e) => e.status === 'resolved')).toBe(true);
      expect(stillOpen).toEqual([]);
      expect(raised.length).toBeGreaterThan(0);
      expect(cleared.length).toBeGreaterThan(0);
      expect(watch.malformed).toEqual([]);
      expect(pass).toBe(true);
    } finally {
      await queue.close();
      await close();
    }
  });
});
