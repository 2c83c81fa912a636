import {
  alertSettingsSchema,
  applyProposalsInputSchema,
  type LinkState,
  manualMappingInputSchema,
  ONBOARDING_STEPS,
  type OnboardingEngine,
  onboardingMapsInputSchema,
  type SkuMapping,
  sendTestAlert,
  settingsSchema,
  skuMappingSchema,
  testAlert,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ActionContext, ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, problemResponse, rawBody } from './http.js';

/**
 * Web action behind the admin screens (require-adobe-auth: Runtime checks the admin's IMS token before
 * we run). Raw-http, routed on `__ow_path`:
 *   GET  /dashboard                 figures + latest orders
 *   GET  /orders?state=             order links            GET /orders/{id}   one order's Prima view
 *   POST /orders/{id}/repost        re-post (never a second Prima order)
 *   GET  /mappings   PUT /mappings {rows}   DELETE /mappings/{sku}
 *   GET  /exceptions?status=        POST /exceptions/{id}/retry   POST /exceptions/{id}/resolve {note}
 *   GET  /settings   PUT /settings {settings}
 *   POST /alerts/test {alerts}      a harmless alert through each channel as typed; per channel, in words
 *   GET  /reconciliation?days=30    kept daily reconciliation reports (newest first) and the same as CSV
 *   GET  /onboarding                first-run wizard progress    POST /onboarding/test-connection {prima?}
 *   POST /onboarding/connect {prima, vatInclusive}   POST /onboarding/propose   POST /onboarding/apply {skus}
 *   POST /onboarding/map-sku {sku, item: {product, matrix[]}, kind?}   (an unmapped/ambiguous SKU fixed in place)
 *   GET  /onboarding/locations      the store's stock locations (MSI sources), for the maps step
 *   POST /onboarding/maps {shipping, payment, locations, defaultWarehouse, pattern?}
 *   GET  /onboarding/stock-preview  POST /onboarding/steps/{step}/complete   POST /onboarding/go-live
 * Every body is validated with zod before it reaches the engine or the store.
 */
const linkStates = ['received', 'posting', 'posted', 'exception', 'cancelled'] as const;
const putMappingsBody = z.object({ rows: z.array(skuMappingSchema).max(5000) });
const resolveBody = z.object({ note: z.string().trim().min(1).max(500) });
const putSettingsBody = z.object({ settings: settingsSchema });
const testAlertBody = z.object({ alerts: alertSettingsSchema });
const primaInput = z.object({
  url: z.string().url(),
  companyId: z.string().max(20).optional(),
  timeoutMs: z.number().int().min(100).max(300_000).optional(),
});
const testConnectionBody = z.object({ prima: primaInput.optional() }).default({});
const connectBody = z.object({ prima: primaInput, vatInclusive: z.boolean() });
const applyBody = applyProposalsInputSchema;
const stepParam = z.enum(ONBOARDING_STEPS);
// The engine's own input schemas: what this API accepts is exactly what the engine takes.
const mapsBody = onboardingMapsInputSchema;
const mapSkuBody = manualMappingInputSchema;
/** The wizard's engine calls; a context without them (a test stand-in) answers 501. */
const onboarding = (ctx: ActionContext): OnboardingEngine => {
  if (!ctx.onboarding) throw new NoOnboarding();
  return ctx.onboarding;
};
class NoOnboarding extends Error {}
const reportDays = z.coerce.number().int().min(1).max(90).default(30);
const actorOf = (params: ActionParams) =>
  params.__ow_headers?.['x-prima-actor']?.slice(0, 80) || 'commerce-admin';

type Route = (
  ctx: ActionContext,
  m: string[],
  query: URLSearchParams,
  body: unknown,
  params: ActionParams,
) => Promise<ActionResponse>;

const routes: [string, RegExp, Route][] = [
  [
    'GET',
    /^\/dashboard$/,
    async (ctx) => {
      const [metrics, recent, open] = await Promise.all([
        ctx.engine.metrics(ctx.tenantId, { days: 14 }),
        ctx.engine.listOrders(ctx.tenantId, { limit: 20 }),
        ctx.store.exceptions.list(ctx.tenantId, { status: 'open', limit: 5 }),
      ]);
      return json(200, { metrics, recent, openExceptions: open });
    },
  ],
  [
    'GET',
    /^\/orders$/,
    async (ctx, _m, q) => {
      const state = z
        .enum(linkStates)
        .optional()
        .parse(q.get('state') ?? undefined) as LinkState | undefined;
      return json(200, {
        orders: await ctx.engine.listOrders(ctx.tenantId, { ...(state ? { state } : {}), limit: 200 }),
      });
    },
  ],
  [
    'GET',
    /^\/orders\/([^/]+)$/,
    async (ctx, m) => json(200, await ctx.engine.orderView(ctx.tenantId, m[1] ?? '')),
  ],
  [
    'POST',
    /^\/orders\/([^/]+)\/repost$/,
    async (ctx, m, _q, _b, p) => json(200, await ctx.engine.repost(ctx.tenantId, m[1] ?? '', actorOf(p))),
  ],
  ['GET', /^\/mappings$/, async (ctx) => json(200, { rows: await ctx.store.mappings.list(ctx.tenantId) })],
  [
    'PUT',
    /^\/mappings$/,
    async (ctx, _m, _q, body) => {
      const { rows } = putMappingsBody.parse(body);
      await ctx.store.mappings.upsertMany(ctx.tenantId, rows as SkuMapping[]);
      return json(200, { saved: rows.length });
    },
  ],
  [
    'DELETE',
    /^\/mappings\/([^/]+)$/,
    async (ctx, m) => {
      await ctx.store.mappings.delete(ctx.tenantId, decodeURIComponent(m[1] ?? ''));
      return json(200, { deleted: true });
    },
  ],
  [
    'GET',
    /^\/exceptions$/,
    async (ctx, _m, q) => {
      const status = z
        .enum(['open', 'resolved'])
        .optional()
        .parse(q.get('status') ?? undefined);
      return json(200, {
        exceptions: await ctx.store.exceptions.list(ctx.tenantId, {
          ...(status ? { status } : {}),
          limit: 200,
        }),
      });
    },
  ],
  [
    'POST',
    /^\/exceptions\/([^/]+)\/retry$/,
    async (ctx, m, _q, _b, p) => {
      const ex = await ctx.engine.retryException(ctx.tenantId, m[1] ?? '', actorOf(p));
      return ex ? json(200, ex) : json(404, { error: 'no such exception' });
    },
  ],
  [
    'POST',
    /^\/exceptions\/([^/]+)\/resolve$/,
    async (ctx, m, _q, body, p) => {
      const ex = await ctx.engine.resolveException(
        ctx.tenantId,
        m[1] ?? '',
        actorOf(p),
        resolveBody.parse(body).note,
      );
      return ex ? json(200, ex) : json(404, { error: 'no such exception' });
    },
  ],
  [
    'GET',
    /^\/reconciliation$/,
    async (ctx, _m, q) =>
      json(
        200,
        await ctx.engine.reconciliationReport(ctx.tenantId, reportDays.parse(q.get('days') ?? undefined)),
      ),
  ],
  ['GET', /^\/onboarding$/, async (ctx) => json(200, await onboarding(ctx).onboardingState(ctx.tenantId))],
  [
    'POST',
    /^\/onboarding\/test-connection$/,
    async (ctx, _m, _q, body) => {
      const { prima } = testConnectionBody.parse(body ?? {});
      return json(200, await onboarding(ctx).testConnection(ctx.tenantId, prima));
    },
  ],
  [
    'POST',
    /^\/onboarding\/connect$/,
    async (ctx, _m, _q, body, p) =>
      json(200, await onboarding(ctx).connect(ctx.tenantId, connectBody.parse(body), actorOf(p))),
  ],
  [
    'POST',
    /^\/onboarding\/propose$/,
    async (ctx, _m, _q, _b, p) => json(200, await onboarding(ctx).proposeMappings(ctx.tenantId, actorOf(p))),
  ],
  [
    'POST',
    /^\/onboarding\/apply$/,
    async (ctx, _m, _q, body, p) =>
      json(
        200,
        await onboarding(ctx).applyProposedMappings(ctx.tenantId, applyBody.parse(body).skus, actorOf(p)),
      ),
  ],
  [
    'POST',
    /^\/onboarding\/map-sku$/,
    async (ctx, _m, _q, body, p) => {
      const { sku, item, kind } = mapSkuBody.parse(body);
      return json(
        200,
        await onboarding(ctx).mapSkuInPlace(
          ctx.tenantId,
          { sku, item, ...(kind ? { kind } : {}) },
          actorOf(p),
        ),
      );
    },
  ],
  [
    'GET',
    /^\/onboarding\/locations$/,
    async (ctx) => json(200, { locations: await onboarding(ctx).storefrontLocations(ctx.tenantId) }),
  ],
  [
    'POST',
    /^\/onboarding\/maps$/,
    async (ctx, _m, _q, body, p) => {
      const { pattern, ...input } = mapsBody.parse(body);
      const result = await onboarding(ctx).saveOnboardingMaps(
        ctx.tenantId,
        { ...input, ...(pattern ? { pattern } : {}) },
        actorOf(p),
      );
      // Saved either way; 409 says the step is not complete yet (result.missing says why, in words).
      return json(result.ok ? 200 : 409, result);
    },
  ],
  [
    'GET',
    /^\/onboarding\/stock-preview$/,
    async (ctx) => json(200, await onboarding(ctx).previewStockPush(ctx.tenantId)),
  ],
  [
    'POST',
    /^\/onboarding\/steps\/([^/]+)\/complete$/,
    async (ctx, m, _q, _b, p) =>
      json(
        200,
        await onboarding(ctx).completeOnboardingStep(ctx.tenantId, stepParam.parse(m[1]), actorOf(p)),
      ),
  ],
  [
    'POST',
    /^\/onboarding\/go-live$/,
    async (ctx, _m, _q, _b, p) => {
      const result = await onboarding(ctx).goLive(ctx.tenantId, actorOf(p));
      return json(result.ok ? 200 : 409, result);
    },
  ],
  ['GET', /^\/settings$/, async (ctx) => json(200, { settings: await ctx.store.settings.get(ctx.tenantId) })],
  [
    'POST',
    /^\/alerts\/test$/,
    async (ctx, _m, _q, body) => {
      const { alerts } = testAlertBody.parse(body);
      const settings = await ctx.store.settings.get(ctx.tenantId);
      if (!settings) return json(409, { error: 'Save the Prima settings first, then send a test alert.' });
      if (!ctx.alerts) return json(501, { error: 'alerts are not available here' });
      const shop = (await ctx.store.tenants.get(ctx.tenantId))?.shop ?? ctx.tenantId;
      // The deployed handbook when known; else the tenant's own setting as it is.
      const handbook = ctx.handbookUrl ?? settings.alerts.handbookUrl;
      const alert = testAlert(ctx.tenantId, shop, handbook, ctx.clock.now());
      const results = await sendTestAlert(ctx.alerts, ctx.tenantId, { ...settings, alerts }, alert);
      return json(200, { results });
    },
  ],
  [
    'PUT',
    /^\/settings$/,
    async (ctx, _m, _q, body, p) => {
      const { settings } = putSettingsBody.parse(body);
      await ctx.store.settings.put(ctx.tenantId, settings);
      await ctx.store.audit.append({
        tenantId: ctx.tenantId,
        at: ctx.clock.now().toISOString(),
        actor: actorOf(p),
        action: 'settings.changed',
        subject: 'settings',
        detail: {},
      });
      return json(200, { settings });
    },
  ],
];

export function adminApiAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    const method = (params.__ow_method ?? 'get').toUpperCase();
    const path = (params.__ow_path ?? '/').replace(/\/+$/, '') || '/';
    const query = new URLSearchParams(params.__ow_query ?? '');
    const hit = routes
      .map(([m, re, fn]) => [m, re.exec(path), fn] as const)
      .find(([m, match]) => m === method && match);
    if (!hit) return json(404, { error: `no route ${method} ${path}` });
    let body: unknown;
    const text = rawBody(params);
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return json(400, { error: 'body is not JSON' });
      }
    }
    const ctx = await makeContext(params);
    try {
      return await hit[2](ctx, [...(hit[1] ?? [])], query, body, params);
    } catch (error) {
      if (error instanceof z.ZodError)
        return json(400, {
          error: 'invalid input',
          // prima-core words the alert fields for merchants: no field path in front of those.
          issues: error.issues.map((i) => ({
            path: i.path.includes('alerts') ? '' : i.path.join('.'),
            message: i.message,
          })),
        });
      if (error instanceof NoOnboarding) return json(501, { error: 'onboarding is not available here' });
      ctx.logger.error({ error: String(error), path }, 'admin api failed');
      return problemResponse(error);
    }
  };
}
