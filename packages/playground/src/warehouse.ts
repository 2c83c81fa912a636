/**
 * The sandbox "warehouse": what Prima's pickers do over time. An order is released to the warehouse a
 * while after it arrives (the cut-off: after this a storefront cancellation becomes a person's job), and
 * dispatched with a carrier and tracking number a while after that.
 */
import type { SandboxState } from '@prima-connect/prima-sandbox';

export interface WarehouseTiming {
  releaseAfterMs: number;
  dispatchAfterMs: number;
}

export const DEFAULT_WAREHOUSE_TIMING: WarehouseTiming = { releaseAfterMs: 20_000, dispatchAfterMs: 35_000 };

/** Tracking numbers look like a carrier's: DPD and 10 digits, derived from the order so reruns match. */
export function trackingFor(orderNumber: string): string {
  let h = 0;
  for (const ch of orderNumber) h = (h * 31 + ch.charCodeAt(0)) % 9_999_999_967;
  return `DPD${String(h).padStart(10, '0')}`;
}

export function warehouseRound(
  state: SandboxState,
  nowMs: number,
  timing: WarehouseTiming,
): { released: number; dispatched: number } {
  let released = 0;
  let dispatched = 0;
  for (const order of state.orders.values()) {
    const age = nowMs - Date.parse(order.createdAt);
    if ((order.status === 'Entered' || order.status === 'Allocated') && age >= timing.releaseAfterMs) {
      state.release(order.orderNumber);
      released += 1;
    }
    if (
      (order.status === 'Released' || order.status === 'Part Despatched') &&
      age >= timing.dispatchAfterMs
    ) {
      const tracking = trackingFor(order.orderNumber);
      state.dispatch(order.orderNumber, {
        carrier: 'DPD',
        service: 'Next Day',
        trackingNumber: tracking,
        trackingUrl: `https://track.example/dpd/${tracking}`,
      });
      dispatched += 1;
    }
  }
  return { released, dispatched };
}
