/**
 * The traffic generator: places the scenario mix on every emulated storefront at `rate` orders per
 * minute each, and carries out the follow-ups a shop clerk would: cancel an order once it is in Prima
 * (before the warehouse releases it), refund one line of another.
 */
import type { Platform } from '@prima-connect/prima-core';
import type { PlatformStack } from '../hosts/types.js';
import { type OrderScenario, type ScenarioName, scenarioFor, TRAFFIC_MIX } from './scenarios.js';

export interface TrafficCounts {
  placed: number;
  cancelled: number;
  refunded: number;
  /** Follow-ups this platform's host cannot take yet (README: what is not done). */
  unsupported: number;
  failed: number;
}

interface FollowUp {
  stack: PlatformStack;
  storefrontOrderId: string;
  scenario: OrderScenario;
}

export interface TrafficGenerator {
  counts: Record<Platform, TrafficCounts>;
  /** Places one order of `name` (or the next of the mix) on one storefront now. */
  placeOne(stack: PlatformStack, name?: ScenarioName): Promise<void>;
  /** Follow-ups whose order has reached Prima. */
  followUps(): Promise<void>;
  stop(): void;
}

const zero = (): TrafficCounts => ({ placed: 0, cancelled: 0, refunded: 0, unsupported: 0, failed: 0 });

export function startTraffic(
  stacks: PlatformStack[],
  opts: {
    ratePerMinute: number;
    autostart: boolean;
    /** Whether the storefront's tenant takes orders yet (a fresh tenant does not before go-live). */
    ready?: (stack: PlatformStack) => Promise<boolean>;
    onError?: (e: unknown) => void;
  },
): TrafficGenerator {
  const counts = { shopify: zero(), woocommerce: zero(), magento: zero() } as Record<Platform, TrafficCounts>;
  const pending: FollowUp[] = [];
  const serial = new Map<Platform, number>();

  async function placeOne(stack: PlatformStack, name?: ScenarioName): Promise<void> {
    const n = serial.get(stack.platform) ?? 0;
    serial.set(stack.platform, n + 1);
    const scenario = scenarioFor(name ?? (TRAFFIC_MIX[n % TRAFFIC_MIX.length] as ScenarioName), n);
    try {
      const placed = await stack.driver.placeOrder(scenario);
      counts[stack.platform].placed += 1;
      if (scenario.followUp) pending.push({ stack, storefrontOrderId: placed.storefrontOrderId, scenario });
    } catch (e) {
      counts[stack.platform].failed += 1;
      opts.onError?.(e);
    }
  }

  async function followUps(): Promise<void> {
    for (const f of [...pending]) {
      const link = await f.stack.store.links.get(f.stack.tenantId, f.storefrontOrderId);
      if (link?.state !== 'posted') continue;
      pending.splice(pending.indexOf(f), 1);
      const c = counts[f.stack.platform];
      const line = f.scenario.lines[0];
      const outcome =
        f.scenario.followUp === 'cancel'
          ? await f.stack.driver.cancelOrder(f.storefrontOrderId)
          : line
            ? await f.stack.driver.refundLine(f.storefrontOrderId, line.sku, 1)
            : 'unsupported';
      if (outcome === 'unsupported') c.unsupported += 1;
      else if (f.scenario.followUp === 'cancel') c.cancelled += 1;
      else c.refunded += 1;
    }
  }

  const timers: NodeJS.Timeout[] = [];
  if (opts.autostart && opts.ratePerMinute > 0) {
    const every = Math.max(50, Math.round(60_000 / opts.ratePerMinute));
    for (const stack of stacks) {
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy) return;
          busy = true;
          void (opts.ready ? opts.ready(stack) : Promise.resolve(true))
            .then(async (ready) => {
              if (!ready) return;
              await placeOne(stack);
              await followUps();
            })
            .catch((e: unknown) => opts.onError?.(e))
            .finally(() => {
              busy = false;
            });
        }, every),
      );
    }
  }
  return {
    counts,
    placeOne,
    followUps,
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
