/**
 * The first-run setup wizard's loader and action (route app.setup.tsx), over prima-core's OnboardingEngine.
 * Each step is a form with an `intent`; every input goes through zod here and the engine checks again.
 * Nothing here switches posting or stock on except the go-live intent, which the engine refuses until
 * every earlier step is done.
 */
import {
  type ItemRef,
  itemRef,
  type MappingProposals,
  ONBOARDING_STEPS,
  type OnboardingState,
  ProblemError,
  type Settings,
  stepTitle,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ShopifyHost } from './host.server.js';
import { parseMapLines, patternText, paymentMapOf, settingsToForm, shippingMapOf } from './settings-form.js';
import type { SetupData, SetupFix, SetupNotice, SetupStep } from './view-models.js';

/** Enough for the page's SKU filter on a large catalogue, small enough to send in one page load. */
const PREVIEW_ROWS = 5_000;
const PROPOSED_ROWS = 50;

const codes = (item: ItemRef) => [item.product, ...item.matrix.filter((m) => m !== '')].join(' / ');

function fixesOf(p: MappingProposals): SetupFix[] {
  return [
    ...p.ambiguous.map((a) => ({
      sku: a.sku,
      titles: a.titles.join(', '),
      message: a.message,
      candidates: a.candidates.slice(0, 10).map(codes),
      sharedSku: a.reason === 'shared_sku',
    })),
    ...p.unmapped
      .filter((u) => u.reason === 'not_in_prima')
      .map((u) => ({ sku: u.sku, titles: u.title, message: u.message, candidates: [], sharedSku: false })),
  ];
}

function stepsOf(state: OnboardingState): SetupData['steps'] {
  return state.steps.map((s) => ({
    step: s.step,
    label: stepTitle(s.step),
    done: s.done,
    ...(s.at ? { at: s.at } : {}),
    ...(s.by ? { by: s.by } : {}),
  }));
}

/** The maps step's fields: what is saved, else the store's locations with no warehouse yet. */
async function mapsOf(host: ShopifyHost, tenantId: string, settings: Settings) {
  const form = settingsToForm(settings);
  const locations = await host.engine.storefrontLocations(tenantId);
  return {
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      warehouse: settings.maps.locations[l.id] ?? '',
    })),
    shippingMap: form.shippingMap,
    paymentMap: form.paymentMap,
    defaultWarehouse: settings.orders.defaultWarehouse,
    pattern: patternText(settings.maps.pattern),
  };
}

/** A store or Prima that does not answer while the page loads: said in words, the page still shows. */
export function unreachableNotice(error: unknown): SetupNotice {
  if (error instanceof ProblemError)
    return { tone: 'critical', message: error.problem.message, details: [error.problem.action] };
  return {
    tone: 'critical',
    message: 'Prima or Shopify did not answer while this page was loading.',
    details: ['Reload the page in a minute. Your progress is saved.'],
  };
}

export async function setupData(host: ShopifyHost, tenantId: string): Promise<SetupData> {
  const [state, settings] = await Promise.all([
    host.engine.onboardingState(tenantId),
    host.settings(tenantId),
  ]);
  const done = (step: SetupStep) => state.steps.find((s) => s.step === step)?.done === true;
  const data: SetupData = {
    steps: stepsOf(state),
    next: state.next,
    live: state.postingEnabled && state.stockEnabled,
    connect: {
      primaUrl: settings?.prima.url ?? '',
      companyId: settings?.prima.companyId ?? '',
      vatInclusive: settings?.orders.vatInclusive ?? true,
      ...(state.lastConnectionTest ? { lastTestOk: state.lastConnectionTest.ok } : {}),
      ...(state.lastConnectionTest?.company ? { company: state.lastConnectionTest.company } : {}),
    },
  };
  if (!settings || !done('catalogue')) return data;
  try {
    await readStepData(host, tenantId, settings, state, data);
  } catch (error) {
    data.notice = unreachableNotice(error);
  }
  return data;
}

/** What the steps after connecting show: read from the store and Prima, so it can fail. */
async function readStepData(
  host: ShopifyHost,
  tenantId: string,
  settings: Settings,
  state: OnboardingState,
  data: SetupData,
): Promise<void> {
  const done = (step: SetupStep) => state.steps.find((s) => s.step === step)?.done === true;
  // The kept catalogue copy: this runs on every load of the page; "Read both catalogues" reads afresh.
  const p = await host.engine.proposeMappings(tenantId, undefined, { reread: false });
  data.mappings = {
    proposed: p.proposed
      .slice(0, PROPOSED_ROWS)
      .map((r) => ({ sku: r.sku, title: r.title, explanation: r.explanation })),
    proposedCount: p.proposed.length,
    alreadyMapped: p.alreadyMapped.length,
    fixes: fixesOf(p),
    ...(p.suggestedPattern
      ? {
          suggestedPattern: patternText(p.suggestedPattern.pattern),
        }
      : {}),
  };
  if (!done('mappings')) return;
  data.maps = await mapsOf(host, tenantId, settings);
  if (!done('maps')) return;
  // The preview is worked out for its own step only: it reads Prima and the store's current figures.
  if (state.next !== 'preview') return;
  const preview = await host.engine.previewStockPush(tenantId);
  data.preview = {
    ...preview.totals,
    rows: preview.rows.slice(0, PREVIEW_ROWS).map((r) => ({ sku: r.sku, before: r.before, after: r.after })),
  };
}

const checkbox = z
  .enum(['on', 'true', 'false'])
  .optional()
  .transform((v) => v === 'on' || v === 'true');

const connectForm = z.object({
  primaUrl: z.string().trim().max(2000),
  companyId: z.string().trim().max(20).default(''),
  vatInclusive: checkbox,
});

/** "PRODUCT / M1 / M2" or "PRODUCT M1 M2": how merchandisers read Prima items. */
const itemText = z
  .string()
  .trim()
  .min(1, 'Type the Prima product code (and its matrix codes, e.g. “ETOS / G / 080”)')
  .max(200)
  .transform((text, ctx) => {
    const parts = text
      .split(/[\s/]+/)
      .map((p) => p.trim().toUpperCase())
      .filter(Boolean);
    if (parts.length > 5) {
      ctx.addIssue({
        code: 'custom',
        message: 'A Prima item has a product code and at most four matrix codes',
      });
      return z.NEVER;
    }
    const [product = '', ...matrix] = parts;
    return itemRef(product, ...matrix);
  });

const intents = z.discriminatedUnion('intent', [
  connectForm.extend({ intent: z.literal('test') }),
  connectForm.extend({ intent: z.literal('connect') }),
  z.object({ intent: z.literal('read-catalogues') }),
  z.object({ intent: z.literal('apply-proposals') }),
  z.object({
    intent: z.literal('map-sku'),
    sku: z.string().trim().min(1).max(255),
    item: itemText,
    nonStock: checkbox,
  }),
  z.object({ intent: z.literal('mappings-done') }),
  z.object({
    intent: z.literal('save-maps'),
    shippingMap: z.string().max(20_000).default(''),
    paymentMap: z.string().max(20_000).default(''),
    defaultWarehouse: z.string().trim().max(20).default(''),
    pattern: z.string().trim().max(20).default(''),
  }),
  z.object({ intent: z.literal('preview-done') }),
  z.object({ intent: z.literal('go-live') }),
]);

const missingNotice = (message: string, missing: string[] | undefined): SetupNotice => ({
  tone: 'critical',
  message,
  details: missing ?? [],
});

/** "- 1,2" -> {separator: "-", matrixLevels: [1, 2]}; empty -> no rule. */
function parsePattern(text: string): { separator: string; matrixLevels: number[] } | undefined | string {
  if (text === '') return undefined;
  const m = /^(\S{1,3})\s+([1-4](?:\s*,\s*[1-4]){0,3})$/.exec(text);
  if (!m?.[1] || !m[2]) return 'Write the SKU rule as the separator and the matrix levels, e.g. “- 1,2”.';
  return { separator: m[1], matrixLevels: m[2].split(',').map((n) => Number(n.trim())) };
}

export async function setupAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
  staff: string,
): Promise<SetupNotice> {
  try {
    return await runSetupAction(host, tenantId, form, staff);
  } catch (error) {
    return unreachableNotice(error);
  }
}

async function runSetupAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
  staff: string,
): Promise<SetupNotice> {
  const fields: Record<string, unknown> = Object.fromEntries(form);
  // Location rows arrive as location:<id> = warehouse.
  const locations: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith('location:') && typeof v === 'string' && v.trim() !== '')
      locations[k.slice('location:'.length)] = v.trim().toUpperCase();
  const parsed = intents.safeParse(fields);
  if (!parsed.success)
    return { tone: 'critical', message: parsed.error.issues[0]?.message ?? 'Check the form' };
  const f = parsed.data;
  switch (f.intent) {
    case 'test':
    case 'connect': {
      const prima = { url: f.primaUrl, ...(f.companyId ? { companyId: f.companyId } : {}) };
      const test =
        f.intent === 'test'
          ? await host.engine.testConnection(tenantId, { ...prima, timeoutMs: 10_000 })
          : (
              await host.engine.connect(
                tenantId,
                { prima: { ...prima, timeoutMs: 30_000 }, vatInclusive: f.vatInclusive },
                staff,
              )
            ).test;
      if (!test.ok)
        return {
          tone: 'critical',
          message: test.problem?.message ?? 'Prima did not answer.',
          details: test.problem?.action ? [test.problem.action] : [],
        };
      const who = test.company ? ` (company ${test.company})` : '';
      return f.intent === 'test'
        ? { tone: 'success', message: `Prima answered${who}. Save to continue.` }
        : { tone: 'success', message: `Connected to Prima${who}. Next: read both catalogues.` };
    }
    case 'read-catalogues': {
      const p = await host.engine.proposeMappings(tenantId, staff);
      return {
        tone: 'success',
        message: `Read both catalogues: ${p.proposed.length} products can be matched, ${fixesOf(p).length} need you.`,
      };
    }
    case 'apply-proposals': {
      const p = await host.engine.proposeMappings(tenantId, staff, { reread: false });
      const r = await host.engine.applyProposedMappings(
        tenantId,
        p.proposed.map((x) => x.sku),
        staff,
      );
      return { tone: 'success', message: `${r.applied} product matches saved.` };
    }
    case 'map-sku': {
      await host.engine.mapSkuInPlace(
        tenantId,
        { sku: f.sku, item: f.item, kind: f.nonStock ? 'non_stock' : 'stock' },
        staff,
      );
      return { tone: 'success', message: `${f.sku} is now mapped to Prima item ${codes(f.item)}.` };
    }
    case 'mappings-done': {
      const r = await host.engine.completeOnboardingStep(tenantId, 'mappings', staff);
      return r.ok
        ? { tone: 'success', message: 'Products done. Next: shipping, payment and locations.' }
        : missingNotice('Not yet:', r.missing);
    }
    case 'save-maps': {
      const shipping = parseMapLines(f.shippingMap, 'Shipping methods');
      const payment = parseMapLines(f.paymentMap, 'Payment methods');
      const pattern = parsePattern(f.pattern);
      const errors = [
        ...shipping.errors,
        ...payment.errors,
        ...(typeof pattern === 'string' ? [pattern] : []),
      ];
      if (errors.length > 0) return missingNotice('Check these lines:', errors);
      const r = await host.engine.saveOnboardingMaps(
        tenantId,
        {
          shipping: shippingMapOf(shipping.map),
          payment: paymentMapOf(payment.map),
          locations,
          defaultWarehouse: f.defaultWarehouse.toUpperCase(),
          ...(pattern && typeof pattern !== 'string' ? { pattern } : {}),
        },
        staff,
      );
      return r.ok
        ? { tone: 'success', message: 'Saved. Next: preview the first stock push.' }
        : missingNotice('Saved, but this step is not finished:', r.missing);
    }
    case 'preview-done': {
      const r = await host.engine.completeOnboardingStep(tenantId, 'preview', staff);
      return r.ok
        ? { tone: 'success', message: 'Preview checked. Last step: switch on.' }
        : missingNotice('Not yet:', r.missing);
    }
    case 'go-live': {
      const r = await host.engine.goLive(tenantId, staff);
      return r.ok
        ? {
            tone: 'success',
            message:
              'Prima Connect is on: paid orders now go to Prima and Prima stock updates Shopify on schedule.',
          }
        : missingNotice('Cannot switch on yet:', r.missing);
    }
  }
}

/** The wizard's step order, for the view (prima-core's list, so the two cannot drift). */
export const SETUP_STEPS: readonly SetupStep[] = ONBOARDING_STEPS;
