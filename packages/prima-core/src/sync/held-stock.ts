/**
 * Units the storefront has sold that Prima does not know about yet (orders received, being posted, or held
 * in exceptions): each stock sync holds them back, or the store would sell them twice. Their quantities
 * are kept on the order link at intake, so a sync reads them from the store, not from the storefront.
 */
import type { Order } from '../model/index.js';
import type { HeldLine, LinkState, StorefrontGateway } from '../ports.js';
import type { EngineContext } from './context.js';

/** Orders the storefront has taken stock for but Prima has not yet. */
export const NOT_YET_IN_PRIMA: LinkState[] = ['received', 'posting', 'exception'];

/** The order's quantities by SKU (summed, SKUs trimmed; lines without a SKU hold nothing back). */
export function heldLinesOf(order: Pick<Order, 'lines'>): HeldLine[] {
  const bySku = new Map<string, number>();
  for (const line of order.lines) {
    const sku = line.sku.trim();
    if (sku) bySku.set(sku, (bySku.get(sku) ?? 0) + line.quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Held quantities by SKU. Links made before quantities were kept on them (no `heldLines`) are read from
 * the storefront once per sync, as before.
 */
export async function pendingQuantities(
  ctx: EngineContext,
  tenantId: string,
  storefront: Pick<StorefrontGateway, 'getOrder'>,
): Promise<{ pending: Map<string, number>; storefrontReads: number }> {
  const pending = new Map<string, number>();
  let storefrontReads = 0;
  const add = (lines: HeldLine[]) => {
    for (const l of lines) pending.set(l.sku, (pending.get(l.sku) ?? 0) + l.quantity);
  };
  for (const state of NOT_YET_IN_PRIMA) {
    for (const link of await ctx.store.links.listByState(tenantId, state, 1000)) {
      if (link.heldLines) {
        add(link.heldLines);
        continue;
      }
      storefrontReads += 1;
      const order = await storefront.getOrder(link.storefrontOrderId);
      if (order && order.cancelledAt === undefined) add(heldLinesOf(order));
    }
  }
  return { pending, storefrontReads };
}
