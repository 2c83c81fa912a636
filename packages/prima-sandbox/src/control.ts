/**
 * The JSON control API under /sandbox/: what tests, benchmarks and the playground use to arrange Prima's
 * side of a scenario. Every body is validated with zod; errors come back as { error } with a 4xx status.
 */
import { itemRef } from '@prima-connect/prima-core';
import { z } from 'zod';
import { type DemoItem, demoSku } from './catalogue.js';
import { type Faults, SandboxError, type SandboxState } from './state.js';

const matrix = z.array(z.string().max(20)).max(4).default([]);
const itemInput = z.object({ product: z.string().min(1).max(30), matrix });

export const catalogueBody = z.object({
  replace: z.boolean().default(false),
  items: z
    .array(
      itemInput.extend({
        title: z.string().max(200).default(''),
        priceMinor: z.number().int().min(0),
        nonStock: z.boolean().default(false),
        stock: z.record(z.string().min(1).max(20), z.number().int().min(0)).default({}),
        availableDate: z
          .string()
          .regex(/^\d{2}\/\d{2}\/\d{4}$/)
          .optional(),
      }),
    )
    .max(100_000),
});

export const stockBody = z.object({
  rows: z
    .array(
      itemInput.extend({
        warehouse: z.string().min(1).max(20).default('MAIN'),
        onHand: z.number().int().min(0),
      }),
    )
    .min(1),
});

export const dispatchBody = z.object({
  carrier: z.string().min(1).max(40),
  service: z.string().max(40).optional(),
  trackingNumber: z.string().max(80).optional(),
  trackingUrl: z.string().url().optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  lines: z.array(z.object({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1) })).optional(),
});

export const cancelBody = z
  .object({
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1) }))
      .optional(),
  })
  .default({});

export const faultsBody = z.object({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorKind: z.enum(['http_503', 'reset', 'soap_fault']).optional(),
  outage: z
    .object({ mode: z.enum(['refused', '503', 'hang']), durationMs: z.number().int().min(1).max(86_400_000) })
    .optional(),
  slowReplyBytesPerSecond: z.number().int().min(0).optional(),
  truncateAts: z
    .object({ mode: z.enum(['rows', 'bytes']), keepRatio: z.number().min(0).max(1) })
    .nullable()
    .optional(),
});
export type FaultsInput = z.infer<typeof faultsBody>;

export const settingsBody = z.object({
  priceBookVatInclusive: z.boolean().optional(),
  matchCustomerByEmail: z.boolean().optional(),
  devModeTraces: z.boolean().optional(),
  linePriceMeans: z.enum(['unit', 'line']).optional(),
  companies: z.array(z.string().min(1).max(20)).min(1).optional(),
});

export const resetBody = z
  .object({ catalogue: z.enum(['demo', 'empty']).default('demo') })
  .default({ catalogue: 'demo' });

export interface ControlResponse {
  status: number;
  body: unknown;
  /** Runs after the response is sent (an outage that closes the listener must not cut its own reply). */
  after?: () => void;
}

export interface ControlContext {
  state: SandboxState;
  applyFaults(input: FaultsInput): Faults;
  clearFaults(): void;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new SandboxError(
      400,
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

const ref = (i: { product: string; matrix: string[] }) => itemRef(i.product, ...i.matrix);

/** Routes one control call. `path` is below /sandbox. */
export function handleControl(
  ctx: ControlContext,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): ControlResponse {
  const { state } = ctx;
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    if (route === 'POST /reset') {
      state.reset(parse(resetBody, body ?? {}).catalogue);
      return { status: 200, body: { ok: true, items: state.items.size } };
    }
    if (route === 'GET /catalogue') {
      return {
        status: 200,
        body: [...state.items.values()].map((i) => ({
          sku: i.sku,
          product: i.item.product,
          matrix: i.item.matrix,
          title: i.title,
          priceMinor: i.priceMinor,
          nonStock: i.nonStock,
          available: state.availableToSell(i),
        })),
      };
    }
    if (route === 'POST /catalogue') {
      const input = parse(catalogueBody, body);
      const rows: DemoItem[] = input.items.map((i) => {
        const item = ref(i);
        const row: DemoItem = {
          sku: demoSku(item),
          item,
          title: i.title,
          priceMinor: i.priceMinor,
          nonStock: i.nonStock,
          stock: i.stock,
        };
        if (i.availableDate !== undefined) row.availableDate = i.availableDate;
        return row;
      });
      return { status: 200, body: { ok: true, items: state.seedCatalogue(rows, input.replace) } };
    }
    if (route === 'GET /stock') {
      const product = query.get('product')?.toUpperCase();
      const rows = [...state.items.values()]
        .filter((i) => !i.nonStock && (product === undefined || i.item.product.toUpperCase() === product))
        .map((i) => ({
          sku: i.sku,
          product: i.item.product,
          matrix: i.item.matrix,
          warehouses: Object.fromEntries(i.stock),
          available: state.availableToSell(i),
        }));
      return { status: 200, body: rows };
    }
    if (route === 'POST /stock') {
      const input = parse(stockBody, body);
      for (const r of input.rows) state.setStock(ref(r), r.warehouse, r.onHand);
      return { status: 200, body: { ok: true, rows: input.rows.length } };
    }
    if (route === 'GET /orders') {
      return { status: 200, body: [...state.orders.values()].map((o) => state.describeOrder(o)) };
    }
    const orderRoute = /^(GET|POST) \/orders\/([^/]+)(?:\/(release|dispatch|cancel))?$/.exec(route);
    if (orderRoute) {
      const [, verb, encoded, action] = orderRoute;
      const orderNumber = decodeURIComponent(encoded ?? '');
      if (verb === 'GET' && action === undefined)
        return { status: 200, body: state.describeOrder(state.getOrder(orderNumber)) };
      if (verb === 'POST' && action === 'release')
        return { status: 200, body: state.describeOrder(state.release(orderNumber)) };
      if (verb === 'POST' && action === 'dispatch') {
        const dispatch = state.dispatch(orderNumber, parse(dispatchBody, body));
        return { status: 200, body: { dispatch, order: state.describeOrder(state.getOrder(orderNumber)) } };
      }
      if (verb === 'POST' && action === 'cancel') {
        return {
          status: 200,
          body: state.describeOrder(state.cancel(orderNumber, parse(cancelBody, body ?? {}).lines)),
        };
      }
    }
    if (route === 'GET /requests') {
      const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? '100') || 100));
      return { status: 200, body: state.requestLog.slice(-limit) };
    }
    if (route === 'GET /faults') return { status: 200, body: state.faults };
    if (route === 'POST /faults') {
      const input = parse(faultsBody, body);
      // The outage starts after this reply is sent.
      return { status: 200, body: { ok: true }, after: () => ctx.applyFaults(input) };
    }
    if (route === 'DELETE /faults') {
      ctx.clearFaults();
      return { status: 200, body: { ok: true } };
    }
    if (route === 'GET /settings') return { status: 200, body: state.settings };
    if (route === 'POST /settings') {
      const input = parse(settingsBody, body);
      for (const [k, v] of Object.entries(input))
        if (v !== undefined) (state.settings as unknown as Record<string, unknown>)[k] = v;
      return { status: 200, body: state.settings };
    }
    return { status: 404, body: { error: `No control route ${route}` } };
  } catch (err) {
    if (err instanceof SandboxError) return { status: err.status, body: { error: err.message } };
    throw err;
  }
}
