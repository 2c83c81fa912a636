/**
 * The API the WordPress plugin relays to (its PHP routes add the shop's key; the browser never sees it).
 * Every route is authenticated by the shop's API key, and the tenant is the key's tenant: nothing in a
 * URL or body can reach another shop's data. Every body and query is validated with zod.
 */
import {
  type AlertersFromEnvResult,
  alertSettingsSchema,
  type Clock,
  type Engine,
  exportMappingsCsv,
  importMappingsCsv,
  type PrimaGateway,
  resolveByPattern,
  type SkuMapping,
  type Store,
  sendTestAlert,
  settingsSchema,
  skuMappingSchema,
  testAlert,
} from '@prima-connect/prima-core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StoreAccount } from '../accounts/account-repo.js';
import type { Accounts } from '../accounts/accounts.js';
import { handbookExceptionsUrl } from '../handbook.js';
import { pollMissedOrders } from '../jobs/poller.js';
import { HANDLED_TOPICS } from '../webhooks/events.js';
import { WooRestClient } from '../woocommerce/rest-client.js';

export interface AdminDeps {
  accounts: Accounts;
  engine: Engine;
  store: Store;
  clock: Clock;
  /** The connector's public base URL: webhooks are delivered to `${publicUrl}/webhooks/woocommerce/<tenant>`. */
  publicUrl: string;
  /** The tenant's Prima gateway for the connection test, built from its settings; null when not configured. */
  primaFor(tenantId: string): Promise<PrimaGateway | null>;
  fetch?: typeof fetch;
  /** Where alerts go (the host's mail server, the tenant's settings): the test-alert route uses it. */
  alerts?: AlertersFromEnvResult;
}

declare module 'fastify' {
  interface FastifyRequest {
    account?: StoreAccount;
  }
}

const linkStates = ['received', 'posting', 'posted', 'exception', 'cancelled'] as const;
const orderId = z.object({ id: z.string().regex(/^\d{1,20}$/) });
const exceptionId = z.object({ id: z.string().min(1).max(100) });
const actorHeader = z.string().trim().min(1).max(100).catch('wordpress');

function bad(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'invalid_request',
    // prima-core words the alert fields for merchants: those messages are shown as they are.
    message: error.issues
      .map((i) => (i.path[0] === 'alerts' ? i.message : `${i.path.join('.') || 'body'}: ${i.message}`))
      .join('; '),
  });
}

function tenant(req: FastifyRequest): string {
  if (!req.account) throw new Error('unauthenticated request reached a handler');
  return req.account.tenantId;
}

function actor(req: FastifyRequest): string {
  return actorHeader.parse(req.headers['x-prima-user']);
}

export async function adminRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const account = await deps.accounts.authenticate(key);
    if (!account)
      return reply
        .code(401)
        .send({ error: 'unauthorized', message: 'The store API key is missing or wrong.' });
    req.account = account;
  });

  // ------------------------------------------------------------ store and connection
  app.get('/v1/store', async (req) => {
    const a = req.account!;
    return {
      tenantId: a.tenantId,
      siteUrl: a.siteUrl,
      wooKeySaved: !!a.wooKeySealed,
      lastWebhookAt: a.lastWebhookAt ?? null,
      lastPollAt: a.lastPollAt ?? null,
    };
  });

  const credentialsBody = z.object({
    siteUrl: z.string().url().optional(),
    consumerKey: z.string().regex(/^ck_[A-Za-z0-9_]{8,}$/),
    consumerSecret: z.string().regex(/^cs_[A-Za-z0-9_]{8,}$/),
  });
  app.put('/v1/woocommerce/credentials', async (req, reply) => {
    const body = credentialsBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const siteUrl = body.data.siteUrl ?? req.account!.siteUrl;
    // Prove the key works before keeping it, so a typo is caught on the Settings screen, not at the first order.
    const client = new WooRestClient({ siteUrl, ...body.data }, deps.fetch ? { fetch: deps.fetch } : {});
    try {
      await client.request('GET', '/system_status', z.unknown());
    } catch (err) {
      return reply.code(422).send({ error: 'woocommerce_refused', problem: problemOf(err) });
    }
    await deps.accounts.setWooCredentials(tenant(req), { ...body.data, siteUrl });
    await audit(deps, req, 'woocommerce.credentials_saved', 'store', {});
    return { ok: true };
  });

  const webhookBody = z.object({ rotate: z.boolean().default(false) }).default({ rotate: false });
  app.post('/v1/webhooks/config', async (req, reply) => {
    const body = webhookBody.safeParse(req.body ?? {});
    if (!body.success) return bad(reply, body.error);
    const secret = body.data.rotate
      ? await deps.accounts.rotateWebhookSecret(tenant(req))
      : deps.accounts.webhookSecret(req.account!);
    return {
      deliveryUrl: `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/woocommerce/${tenant(req)}`,
      secret,
      topics: HANDLED_TOPICS,
    };
  });

  app.post('/v1/connection-test', async (req) => {
    const t = tenant(req);
    const prima = await deps.primaFor(t);
    const primaResult = prima
      ? await prima.ping().catch((err: unknown) => ({ ok: false as const, problem: problemOf(err) }))
      : {
          ok: false as const,
          problem: notConfigured('Prima', 'Enter the Prima web service address in Settings and save.'),
        };
    const gw = await deps.accounts.gatewayFor(t);
    let woo: { ok: true } | { ok: false; problem: unknown };
    if (!gw)
      woo = {
        ok: false,
        problem: notConfigured(
          'WooCommerce REST API key',
          'Save a WooCommerce REST API key (Read/Write) in Settings.',
        ),
      };
    else {
      try {
        await gw.client.request('GET', '/system_status', z.unknown());
        woo = { ok: true };
      } catch (err) {
        woo = { ok: false, problem: problemOf(err) };
      }
    }
    return { prima: primaResult, woocommerce: woo };
  });

  app.delete('/v1/store', async (req) => {
    const t = tenant(req);
    await deps.engine.forgetTenant(t);
    await deps.accounts.remove(t);
    return { ok: true };
  });

  // ------------------------------------------------------------ settings
  app.get('/v1/settings', async (req) => ({ settings: await deps.store.settings.get(tenant(req)) }));

  app.put('/v1/settings', async (req, reply) => {
    const body = settingsSchema.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    await deps.store.settings.put(tenant(req), body.data);
    await audit(deps, req, 'settings.changed', 'settings', {});
    return { settings: body.data };
  });

  // Sends a harmless alert through the channels in the body (as typed on Settings, not yet saved) and says,
  // per channel, whether it went out.
  app.post('/v1/alerts/test', async (req, reply) => {
    const t = tenant(req);
    const body = z.object({ alerts: alertSettingsSchema }).safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const settings = await deps.store.settings.get(t);
    if (!settings)
      return reply.code(409).send({
        error: 'not_configured',
        message: 'Save the Prima settings first, then send a test alert.',
      });
    if (!deps.alerts) return reply.code(501).send({ error: 'not_available' });
    const shop = (await deps.store.tenants.get(t))?.shop ?? t;
    const alert = testAlert(t, shop, handbookExceptionsUrl(deps.publicUrl), deps.clock.now());
    const results = await sendTestAlert(deps.alerts, t, { ...settings, alerts: body.data.alerts }, alert);
    return { results };
  });

  // ------------------------------------------------------------ dashboard, orders
  app.get('/v1/dashboard', async (req) => {
    const t = tenant(req);
    const q = z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }).safeParse(req.query);
    const metrics = await deps.engine.metrics(t, { days: q.success ? q.data.days : 14 });
    return {
      metrics,
      lastWebhookAt: req.account!.lastWebhookAt ?? null,
      lastPollAt: req.account!.lastPollAt ?? null,
    };
  });

  // The daily reconciliation reports the poller's finance round kept (newest day first) and the same as CSV.
  const reconciliationQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });
  app.get('/v1/reconciliation', async (req, reply) => {
    const q = reconciliationQuery.safeParse(req.query);
    if (!q.success) return bad(reply, q.error);
    return deps.engine.reconciliationReport(tenant(req), q.data.days);
  });

  app.get('/v1/orders', async (req, reply) => {
    const q = z
      .object({
        state: z.enum(linkStates).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .safeParse(req.query);
    if (!q.success) return bad(reply, q.error);
    return { orders: await deps.engine.listOrders(tenant(req), q.data) };
  });

  app.get('/v1/orders/:id', async (req, reply) => {
    const p = orderId.safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    return deps.engine.orderView(tenant(req), p.data.id);
  });

  app.post('/v1/orders/:id/repost', async (req, reply) => {
    const p = orderId.safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    return deps.engine.repost(tenant(req), p.data.id, actor(req));
  });

  // ------------------------------------------------------------ exceptions
  app.get('/v1/exceptions', async (req, reply) => {
    const q = z
      .object({
        status: z.enum(['open', 'resolved']).default('open'),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      })
      .safeParse(req.query);
    if (!q.success) return bad(reply, q.error);
    return { exceptions: await deps.store.exceptions.list(tenant(req), q.data) };
  });

  app.post('/v1/exceptions/:id/retry', async (req, reply) => {
    const p = exceptionId.safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    const rec = await deps.engine.retryException(tenant(req), p.data.id, actor(req));
    return rec ? { exception: rec } : reply.code(404).send({ error: 'not_found' });
  });

  const resolveBody = z.object({ note: z.string().trim().min(1).max(1000) });
  app.post('/v1/exceptions/:id/resolve', async (req, reply) => {
    const p = exceptionId.safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    const body = resolveBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const rec = await deps.engine.resolveException(tenant(req), p.data.id, actor(req), body.data.note);
    return rec ? { exception: rec } : reply.code(404).send({ error: 'not_found' });
  });

  // ------------------------------------------------------------ mappings
  app.get('/v1/mappings', async (req, reply) => {
    const t = tenant(req);
    const gw = await deps.accounts.gatewayFor(t);
    if (!gw)
      return reply
        .code(409)
        .send({ error: 'not_connected', message: 'Save a WooCommerce REST API key first.' });
    const [table, settings] = await Promise.all([deps.store.mappings.list(t), deps.store.settings.get(t)]);
    const bySku = new Map(table.map((m) => [m.sku, m]));
    const pattern = settings?.maps.pattern;
    const rows = [];
    const skuCount = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await gw.listVariants(cursor);
      for (const v of page.items) {
        skuCount.set(v.sku, (skuCount.get(v.sku) ?? 0) + 1);
        const explicit = bySku.get(v.sku);
        const byPattern = !explicit && pattern && v.sku ? resolveByPattern(v.sku, pattern) : null;
        rows.push({
          ...v,
          mapping: explicit ?? null,
          patternItem: byPattern,
          status: explicit ? 'mapped' : byPattern ? 'pattern' : 'unmapped',
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    const withIssues = rows.map((r) => ({
      ...r,
      status: !r.sku || (skuCount.get(r.sku) ?? 0) > 1 ? 'shared_or_missing_sku' : r.status,
    }));
    // Unmapped (and unusable) first: that is the merchandiser's to-do list.
    const rank = (s: string) =>
      s === 'shared_or_missing_sku' ? 0 : s === 'unmapped' ? 1 : s === 'pattern' ? 2 : 3;
    withIssues.sort((a, b) => rank(a.status) - rank(b.status) || a.sku.localeCompare(b.sku));
    return { rows: withIssues };
  });

  const upsertBody = z.object({ rows: z.array(z.looseObject({})).min(1).max(5000) });
  app.put('/v1/mappings', async (req, reply) => {
    const body = upsertBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const now = deps.clock.now().toISOString();
    // The shared row schema (with its bundle/item rules) decides; the screen may omit source and time.
    const rows = z
      .array(skuMappingSchema)
      .safeParse(body.data.rows.map((r) => ({ source: 'manual', ...r, updatedAt: now })));
    if (!rows.success) return bad(reply, rows.error);
    const clean = rows.data as SkuMapping[];
    await deps.store.mappings.upsertMany(tenant(req), clean);
    await audit(deps, req, 'mapping.saved', 'mappings', { rows: clean.length });
    return { saved: clean.length };
  });

  app.delete('/v1/mappings/:sku', async (req, reply) => {
    const p = z.object({ sku: z.string().min(1).max(200) }).safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    await deps.store.mappings.delete(tenant(req), p.data.sku);
    return { deleted: p.data.sku };
  });

  app.get('/v1/mappings/export', async (req, reply) => {
    const csv = exportMappingsCsv(await deps.store.mappings.list(tenant(req)));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="prima-mappings.csv"')
      .send(csv);
  });

  const importBody = z.object({ csv: z.string().min(1).max(5_000_000), dryRun: z.boolean().default(false) });
  app.post('/v1/mappings/import', async (req, reply) => {
    const body = importBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const result = importMappingsCsv(body.data.csv, { now: deps.clock.now().toISOString() });
    // All or nothing: a file with errors changes nothing, so the merchandiser fixes and re-imports it whole.
    if (!body.data.dryRun && result.errors.length === 0) {
      await deps.store.mappings.upsertMany(tenant(req), result.rows);
      await audit(deps, req, 'mapping.imported', 'mappings', { rows: result.rows.length });
    }
    return {
      imported: body.data.dryRun || result.errors.length > 0 ? 0 : result.rows.length,
      valid: result.rows.length,
      errors: result.errors,
    };
  });

  // ------------------------------------------------------------ stock and catch-up
  app.post('/v1/stock/sync', async (req, reply) => {
    const body = z
      .object({ skus: z.array(z.string().min(1)).max(1000).optional() })
      .default({})
      .safeParse(req.body ?? {});
    if (!body.success) return bad(reply, body.error);
    return deps.engine.syncStock(tenant(req), body.data.skus ? { skus: body.data.skus } : {});
  });

  app.post('/v1/catch-up', async (req) =>
    pollMissedOrders({ accounts: deps.accounts, engine: deps.engine, clock: deps.clock }, tenant(req)),
  );
}

function notConfigured(what: string, action: string) {
  return { code: 'storefront_api_error', message: `${what} is not set up yet.`, action, retryable: false };
}

function problemOf(err: unknown) {
  if (err && typeof err === 'object' && 'problem' in err) return (err as { problem: unknown }).problem;
  return {
    code: 'prima_unreachable',
    message: 'The service did not answer.',
    action: 'Check the address and try again.',
    retryable: true,
  };
}

async function audit(
  deps: AdminDeps,
  req: FastifyRequest,
  action: string,
  subject: string,
  detail: Record<string, number>,
) {
  await deps.store.audit.append({
    tenantId: tenant(req),
    at: deps.clock.now().toISOString(),
    actor: actor(req),
    action,
    subject,
    detail,
  });
}
