/**
 * The whole catalogue in shards: one ProductAvailableToSell call per product-code range (settings.stock.shards),
 * so no single reply grows to the logged 640 KB, and one failing shard is retried on its own.
 */
import { itemKey, type PrimaStockRow } from '../model/index.js';
import type { PrimaGateway } from '../ports.js';

export interface ShardedStock {
  rows: PrimaStockRow[];
  /** Rows per shard, in shard order: lets the short-reply guard compare like with like. */
  perShard: { from: string; to: string; rows: number }[];
}

/** Calls each range in turn (Prima is one synchronous service); overlapping ranges do not duplicate rows. */
export async function availableToSellSharded(
  gateway: Pick<PrimaGateway, 'availableToSell'>,
  shards: [string, string][],
): Promise<ShardedStock> {
  if (shards.length === 0) {
    const rows = await gateway.availableToSell();
    return { rows, perShard: [{ from: '', to: '', rows: rows.length }] };
  }
  const seen = new Set<string>();
  const rows: PrimaStockRow[] = [];
  const perShard: ShardedStock['perShard'] = [];
  for (const [from, to] of shards) {
    const shardRows = await gateway.availableToSell({ from, to });
    perShard.push({ from, to, rows: shardRows.length });
    for (const row of shardRows) {
      const key = itemKey(row.item);
      if (!seen.has(key)) {
        seen.add(key);
        rows.push(row);
      }
    }
  }
  return { rows, perShard };
}
