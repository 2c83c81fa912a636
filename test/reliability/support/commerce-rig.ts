/**
 * The Adobe Commerce path: the Commerce emulator, the App Builder app's real action code (I/O Events
 * consumer and admin API web actions, called as I/O Runtime calls them: plain functions with __ow_* params)
 * over its memory KV state, prima-core's engine, and the Prima sandbox over OMLink SOAP.
 * The emulator's signed I/O Events are captured first, then delivered by the scenario, so it can repeat,
 * reorder and corrupt them.
 */

import {
  type ActionParams,
  type ActionResponse,
  commerceEventsAction,
} from '@prima-connect/magento-app-builder';
import { type SandboxHarness, startSandboxHarness, TENANT } from '@prima-connect/magento-app-builder/testing';
import type { Sandbox } from '@prima-connect/prima-sandbox';
import type { SimEventDelivery } from '@prima-connect/sim-adobe-commerce';
import { sleep } from './pool.js';

export const COMMERCE_TENANT = TENANT;

export interface CommerceRig {
  h: SandboxHarness;
  /** Places (and invoices) an order; returns its number and the signed events Commerce emitted. */
  placeOrder(opts?: {
    qty?: number;
    firstname?: string;
  }): Promise<{ entityId: number; incrementId: string; events: SimEventDelivery[] }>;
  /** The I/O Events consumer action, called the way I/O Runtime calls a raw-http web action. */
  deliver(e: { body: string; headers: Record<string, string> }): Promise<ActionResponse & { ms: number }>;
  invoke(params: ActionParams): Promise<ActionResponse>;
  drain(limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCommerceRig(sandbox: Sandbox): Promise<CommerceRig> {
  // A sink that accepts every event: the scenario decides when and how often the real consumer gets it.
  const h = await startSandboxHarness({
    sandbox,
    products: [{ sku: 'ETOS-G-080', name: 'Etos G 080', priceMinor: 8999, quantity: 0 }],
    events: 'sink',
    primaTimeoutMs: 3000,
  });
  const action = commerceEventsAction(async () => h.ctx);
  const invoke = (params: ActionParams) => action(params);
  return {
    h,
    invoke,
    async placeOrder(o = {}) {
      const { order, deliveries } = await h.sim.placeOrder({
        items: [{ sku: 'ETOS-G-080', qty: o.qty ?? 1 }],
        invoice: true,
        ...(o.firstname
          ? { customer: { email: 'ada@example.com', firstname: o.firstname, lastname: 'Lovelace' } }
          : {}),
      });
      return { entityId: order.entityId, incrementId: order.incrementId, events: deliveries };
    },
    async deliver(e) {
      const started = performance.now();
      const out = await invoke({
        __ow_method: 'post',
        __ow_headers: e.headers,
        __ow_body: e.body,
        __ow_path: '/events',
      });
      return { ...out, ms: performance.now() - started };
    },
    async drain(limitMs = 120_000) {
      const until = Date.now() + limitMs;
      for (;;) {
        const r = await h.ctx.engine.work('rel-commerce', { limit: 20 });
        if (r.claimed > 0) continue;
        const q = (await h.ctx.engine.metrics(TENANT, { days: 1 })).queue;
        if (q.pending === 0 && q.active === 0) return;
        if (Date.now() > until) throw new Error(`Commerce queue did not drain: ${JSON.stringify(q)}`);
        await sleep(20);
      }
    },
    close: () => h.close(),
  };
}
