/**
 * The onboarding engine methods (OnboardingEngine in engine-api.ts): the I/O around the pure rules in
 * this room. Every change is audited; nothing here sends anything to Prima except the connection ping
 * and available-to-sell reads, and only goLive switches posting and stock on.
 */
import { z } from 'zod';
import type { OnboardingEngine } from '../engine-api.js';
import { createSkuResolver } from '../mapping/sku-resolver.js';
import type { SkuMapping } from '../model/mapping.js';
import type { PrimaStockRow, StorefrontVariant } from '../model/stock.js';
import type { StorefrontGateway } from '../ports.js';
import {
  ONBOARDING_STEPS,
  type OnboardingStep,
  parseSettings,
  primaConnectionSchema,
  type Settings,
} from '../settings.js';
import { audit, type EngineContext, nowIso } from '../sync/context.js';
import { actorSchema, tenantIdSchema } from '../sync/inputs.js';
import { pingPrima, testPrimaConnection } from './connection.js';
import { manualMappingInputSchema, onboardingMapsInputSchema } from './inputs.js';
import { levelKey, previewStockPush } from './preview.js';
import { checkStep, emptyProgress, goLiveSettings, onboardingState, withStepDone } from './progress.js';
import { proposeMappings } from './propose.js';

const connectInput = z.object({
  prima: primaConnectionSchema,
  /** Must match Prima's price book VAT setting (E:548 otherwise). */
  vatInclusive: z.boolean(),
});
const stepSchema = z.enum(ONBOARDING_STEPS);
const skusSchema = z.array(z.string().trim().min(1).max(255)).max(100_000);

/** The store's current figures by variant and location, when the platform can tell (readStockLevels). */
async function storeLevels(
  storefront: StorefrontGateway,
  variants: readonly StorefrontVariant[],
): Promise<Map<string, number> | undefined> {
  if (!storefront.readStockLevels) return undefined;
  const byItem = new Map<string, string[]>();
  for (const v of variants) {
    const ids = byItem.get(v.inventoryItemId);
    if (ids) ids.push(v.variantId);
    else byItem.set(v.inventoryItemId, [v.variantId]);
  }
  const levels = new Map<string, number>();
  for (const row of await storefront.readStockLevels([...byItem.keys()])) {
    for (const variantId of byItem.get(row.inventoryItemId) ?? [])
      levels.set(levelKey(variantId, row.locationId), row.quantity);
  }
  return levels;
}

export function createOnboardingMethods(ctx: EngineContext): OnboardingEngine {
  async function settingsOf(tenantId: string): Promise<Settings> {
    const s = await ctx.store.settings.get(tenantIdSchema.parse(tenantId));
    if (!s) throw new Error(`Tenant ${tenantId} has no Prima connection yet: run the connect step first.`);
    return s;
  }

  async function primaCatalogue(tenantId: string, settings: Settings): Promise<PrimaStockRow[]> {
    const prima = await ctx.prima(tenantId, settings);
    if (settings.stock.shards.length === 0) return prima.availableToSell();
    const rows: PrimaStockRow[] = [];
    for (const [from, to] of settings.stock.shards) rows.push(...(await prima.availableToSell({ from, to })));
    return rows;
  }

  /**
   * `reread`: read the store's catalogue afresh (the merchant asked, or may have changed it); otherwise the
   * engine's kept copy serves while it is younger than the tenant's catalogue refresh (a large store's
   * catalogue takes minutes to read, and a wizard page shows the proposals on every load).
   */
  async function proposals(tenantId: string, settings: Settings, reread: boolean) {
    const storefront = await ctx.storefront(tenantId);
    if (reread) ctx.catalogue.invalidate(tenantId);
    const [catalogue, primaRows, existing] = await Promise.all([
      ctx.catalogue.variants(tenantId, storefront, {
        maxAgeMs: settings.stock.catalogueRefreshMinutes * 60_000,
      }),
      primaCatalogue(tenantId, settings),
      ctx.store.mappings.list(tenantId),
    ]);
    const variants = catalogue.variants;
    return {
      variants,
      primaRows,
      result: proposeMappings({
        variants,
        primaRows,
        existing,
        pattern: settings.maps.pattern,
        now: ctx.clock.now(),
      }),
    };
  }

  async function complete(tenantId: string, step: OnboardingStep, by: string) {
    const settings = await ctx.store.settings.get(tenantId);
    const check = checkStep(settings, step);
    if (!check.ok || !settings) {
      return { ok: false as const, missing: check.ok ? [] : check.missing, state: onboardingState(settings) };
    }
    const next = withStepDone(settings, step, by, nowIso(ctx));
    await ctx.store.settings.put(tenantId, next);
    await audit(ctx, {
      tenantId,
      action: 'onboarding.step_done',
      subject: 'onboarding',
      detail: { step },
      actor: by,
    });
    return { ok: true as const, state: onboardingState(next) };
  }

  return {
    async onboardingState(tenantId) {
      return onboardingState(await ctx.store.settings.get(tenantIdSchema.parse(tenantId)));
    },

    async testConnection(tenantId, prima) {
      tenantIdSchema.parse(tenantId);
      if (prima !== undefined) return testPrimaConnection(prima);
      const settings = await settingsOf(tenantId);
      // The saved connection, through the engine's gateway (the host's wiring and the tenant's limits).
      return pingPrima(await ctx.prima(tenantId, settings));
    },

    async connect(tenantId, input, by) {
      tenantIdSchema.parse(tenantId);
      actorSchema.parse(by);
      const checked = connectInput.safeParse(input);
      // Details that are not even a web address get the same plain-words answer as a failed test.
      if (!checked.success) {
        const stored = await ctx.store.settings.get(tenantId);
        return { test: await testPrimaConnection(input.prima), state: onboardingState(stored) };
      }
      const parsed = checked.data;
      const test = await testPrimaConnection(parsed.prima);
      const at = nowIso(ctx);
      const stored = await ctx.store.settings.get(tenantId);
      const lastConnectionTest =
        test.company === undefined ? { at, ok: test.ok } : { at, ok: test.ok, company: test.company };
      let next: Settings | null = stored;
      if (test.ok) {
        const base = stored ?? parseSettings({ prima: parsed.prima });
        next = {
          ...base,
          prima: parsed.prima,
          orders: { ...base.orders, vatInclusive: parsed.vatInclusive },
          onboarding: { ...(base.onboarding ?? emptyProgress()), lastConnectionTest },
        };
        next = withStepDone(next, 'connect', by, at);
      } else if (stored) {
        // A failed test never replaces working details; it is only remembered.
        next = { ...stored, onboarding: { ...(stored.onboarding ?? emptyProgress()), lastConnectionTest } };
      }
      if (next) await ctx.store.settings.put(tenantId, next);
      await audit(ctx, {
        tenantId,
        action: test.ok ? 'onboarding.connected' : 'onboarding.connection_failed',
        subject: 'onboarding',
        detail: {
          url: parsed.prima.url,
          company: parsed.prima.companyId ?? '',
          code: test.problem?.code ?? null,
        },
        actor: by,
      });
      return { test, state: onboardingState(next) };
    },

    async proposeMappings(tenantId, by = 'system', opts) {
      actorSchema.parse(by);
      const settings = await settingsOf(tenantId);
      const { variants, primaRows, result } = await proposals(tenantId, settings, opts?.reread ?? true);
      await audit(ctx, {
        tenantId,
        action: 'onboarding.catalogue_read',
        subject: 'onboarding',
        detail: {
          variants: variants.length,
          primaRows: primaRows.length,
          proposed: result.proposed.length,
          unmapped: result.unmapped.length,
          ambiguous: result.ambiguous.length,
        },
        actor: by,
      });
      // Reading both catalogues is the catalogue step itself.
      if (!settings.onboarding?.steps.catalogue) await complete(tenantId, 'catalogue', by);
      return result;
    },

    async applyProposedMappings(tenantId, skus, by) {
      actorSchema.parse(by);
      const wanted = new Set(skusSchema.parse(skus).map((s) => s.toUpperCase()));
      const settings = await settingsOf(tenantId);
      // Proposals are worked out again here, never taken from the caller: only what the rules propose is
      // stored. From the catalogue copy the merchant was just shown, so what is applied is what they saw.
      const { result } = await proposals(tenantId, settings, false);
      const rows: SkuMapping[] = result.proposed
        .filter((p) => wanted.has(p.sku.toUpperCase()))
        .map((p) => p.mapping);
      if (rows.length > 0) await ctx.store.mappings.upsertMany(tenantId, rows);
      const applied = new Set(rows.map((r) => r.sku.toUpperCase()));
      const skipped = [...wanted].filter((s) => !applied.has(s));
      await audit(ctx, {
        tenantId,
        action: 'onboarding.mappings_applied',
        subject: 'mappings',
        detail: { applied: rows.length, skipped: skipped.length },
        actor: by,
      });
      return { applied: rows.length, skipped };
    },

    async mapSkuInPlace(tenantId, input, by) {
      actorSchema.parse(by);
      const parsed = manualMappingInputSchema.parse(input);
      await settingsOf(tenantId);
      const row: SkuMapping = {
        sku: parsed.sku,
        kind: parsed.kind,
        item: parsed.item,
        source: 'manual',
        updatedAt: nowIso(ctx),
      };
      await ctx.store.mappings.upsertMany(tenantId, [row]);
      await audit(ctx, {
        tenantId,
        action: 'mapping.changed',
        subject: `sku:${parsed.sku}`,
        detail: {
          product: parsed.item.product,
          matrix: parsed.item.matrix.join('/'),
          kind: parsed.kind,
          source: 'manual',
        },
        actor: by,
      });
      return row;
    },

    async storefrontLocations(tenantId) {
      await settingsOf(tenantId);
      return (await ctx.storefront(tenantId)).listLocations();
    },

    async saveOnboardingMaps(tenantId, input, by) {
      actorSchema.parse(by);
      const parsed = onboardingMapsInputSchema.parse(input);
      const settings = await settingsOf(tenantId);
      const maps = {
        ...settings.maps,
        shipping: parsed.shipping,
        payment: parsed.payment,
        locations: parsed.locations,
      };
      if (parsed.pattern) maps.pattern = parsed.pattern;
      const next: Settings = {
        ...settings,
        maps,
        orders: { ...settings.orders, defaultWarehouse: parsed.defaultWarehouse },
      };
      await ctx.store.settings.put(tenantId, next);
      await audit(ctx, {
        tenantId,
        action: 'settings.changed',
        subject: 'onboarding',
        detail: {
          shipping: Object.keys(parsed.shipping).length,
          payment: Object.keys(parsed.payment).length,
          locations: Object.keys(parsed.locations).length,
          defaultWarehouse: parsed.defaultWarehouse,
          pattern: parsed.pattern
            ? `${parsed.pattern.separator} ${parsed.pattern.matrixLevels.join(',')}`
            : null,
        },
        actor: by,
      });
      return complete(tenantId, 'maps', by);
    },

    async previewStockPush(tenantId) {
      const settings = await settingsOf(tenantId);
      const storefront = await ctx.storefront(tenantId);
      // The variant list from the kept copy (as the stock sync itself would use); the figures the store
      // shows now are read fresh below.
      const [{ variants }, reply, mappings, lastPushed, lastFullReplyRows] = await Promise.all([
        ctx.catalogue.variants(tenantId, storefront, {
          maxAgeMs: settings.stock.catalogueRefreshMinutes * 60_000,
        }),
        primaCatalogue(tenantId, settings),
        ctx.store.mappings.list(tenantId),
        ctx.store.snapshots.all(tenantId),
        ctx.store.snapshots.getLastFullReplyRows(tenantId),
      ]);
      const currentLevels = await storeLevels(storefront, variants);
      const preview = previewStockPush({
        ...(currentLevels ? { currentLevels } : {}),
        mode: 'full',
        reply,
        variants,
        resolver: createSkuResolver(mappings, settings.maps.pattern),
        settings,
        // Before go-live posting is off, so no storefront order is waiting for Prima to hold stock back for.
        pending: new Map(),
        lastPushed,
        lastFullReplyRows,
        now: ctx.clock.now(),
      });
      const at = nowIso(ctx);
      await ctx.store.settings.put(tenantId, {
        ...settings,
        onboarding: { ...(settings.onboarding ?? emptyProgress()), previewedAt: at },
      });
      await audit(ctx, {
        tenantId,
        action: 'onboarding.stock_previewed',
        subject: 'stock',
        detail: { ...preview.totals, guarded: preview.guarded, problems: preview.problems.length },
      });
      return preview;
    },

    async completeOnboardingStep(tenantId, step, by) {
      tenantIdSchema.parse(tenantId);
      actorSchema.parse(by);
      const s = stepSchema.parse(step);
      if (s === 'go-live') {
        const settings = await ctx.store.settings.get(tenantId);
        return {
          ok: false,
          missing: ['Use "Switch on" (goLive) to go live.'],
          state: onboardingState(settings),
        };
      }
      return complete(tenantId, s, by);
    },

    async goLive(tenantId, by) {
      tenantIdSchema.parse(tenantId);
      actorSchema.parse(by);
      const settings = await ctx.store.settings.get(tenantId);
      const check = checkStep(settings, 'go-live');
      if (!check.ok || !settings) {
        await audit(ctx, {
          tenantId,
          action: 'onboarding.go_live_refused',
          subject: 'onboarding',
          detail: { missing: check.ok ? 0 : check.missing.length },
          actor: by,
        });
        return { ok: false, missing: check.ok ? [] : check.missing, state: onboardingState(settings) };
      }
      const next = goLiveSettings(settings, by, nowIso(ctx));
      await ctx.store.settings.put(tenantId, next);
      await audit(ctx, {
        tenantId,
        action: 'onboarding.live',
        subject: 'onboarding',
        detail: { postingEnabled: true, stockEnabled: true },
        actor: by,
      });
      return { ok: true, state: onboardingState(next) };
    },
  };
}
