/**
 * Stock to the storefront: Prima's available-to-sell (whole catalogue in shards, or a targeted SKU list)
 * -> the stock room's plan (policy, orders not yet in Prima, buffers, diff against the last push, the
 * short-reply guard) -> one storefront push with an idempotency key -> what was pushed is remembered.
 */
import type { StockSyncReport } from '../engine-api.js';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import type { ItemRef, PrimaStockRow } from '../model/index.js';
import { itemKey } from '../model/index.js';
import { type Problem, problem } from '../monitor/problems.js';
import { planStockPush } from '../stock/plan.js';
import { audit, type EngineContext, raiseException, resolveOpen } from './context.js';
import { pendingQuantities } from './held-stock.js';
import { stockPushKey } from './idempotency.js';

/** Exceptions raised per sync at most: a catalogue full of unmapped SKUs must not flood the store. */
const MAX_EXCEPTIONS_PER_SYNC = 200;

const subjectFor = (p: Problem) =>
  p.code === 'unmapped_sku' && typeof p.detail?.sku === 'string' ? `sku:${p.detail.sku}` : 'stock';

export async function syncStock(
  ctx: EngineContext,
  tenantId: string,
  opts: { skus?: string[]; correlationId: string },
): Promise<StockSyncReport> {
  const mode = opts.skus ? 'targeted' : 'full';
  const empty: StockSyncReport = {
    mode,
    primaRows: 0,
    considered: 0,
    changed: 0,
    pushed: 0,
    storefrontCalls: 0,
    problems: [],
    shortReplyGuarded: false,
  };
  const settings = await ctx.store.settings.get(tenantId);
  // Stock sync switched off: the connector never writes stock figures.
  if (!settings?.stock.enabled) return empty;
  const log = ctx.logger.child({ tenantId, correlationId: opts.correlationId, mode });
  const resolver = createSkuResolver(await ctx.store.mappings.list(tenantId), settings.maps.pattern);
  const prima = await ctx.prima(tenantId, settings);
  const storefront = await ctx.storefront(tenantId);

  const catalogue = await ctx.catalogue.variants(tenantId, storefront, {
    maxAgeMs: settings.stock.catalogueRefreshMinutes * 60_000,
    ...(opts.skus ? { mustInclude: opts.skus } : {}),
  });
  let variants = catalogue.variants;
  let reply: PrimaStockRow[] = [];
  if (opts.skus) {
    const wanted = new Set(opts.skus.map((s) => s.trim()));
    variants = variants.filter((v) => wanted.has(v.sku.trim()));
    const items = new Map<string, ItemRef>();
    for (const sku of wanted) {
      const r = resolver.resolve(sku);
      if (!r.ok || r.value.kind === 'non_stock') continue;
      const refs = r.value.kind === 'stock' ? [r.value.item] : r.value.components.map((c) => c.item);
      for (const ref of refs) items.set(itemKey(ref), ref);
    }
    reply = items.size > 0 ? await prima.availableToSellFor([...items.values()]) : [];
  } else if (settings.stock.shards.length > 0) {
    for (const [from, to] of settings.stock.shards)
      reply.push(...(await prima.availableToSell({ from, to })));
  } else {
    reply = await prima.availableToSell();
  }

  const now = ctx.clock.now();
  const plan = planStockPush({
    mode,
    reply,
    variants,
    resolver,
    settings,
    pending: (await pendingQuantities(ctx, tenantId, storefront)).pending,
    lastPushed: await ctx.store.snapshots.all(tenantId),
    lastFullReplyRows: await ctx.store.snapshots.getLastFullReplyRows(tenantId),
    now,
  });

  const problems = [...plan.problems];
  let pushed = 0;
  let calls = 0;
  if (plan.updates.length > 0) {
    const result = await storefront.pushStock(plan.updates, stockPushKey(tenantId, plan.updates));
    calls = result.calls;
    pushed = result.applied;
    const failed = new Set(result.failed.map((f) => `${f.sku}\u0000${f.locationId}`));
    // A refused figure may mean a variant deleted since the catalogue was read: read it again next time.
    if (result.failed.length > 0) ctx.catalogue.invalidate(tenantId);
    const at = now.toISOString();
    await ctx.store.snapshots.putMany(
      tenantId,
      plan.updates
        .filter((u) => !failed.has(`${u.sku}\u0000${u.locationId}`))
        .map((u) => ({
          variantId: u.variantId,
          locationId: u.locationId,
          sku: u.sku,
          quantity: u.quantity,
          pushedAt: at,
        })),
    );
    if (result.failed.length > 0) {
      const sample = result.failed
        .slice(0, 5)
        .map((f) => `${f.sku} (${f.reason})`)
        .join(', ');
      problems.push(
        problem(
          'storefront_api_error',
          `The store refused ${result.failed.length} stock figure(s), e.g. ${sample}.`,
          'Nothing to do if the next stock sync succeeds; the refused figures are sent again then.',
          { failed: result.failed.length },
        ),
      );
    }
  }
  if (mode === 'full' && !plan.guarded) {
    await ctx.store.snapshots.setLastFullReplyRows(tenantId, reply.length, now.toISOString());
    await resolveOpen(ctx, tenantId, 'stock', 'A complete stock sync went through.', ['stock_reply_short']);
  }
  for (const p of problems.slice(0, MAX_EXCEPTIONS_PER_SYNC))
    await raiseException(ctx, tenantId, subjectFor(p), p, opts.correlationId);

  const report: StockSyncReport = {
    mode,
    primaRows: reply.length,
    considered: plan.considered,
    changed: plan.updates.length,
    pushed,
    storefrontCalls: calls,
    problems,
    shortReplyGuarded: plan.guarded,
  };
  await audit(ctx, {
    tenantId,
    action: 'stock.synced',
    subject: 'stock',
    detail: {
      mode,
      primaRows: report.primaRows,
      considered: report.considered,
      changed: report.changed,
      pushed,
      guarded: plan.guarded,
      catalogueRead: catalogue.read,
    },
    correlationId: opts.correlationId,
  });
  log.info(
    {
      primaRows: report.primaRows,
      changed: report.changed,
      pushed,
      calls,
      guarded: plan.guarded,
      catalogueRead: catalogue.read,
    },
    'stock synced',
  );
  return report;
}
