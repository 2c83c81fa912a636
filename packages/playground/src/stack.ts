/**
 * The reusable harness: the Prima sandbox with its demo catalogue, the three storefront emulators, the
 * three hosts (Shopify app wiring, connector service, App Builder actions in a local runner), their
 * worker loops, the admin screens that can be served, the traffic generator and the sandbox warehouse.
 * `pnpm start` (main.ts) and test/e2e both start it; tests use random ports and a temp dir.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Platform } from '@prima-connect/prima-core';
import { type Sandbox, startSandbox } from '@prima-connect/prima-sandbox';
import { z } from 'zod';
import { type StackClock, stackClock } from './clock.js';
import { startMagentoStack } from './hosts/magento.js';
import { startShopifyStack } from './hosts/shopify.js';
import type { HostUrl, PlatformStack } from './hosts/types.js';
import { startWooStack, type WooStack } from './hosts/woocommerce.js';
import { startWooAdmin } from './hosts/woocommerce-admin.js';
import { asCoreLogger, fileLogger } from './logger.js';
import { startTraffic, type TrafficGenerator } from './traffic/generator.js';
import { DEFAULT_WAREHOUSE_TIMING, type WarehouseTiming, warehouseRound } from './warehouse.js';

export const PLATFORMS = ['shopify', 'woocommerce', 'magento'] as const satisfies readonly Platform[];

export const stackOptionsSchema = z.object({
  ports: z.enum(['fixed', 'random']).default('fixed'),
  /** First of the fixed ports; the others follow (see PORT_OFFSETS). */
  portBase: z.number().int().min(1024).max(65_000).default(4400),
  dataDir: z.string().min(1).default('.playground'),
  traffic: z.boolean().default(true),
  /** Orders per minute on each storefront. */
  rate: z.number().min(0).max(600).default(12),
  platforms: z
    .array(z.enum(PLATFORMS))
    .min(1)
    .default([...PLATFORMS]),
  /** Background worker loops and warehouse; tests that drive rounds by hand can switch them off. */
  background: z.boolean().default(true),
  workerIntervalMs: z.number().int().min(10).default(1000),
  /** The Shopify app's admin pages from its production build; they set the app's environment variables. */
  shopifyPages: z.boolean().default(true),
  /**
   * 'done' (default): every tenant set up and switched on. 'fresh': each tenant registered with its
   * storefront but not onboarded (no Prima connection, no mappings, posting and stock sync off) and no
   * traffic until its wizard switches sync on, so each app's setup wizard can be walked from empty.
   */
  onboarding: z.enum(['fresh', 'done']).default('done'),
  warehouse: z
    .object({ releaseAfterMs: z.number().int().min(0), dispatchAfterMs: z.number().int().min(0) })
    .default(DEFAULT_WAREHOUSE_TIMING),
});
export type StackOptions = z.input<typeof stackOptionsSchema>;

export const PORT_OFFSETS = {
  sandbox: 0,
  shopifyEmulator: 1,
  shopifyApp: 2,
  wooEmulator: 3,
  connector: 4,
  wooAdmin: 5,
  adobeEmulator: 6,
  adobeRunner: 7,
} as const;

export interface PlatformCounts {
  platform: Platform;
  placed: number;
  posted: number;
  openExceptions: number;
  stockCalls: number;
  /** Variants covered by the first full stock sync so far, of `variants`. */
  stockSynced: number;
  variants: number;
}

export interface Stack {
  sandbox: Sandbox;
  clock: StackClock;
  dataDir: string;
  platforms: Partial<Record<Platform, PlatformStack>>;
  urls: HostUrl[];
  traffic: TrafficGenerator;
  /** One round of every host's worker (jobs, polls, due stock syncs) and of the warehouse. */
  round(): Promise<void>;
  warehouseRound(timing?: WarehouseTiming): { released: number; dispatched: number };
  counts(): Promise<PlatformCounts[]>;
  close(): Promise<void>;
}

export async function startStack(input: StackOptions = {}): Promise<Stack> {
  const o = stackOptionsSchema.parse(input);
  const port = (k: keyof typeof PORT_OFFSETS) => (o.ports === 'random' ? 0 : o.portBase + PORT_OFFSETS[k]);
  const dataDir = resolve(o.dataDir);
  // Every run starts clean: the emulators and the sandbox live in memory, so yesterday's links would point
  // at orders that no longer exist. The files stay after the run for inspection.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logger = fileLogger(join(dataDir, 'playground.log'));
  const core = asCoreLogger(logger);
  const clock = stackClock();

  const closers: (() => Promise<void>)[] = [];
  const platforms: Partial<Record<Platform, PlatformStack>> = {};
  const urls: HostUrl[] = [];
  try {
    const sandbox = await startSandbox({ host: '127.0.0.1', port: port('sandbox') });
    closers.push(() => sandbox.close());
    urls.push(
      { name: 'Prima sandbox (OMLink WSDL)', url: sandbox.wsdlUrl },
      { name: 'Prima sandbox control API', url: sandbox.controlUrl },
    );
    const common = { dataDir, primaUrl: sandbox.wsdlUrl, clock, onboarding: o.onboarding };

    if (o.platforms.includes('shopify')) {
      const s = await startShopifyStack({
        ...common,
        logger: core.child({ platform: 'shopify' }),
        emulatorPort: port('shopifyEmulator'),
        appPort: port('shopifyApp'),
        pages: o.shopifyPages,
      });
      closers.push(() => s.close());
      platforms.shopify = s;
      urls.push(...s.urls);
    }
    if (o.platforms.includes('woocommerce')) {
      const w: WooStack = await startWooStack({
        ...common,
        logger: logger.child({ platform: 'woocommerce' }),
        emulatorPort: port('wooEmulator'),
        connectorPort: port('connector'),
      });
      closers.push(() => w.close());
      platforms.woocommerce = w;
      urls.push(...w.urls);
      const admin = await startWooAdmin({
        port: port('wooAdmin'),
        connectorUrl: w.connectorUrl,
        apiKey: w.apiKey,
        buildDir: join(dataDir, 'build'),
      });
      closers.push(() => admin.close());
      urls.push(...admin.urls);
    }
    if (o.platforms.includes('magento')) {
      const m = await startMagentoStack({
        ...common,
        logger: core.child({ platform: 'magento' }),
        emulatorPort: port('adobeEmulator'),
        runnerPort: port('adobeRunner'),
      });
      closers.push(() => m.close());
      platforms.magento = m;
      urls.push(...m.urls);
    }
    const stacks = Object.values(platforms);

    const traffic = startTraffic(stacks, {
      ratePerMinute: o.rate,
      autostart: o.traffic,
      // A fresh tenant gets no orders before its wizard has switched posting on.
      ready: async (s) => (await s.store.settings.get(s.tenantId))?.orders.postingEnabled === true,
      onError: (e) =>
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'traffic: order not placed'),
    });
    closers.push(async () => traffic.stop());

    const runWarehouse = (timing: WarehouseTiming = o.warehouse) =>
      warehouseRound(sandbox.state, Date.now(), timing);
    const round = async () => {
      await Promise.all(
        stacks.map((s) =>
          s
            .tick()
            .catch((e: unknown) =>
              logger.warn(
                { platform: s.platform, err: e instanceof Error ? e.message : String(e) },
                'worker round failed',
              ),
            ),
        ),
      );
    };

    if (o.background) {
      // One loop per host, never overlapping itself: a slow first stock sync must not stack rounds up.
      for (const s of stacks) {
        let stopped = false;
        let running: Promise<void> = Promise.resolve();
        const loop = async () => {
          while (!stopped) {
            running = s
              .tick()
              .catch((e: unknown) =>
                logger.warn(
                  { platform: s.platform, err: e instanceof Error ? e.message : String(e) },
                  'worker round failed',
                ),
              );
            await running;
            await new Promise((r) => setTimeout(r, o.workerIntervalMs));
          }
        };
        void loop();
        closers.push(async () => {
          stopped = true;
          await running;
        });
      }
      const wh = setInterval(() => {
        try {
          runWarehouse();
        } catch (e) {
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'warehouse round failed');
        }
      }, 2000);
      closers.push(async () => clearInterval(wh));
      const fu = setInterval(() => void traffic.followUps().catch(() => undefined), 2000);
      closers.push(async () => clearInterval(fu));
    }

    return {
      sandbox,
      clock,
      dataDir,
      platforms,
      urls,
      traffic,
      round,
      warehouseRound: runWarehouse,
      async counts() {
        return Promise.all(
          stacks.map(async (s) => ({
            platform: s.platform,
            placed: traffic.counts[s.platform].placed,
            posted: (await s.store.links.listByState(s.tenantId, 'posted', 100_000)).length,
            openExceptions: (await s.store.exceptions.list(s.tenantId, { status: 'open', limit: 100_000 }))
              .length,
            stockCalls: s.driver.stockCalls(),
            stockSynced: (await s.store.snapshots.all(s.tenantId)).length,
            variants: s.variantCount,
          })),
        );
      },
      async close() {
        // Stop producers first (traffic, loops), then servers, the sandbox last.
        for (const c of closers.reverse())
          await c().catch((e: unknown) => logger.warn({ err: String(e) }, 'close failed'));
        logger.flush();
      },
    };
  } catch (e) {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    throw e;
  }
}
