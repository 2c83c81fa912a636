/**
 * Idempotency keys: the same content always gives the same key, whatever order its fields or rows came
 * in, so a replayed stock push (after a crash, or from two overlapping schedules) is recognised by the
 * storefront (Shopify's @idempotent key) instead of applied twice.
 */
import { createHash } from 'node:crypto';
import type { StockUpdate } from '../model/index.js';

/** JSON with object keys sorted at every level: equal values serialise identically. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** Key for one stock push: tenant plus the exact figures, independent of row order. */
export function stockPushKey(tenantId: string, updates: StockUpdate[]): string {
  const rows = updates
    .map((u) => [u.inventoryItemId, u.locationId, u.quantity, u.previousQuantity] as const)
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0));
  return `stock-${stableHash({ tenantId, rows }).slice(0, 40)}`;
}
