/**
 * Loaders and actions of the admin pages, out of the route files: each takes the host, the tenant and
 * (where Shopify is read) a StorefrontGateway, validates its input with zod and returns a view model.
 */
import {
  createPrimaGateway,
  createSkuResolver,
  describeMoney,
  type ExceptionRecord,
  exportMappingsCsv,
  findSharedSkus,
  importMappingsCsv,
  itemRef,
  type LinkState,
  PROBLEM_CATALOGUE,
  type ProblemCode,
  resolveByPattern,
  type SkuMapping,
  type StorefrontGateway,
  type StorefrontVariant,
  sendTestAlert,
  testAlert,
} from '@prima-connect/prima-core';
import { z } from 'zod';
import { handbookExceptionsUrl } from './handbook.server.js';
import type { ShopifyHost } from './host.server.js';
import { formToSettings, settingsToForm } from './settings-form.js';
import type {
  DashboardData,
  ExceptionRow,
  ExceptionsData,
  MappingRow,
  MappingsData,
  OrdersData,
  ReconciliationData,
  SettingsData,
} from './view-models.js';

// ---------------------------------------------------------------- dashboard

export async function dashboardData(host: ShopifyHost, tenantId: string): Promise<DashboardData> {
  const [m, settings, setup] = await Promise.all([
    host.engine.metrics(tenantId, { days: 14 }),
    host.settings(tenantId),
    host.engine.onboardingState(tenantId),
  ]);
  const exceptions = Object.entries(m.openExceptionsByCode)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([code, count]) => ({
      code: code as ProblemCode,
      title: PROBLEM_CATALOGUE[code as ProblemCode].title,
      owner: PROBLEM_CATALOGUE[code as ProblemCode].owner,
      count: count ?? 0,
    }))
    .sort((a, b) => b.count - a.count);
  return {
    shop: tenantId,
    configured: settings !== null,
    setupUnfinished: setup.next !== null,
    postingEnabled: settings?.orders.postingEnabled ?? false,
    ordersReceived: m.ordersReceived,
    ordersPosted: m.ordersPosted,
    acceptanceRate: m.acceptanceRate,
    postingLatencyP95Ms: m.postingLatencyMs.p95,
    stockFreshnessSeconds: m.stockFreshnessSeconds,
    lastStockSyncAt: m.lastStockSyncAt,
    queue: m.queue,
    exceptions,
    duplicateEventsSuppressed: m.duplicateEventsSuppressed,
    manualInterventionRate: m.manualInterventionRate,
    daily: m.daily,
  };
}

// ---------------------------------------------------------------- orders

const linkStates = ['received', 'posting', 'posted', 'exception', 'cancelled'] as const;
const ordersQuery = z.object({ state: z.enum([...linkStates, 'all']).catch('all') });

export async function ordersData(host: ShopifyHost, tenantId: string, url: URL): Promise<OrdersData> {
  const { state } = ordersQuery.parse({ state: url.searchParams.get('state') ?? 'all' });
  const links = await host.engine.listOrders(tenantId, {
    ...(state === 'all' ? {} : { state: state as LinkState }),
    limit: 200,
  });
  return {
    state,
    rows: links.map((l) => ({
      storefrontOrderId: l.storefrontOrderId,
      orderNumber: l.storefrontOrderNumber,
      primaOrderNumber: l.primaOrderNumber,
      state: l.state,
      ...(l.primaState ? { primaState: l.primaState } : {}),
      ...(l.primaRawStatus ? { primaRawStatus: l.primaRawStatus } : {}),
      total: describeMoney(l.totalMinor, l.currency),
      attempts: l.attempts,
      updatedAt: l.updatedAt,
      ...(l.lastProblem ? { problem: l.lastProblem.message } : {}),
      canRetry: l.state === 'exception' || l.state === 'received',
    })),
  };
}

const retryOrderForm = z.object({ intent: z.literal('retry'), orderId: z.string().min(1).max(40) });

export async function ordersAction(host: ShopifyHost, tenantId: string, form: FormData, staff: string) {
  const input = retryOrderForm.parse(Object.fromEntries(form));
  const view = await host.engine.repost(tenantId, input.orderId, staff);
  return { ok: true as const, view };
}

// ---------------------------------------------------------------- mappings

export async function allVariants(gateway: StorefrontGateway, max = 20_000): Promise<StorefrontVariant[]> {
  const out: StorefrontVariant[] = [];
  let cursor: string | undefined;
  do {
    const page = await gateway.listVariants(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}

export function mappingRows(
  variants: StorefrontVariant[],
  table: SkuMapping[],
  pattern: MappingsData['pattern'],
): MappingRow[] {
  const shared = findSharedSkus(variants).map((p) => String(p.detail?.sku ?? ''));
  const resolver = createSkuResolver(table, pattern ?? undefined, { sharedSkus: shared });
  return variants.map((v) => {
    const r = resolver.resolve(v.sku);
    const base = { sku: v.sku, title: v.title, variantId: v.variantId };
    if (!r.ok) {
      const p = r.problems[0];
      return {
        ...base,
        kind: 'none' as const,
        product: '',
        matrix: ['', '', '', ''] as [string, string, string, string],
        source: p?.code === 'unmapped_sku' ? ('unmapped' as const) : ('invalid' as const),
        ...(p ? { problem: p.message } : {}),
      };
    }
    const res = r.value;
    if (res.kind === 'bundle') {
      return {
        ...base,
        kind: 'bundle' as const,
        product: '',
        matrix: ['', '', '', ''] as [string, string, string, string],
        components: res.components
          .map((c) => `${[c.item.product, ...c.item.matrix.filter(Boolean)].join('/')} ×${c.quantity}`)
          .join('; '),
        source: res.source,
      };
    }
    return {
      ...base,
      kind: res.kind,
      product: res.item.product,
      matrix: res.item.matrix,
      source: res.source,
    };
  });
}

/** Unmapped and invalid first (what needs work), then by SKU; filtered by a case-insensitive search. */
export function orderAndFilter(rows: MappingRow[], query: string): MappingRow[] {
  const q = query.trim().toLowerCase();
  const rank = (r: MappingRow) => (r.source === 'unmapped' || r.source === 'invalid' ? 0 : 1);
  return rows
    .filter((r) => !q || r.sku.toLowerCase().includes(q) || r.title.toLowerCase().includes(q))
    .sort((a, b) => rank(a) - rank(b) || a.sku.localeCompare(b.sku));
}

export async function mappingsData(
  host: ShopifyHost,
  tenantId: string,
  gateway: StorefrontGateway,
  url: URL,
): Promise<MappingsData> {
  const query = z
    .string()
    .max(100)
    .catch('')
    .parse(url.searchParams.get('q') ?? '');
  const [settings, table] = await Promise.all([host.settings(tenantId), host.store.mappings.list(tenantId)]);
  const pattern = settings?.maps.pattern ?? null;
  let variants: StorefrontVariant[] = [];
  let storefrontError: string | undefined;
  try {
    variants = await allVariants(gateway);
  } catch (e) {
    storefrontError = `Shopify variants could not be read: ${(e as Error).message}`;
  }
  const rows = mappingRows(variants, table, pattern);
  return {
    query,
    rows: orderAndFilter(rows, query).slice(0, 500),
    unmappedCount: rows.filter((r) => r.source === 'unmapped' || r.source === 'invalid').length,
    total: rows.length,
    pattern,
    ...(storefrontError ? { storefrontError } : {}),
  };
}

const codeSchema = z.string().trim().max(30);
const bulkForm = z.object({
  intent: z.literal('bulk'),
  sku: z.array(z.string().trim().min(1).max(100)).min(1, 'Select at least one variant'),
  product: codeSchema.min(1, 'Enter the Prima product code'),
  mtrx1: codeSchema.default(''),
  mtrx2: codeSchema.default(''),
});
const patternForm = z.object({
  intent: z.literal('pattern'),
  separator: z.string().min(1).max(3),
  levels: z
    .string()
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .pipe(z.array(z.number().int().min(1).max(4)).min(1).max(4)),
});
const importForm = z.object({
  intent: z.literal('import'),
  csv: z.string().min(1, 'Paste the CSV first').max(2_000_000),
});

export type MappingsNotice = NonNullable<MappingsData['notice']>;

export async function mappingsAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
  staff: string,
): Promise<MappingsNotice> {
  const now = host.clock.now().toISOString();
  const intent = form.get('intent');
  if (intent === 'bulk') {
    const parsed = bulkForm.safeParse({ ...Object.fromEntries(form), sku: form.getAll('sku') });
    if (!parsed.success)
      return { tone: 'critical', message: parsed.error.issues[0]?.message ?? 'Check the bulk edit' };
    const { sku, product, mtrx1, mtrx2 } = parsed.data;
    const settings = await host.settings(tenantId);
    const rows: SkuMapping[] = sku.map((s) => {
      // Matrix codes left empty come from the SKU itself, by the pattern rule, when one is set.
      const fromPattern =
        !mtrx1 && !mtrx2 && settings?.maps.pattern ? resolveByPattern(s, settings.maps.pattern) : null;
      const item = fromPattern ? { product, matrix: fromPattern.matrix } : itemRef(product, mtrx1, mtrx2);
      return { sku: s, kind: 'stock', item, source: 'manual', updatedAt: now };
    });
    await host.store.mappings.upsertMany(tenantId, rows);
    await host.store.audit.append({
      tenantId,
      at: now,
      actor: staff,
      action: 'mapping.bulk_edit',
      subject: 'mappings',
      detail: { rows: rows.length, product },
    });
    return { tone: 'success', message: `${rows.length} variant(s) mapped to ${product}` };
  }
  if (intent === 'pattern') {
    const parsed = patternForm.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return {
        tone: 'critical',
        message: 'The pattern rule needs a separator and matrix levels such as 1,2',
      };
    const settings = await host.settings(tenantId);
    if (!settings) return { tone: 'warning', message: 'Save the Prima connection in Settings first' };
    await host.store.settings.put(tenantId, {
      ...settings,
      maps: {
        ...settings.maps,
        pattern: { separator: parsed.data.separator, matrixLevels: parsed.data.levels },
      },
    });
    await host.store.audit.append({
      tenantId,
      at: now,
      actor: staff,
      action: 'settings.changed',
      subject: 'maps.pattern',
      detail: { separator: parsed.data.separator, levels: parsed.data.levels.join(',') },
    });
    return { tone: 'success', message: 'Pattern rule saved' };
  }
  if (intent === 'import') {
    const parsed = importForm.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return { tone: 'critical', message: parsed.error.issues[0]?.message ?? 'Nothing to import' };
    const result = importMappingsCsv(parsed.data.csv, { now });
    if (result.rows.length) await host.store.mappings.upsertMany(tenantId, result.rows);
    await host.store.audit.append({
      tenantId,
      at: now,
      actor: staff,
      action: 'mapping.csv_import',
      subject: 'mappings',
      detail: { rows: result.rows.length, errors: result.errors.length },
    });
    return {
      tone: result.errors.length ? 'warning' : 'success',
      message: `${result.rows.length} row(s) imported${result.errors.length ? `, ${result.errors.length} refused` : ''}`,
      errors: result.errors.map((e) => `Line ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`),
    };
  }
  return { tone: 'critical', message: 'Unknown action' };
}

export async function mappingsCsv(host: ShopifyHost, tenantId: string): Promise<string> {
  return exportMappingsCsv(await host.store.mappings.list(tenantId));
}

// ---------------------------------------------------------------- exceptions

export function exceptionRow(e: ExceptionRecord): ExceptionRow {
  const info = PROBLEM_CATALOGUE[e.code];
  return {
    id: e.id,
    code: e.code,
    title: info.title,
    owner: info.owner,
    subject: e.subject,
    message: e.problem.message,
    action: e.problem.action,
    retryable: e.problem.retryable,
    attempts: e.attempts,
    firstSeenAt: e.firstSeenAt,
    lastSeenAt: e.lastSeenAt,
    status: e.status,
    ...(e.resolutionNote ? { resolutionNote: e.resolutionNote } : {}),
  };
}

export async function exceptionsData(host: ShopifyHost, tenantId: string, url: URL): Promise<ExceptionsData> {
  const status = z
    .enum(['open', 'resolved'])
    .catch('open')
    .parse(url.searchParams.get('status') ?? 'open');
  const rows = await host.store.exceptions.list(tenantId, { status, limit: 200 });
  return { status, rows: rows.map(exceptionRow) };
}

const exceptionForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('retry'), id: z.string().min(1).max(100) }),
  z.object({
    intent: z.literal('resolve'),
    id: z.string().min(1).max(100),
    note: z.string().trim().min(1, 'Write what you did in the note').max(1000),
  }),
]);

export async function exceptionsAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
  staff: string,
): Promise<NonNullable<ExceptionsData['notice']>> {
  const parsed = exceptionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { tone: 'critical', message: parsed.error.issues[0]?.message ?? 'Check the form' };
  if (parsed.data.intent === 'retry') {
    const r = await host.engine.retryException(tenantId, parsed.data.id, staff);
    return r
      ? { tone: 'success', message: 'Retry started: the exception closes by itself when it works' }
      : { tone: 'critical', message: 'That exception no longer exists' };
  }
  const r = await host.engine.resolveException(tenantId, parsed.data.id, staff, parsed.data.note);
  return r
    ? { tone: 'success', message: 'Marked as resolved' }
    : { tone: 'critical', message: 'That exception no longer exists' };
}

// ---------------------------------------------------------------- reconciliation

/** The finance page looks back 30 days (issue #11: "a chart of the last 30 days"). */
export const RECONCILIATION_DAYS = 30;

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function reconciliationData(host: ShopifyHost, tenantId: string): Promise<ReconciliationData> {
  const { reports } = await host.engine.reconciliationReport(tenantId, RECONCILIATION_DAYS);
  const money = (minor: number, currency: string | null) => (currency ? describeMoney(minor, currency) : '—');
  const oldestFirst = [...reports].sort((a, b) => a.day.localeCompare(b.day));
  return {
    days: RECONCILIATION_DAYS,
    reports: oldestFirst.map((r) => ({
      day: r.day,
      reconciled: r.reconciled,
      storeOrders: r.storeOrders,
      inPrima: r.inPrima,
      storeTotalMinor: r.storeTotalMinor,
      storeTotal: money(r.storeTotalMinor, r.currency),
      primaTotal: money(r.primaTotalMinor, r.currency),
      findings: r.findings.length,
    })),
    // Newest day first: the latest problems are the ones finance is chasing.
    findings: reports.flatMap((r) =>
      r.findings.map((f) => ({
        day: r.day,
        orderNumber: f.storefrontOrderNumber,
        primaOrderNumber: f.primaOrderNumber ?? '',
        kind: f.kind,
        message: f.message,
        code: f.code,
      })),
    ),
    yesterday: isoDay(new Date(host.clock.now().getTime() - DAY_MS)),
  };
}

/** The same report as the CSV finance downloads (built by prima-core with csv-stringify). */
export async function reconciliationCsv(host: ShopifyHost, tenantId: string): Promise<string> {
  return (await host.engine.reconciliationReport(tenantId, RECONCILIATION_DAYS)).csv;
}

/**
 * "Check a day now": finance re-runs a day after fixing something, instead of waiting for the nightly
 * round. Only whole past days inside the page's window: today is still taking orders.
 */
export async function reconciliationAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
): Promise<NonNullable<ReconciliationData['notice']>> {
  const today = isoDay(host.clock.now());
  const oldest = isoDay(new Date(host.clock.now().getTime() - RECONCILIATION_DAYS * DAY_MS));
  const parsed = z
    .object({
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a day as yyyy-mm-dd')
        // Round trip: Date rolls 30 February over to March instead of refusing it.
        .refine((d) => {
          const t = Date.parse(`${d}T00:00:00Z`);
          return !Number.isNaN(t) && isoDay(new Date(t)) === d;
        }, 'That is not a calendar day')
        .refine((d) => d < today, 'Pick a day that has ended: today is still taking orders')
        .refine((d) => d >= oldest, `Pick a day in the last ${RECONCILIATION_DAYS} days`),
    })
    .safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { tone: 'critical', message: parsed.error.issues[0]?.message ?? 'Check the form' };
  const r = await host.engine.reconcileDay(tenantId, parsed.data.day);
  return r.reconciled
    ? {
        tone: 'success',
        message: `${r.day} reconciles: ${r.storeOrders} store orders, all in Prima with the same totals`,
      }
    : {
        tone: 'warning',
        message: `${r.day} does not reconcile: ${r.findings.length} to check (listed below)`,
      };
}

// ---------------------------------------------------------------- settings

export async function settingsData(
  host: ShopifyHost,
  tenantId: string,
  gateway: StorefrontGateway | null,
): Promise<SettingsData> {
  const settings = await host.settings(tenantId);
  let locations: { id: string; name: string }[] = [];
  if (gateway) locations = await gateway.listLocations().catch(() => []);
  return { form: settingsToForm(settings), locations, emailConfigured: host.alerts.emailConfigured };
}

export async function settingsAction(
  host: ShopifyHost,
  tenantId: string,
  form: FormData,
  staff: string,
): Promise<NonNullable<SettingsData['notice']>> {
  const existing = await host.settings(tenantId);
  const fields = Object.fromEntries(form);
  const result = formToSettings(fields, existing);
  if (!result.ok) return { tone: 'critical', message: 'Settings were not saved', errors: result.errors };
  if (fields.intent === 'test') {
    const prima = createPrimaGateway({
      url: result.settings.prima.url,
      companyId: result.settings.prima.companyId,
      timeoutMs: Math.min(result.settings.prima.timeoutMs, 15_000),
    });
    const ping = await prima
      .ping()
      .catch((e: unknown) => ({ ok: false as const, problem: { message: (e as Error).message } }));
    return ping.ok
      ? { tone: 'success', message: `Connected to Prima (company ${ping.company})` }
      : { tone: 'critical', message: `Prima did not answer: ${ping.problem.message}` };
  }
  if (fields.intent === 'test-alert') {
    // Tests the alert fields as typed, before they are saved.
    const s = result.settings;
    const alert = testAlert(
      tenantId,
      tenantId,
      handbookExceptionsUrl() ?? s.alerts.handbookUrl,
      host.clock.now(),
    );
    const results = await sendTestAlert(host.alerts, tenantId, s, alert);
    const failed = results.filter((r) => !r.ok);
    return {
      tone: failed.length === 0 ? 'success' : failed.length < results.length ? 'warning' : 'critical',
      message: failed.length === 0 ? 'Test alert sent' : 'The test alert did not reach every channel',
      errors: results.map((r) => r.message),
    };
  }
  await host.ensureTenant(tenantId);
  await host.store.settings.put(tenantId, result.settings);
  await host.store.audit.append({
    tenantId,
    at: host.clock.now().toISOString(),
    actor: staff,
    action: 'settings.changed',
    subject: 'settings',
    detail: { trigger: result.settings.orders.trigger, posting: result.settings.orders.postingEnabled },
  });
  return { tone: 'success', message: 'Settings saved' };
}
