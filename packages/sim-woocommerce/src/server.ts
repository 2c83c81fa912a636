/**
 * The REST v3 surface (under /wp-json/wc/v3) with WooCommerce's limits and error shapes:
 * consumer key/secret auth, per_page <= 100 with X-WP-Total headers, batch requests of at most 100 items
 * (HTTP 413 otherwise), per-item errors inside batch replies, unknown order statuses falling back to pending.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { wooDate } from './money.js';
import { serializeOrder, serializeProduct, serializeRefund, serializeVariation } from './serialize.js';
import type { SimShop } from './shop.js';
import {
  ORDER_STATUSES,
  type SimOrder,
  type SimProduct,
  type SimVariation,
  type WooOrderStatus,
} from './types.js';

export interface ServerOptions {
  consumerKey: string;
  consumerSecret: string;
  /** WooCommerce's default; the `woocommerce_rest_batch_items_limit` filter can change it. */
  batchLimit: number;
}

export interface CallCounter {
  total: number;
  byRoute: Record<string, number>;
}

const BASE = '/wp-json/wc/v3';

function wpError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ code, message, data: { status } });
}

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(10),
  sku: z.string().optional(),
  status: z.string().optional(),
  modified_after: z.string().optional(),
  dates_are_gmt: z.enum(['true', 'false', '1', '0']).optional(),
  orderby: z.enum(['date', 'id', 'modified', 'include', 'title', 'slug']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  /** WooCommerce's `include`: only these ids (a comma-separated list, as WordPress reads array parameters). */
  include: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .transform((s) => new Set(s.split(',').map(Number)))
    .optional(),
});

const stockFields = {
  manage_stock: z.boolean().optional(),
  stock_quantity: z.number().int().nullable().optional(),
  stock_status: z.enum(['instock', 'outofstock', 'onbackorder']).optional(),
  backorders: z.enum(['no', 'notify', 'yes']).optional(),
};
const stockUpdate = z.object({ id: z.number().int().positive(), ...stockFields }).passthrough();
const batchBody = z.object({
  create: z.array(z.unknown()).default([]),
  update: z.array(z.unknown()).default([]),
  delete: z.array(z.unknown()).default([]),
});
const metaInput = z.array(
  z.object({ id: z.number().int().optional(), key: z.string().min(1), value: z.unknown() }),
);
const orderUpdate = z
  .object({
    status: z.string().optional(),
    meta_data: metaInput.optional(),
    customer_note: z.string().optional(),
  })
  .passthrough();
const noteBody = z.object({ note: z.string().min(1), customer_note: z.boolean().default(false) });
const webhookBody = z.object({
  name: z.string().optional(),
  topic: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  delivery_url: z.string().url(),
  secret: z.string().min(1),
  status: z.enum(['active', 'paused', 'disabled']).default('active'),
});

function paginate<T>(reply: FastifyReply, items: T[], page: number, perPage: number): T[] {
  reply.header('X-WP-Total', String(items.length));
  reply.header('X-WP-TotalPages', String(Math.max(1, Math.ceil(items.length / perPage))));
  return items.slice((page - 1) * perPage, page * perPage);
}

function applyStock(rec: SimProduct | SimVariation, input: z.infer<typeof stockUpdate>): void {
  if (input.manage_stock !== undefined) rec.manage_stock = input.manage_stock;
  if (input.stock_quantity !== undefined) rec.stock_quantity = input.stock_quantity;
  if (input.backorders !== undefined) rec.backorders = input.backorders;
  if (input.stock_status !== undefined) rec.stock_status = input.stock_status;
  // WooCommerce derives stock_status from the quantity when stock is managed.
  if (rec.manage_stock && rec.stock_quantity !== null) {
    rec.stock_status =
      rec.stock_quantity > 0 ? 'instock' : rec.backorders === 'no' ? 'outofstock' : 'onbackorder';
  }
}

function upsertMeta(order: SimOrder, meta: z.infer<typeof metaInput>, nextId: () => number): void {
  for (const m of meta) {
    const existing = order.meta_data.find((x) => (m.id !== undefined ? x.id === m.id : x.key === m.key));
    if (existing) existing.value = m.value;
    else order.meta_data.push({ id: nextId(), key: m.key, value: m.value });
  }
}

export function buildServer(shop: SimShop, opts: ServerOptions, calls: CallCounter): FastifyInstance {
  const app = Fastify({ logger: false });

  // WooCommerce's ping and unknown bodies are not our concern here; only JSON comes in.
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
    calls.total += 1;
    calls.byRoute[route] = (calls.byRoute[route] ?? 0) + 1;
    if (!authorised(req, opts)) {
      return wpError(reply, 401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    }
  });

  app.setNotFoundHandler((_req, reply) =>
    wpError(reply, 404, 'rest_no_route', 'No route was found matching the URL and request method.'),
  );

  app.get(`${BASE}/system_status`, async () => ({
    environment: { site_url: 'http://sim-woocommerce.test', version: '9.4.0' },
    settings: { currency: 'GBP' },
  }));

  // ---------------------------------------------------------- products
  app.get(`${BASE}/products`, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    let items = [...shop.products.values()];
    if (q.data.sku) items = items.filter((p) => p.sku === q.data.sku);
    const include = q.data.include;
    if (include) items = items.filter((p) => include.has(p.id));
    return paginate(reply, items, q.data.page, q.data.per_page).map(serializeProduct);
  });

  app.get<{ Params: { id: string } }>(`${BASE}/products/:id`, async (req, reply) => {
    const p = shop.products.get(Number(req.params.id));
    if (!p) return wpError(reply, 404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return serializeProduct(p);
  });

  app.get<{ Params: { id: string } }>(`${BASE}/products/:id/variations`, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    const p = shop.products.get(Number(req.params.id));
    if (!p) return wpError(reply, 404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const include = q.data.include;
    const items = p.variations
      .filter((id) => !include || include.has(id))
      .map((id) => shop.variations.get(id))
      .filter((v): v is SimVariation => !!v);
    return paginate(reply, items, q.data.page, q.data.per_page).map(serializeVariation);
  });

  app.post(`${BASE}/products/batch`, async (req, reply) => {
    const body = parseBatch(req.body, opts.batchLimit, reply);
    if (!body) return reply;
    return {
      update: body.update.map((raw) => {
        const u = stockUpdate.safeParse(raw);
        if (!u.success)
          return itemError(0, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity', 400);
        const p = shop.products.get(u.data.id);
        if (!p) return itemError(u.data.id, 'woocommerce_rest_product_invalid_id', 'Invalid ID.', 400);
        applyStock(p, u.data);
        p.date_modified_gmt = wooDate(shop.now());
        return serializeProduct(p);
      }),
    };
  });

  app.post<{ Params: { id: string } }>(`${BASE}/products/:id/variations/batch`, async (req, reply) => {
    const parent = shop.products.get(Number(req.params.id));
    if (!parent) return wpError(reply, 404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const body = parseBatch(req.body, opts.batchLimit, reply);
    if (!body) return reply;
    return {
      update: body.update.map((raw) => {
        const u = stockUpdate.safeParse(raw);
        if (!u.success)
          return itemError(0, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity', 400);
        const v = shop.variations.get(u.data.id);
        // Variations batch per parent: another product's variation is an invalid id here.
        if (!v || v.parent_id !== parent.id) {
          return itemError(u.data.id, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 400);
        }
        applyStock(v, u.data);
        v.date_modified_gmt = wooDate(shop.now());
        return serializeVariation(v);
      }),
    };
  });

  // ---------------------------------------------------------- orders
  app.get(`${BASE}/orders`, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    let items = [...shop.orders.values()];
    if (q.data.status && q.data.status !== 'any') {
      const wanted = new Set(q.data.status.split(','));
      items = items.filter((o) => wanted.has(o.status));
    }
    if (q.data.modified_after) {
      const after = Date.parse(
        q.data.modified_after.endsWith('Z') ? q.data.modified_after : `${q.data.modified_after}Z`,
      );
      if (Number.isNaN(after))
        return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): modified_after');
      items = items.filter((o) => Date.parse(`${o.date_modified_gmt}Z`) > after);
    }
    const key = q.data.orderby === 'modified' ? 'date_modified_gmt' : 'date_created_gmt';
    items.sort((a, b) => a[key].localeCompare(b[key]) || a.id - b.id);
    if ((q.data.order ?? 'desc') === 'desc') items.reverse();
    return paginate(reply, items, q.data.page, q.data.per_page).map(serializeOrder);
  });

  app.get<{ Params: { id: string } }>(`${BASE}/orders/:id`, async (req, reply) => {
    const o = shop.orders.get(Number(req.params.id));
    if (!o) return wpError(reply, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    return serializeOrder(o);
  });

  app.put<{ Params: { id: string } }>(`${BASE}/orders/:id`, async (req, reply) => {
    const o = shop.orders.get(Number(req.params.id));
    if (!o) return wpError(reply, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    const body = orderUpdate.safeParse(req.body);
    if (!body.success) return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): meta_data');
    if (body.data.status !== undefined) {
      const s = body.data.status.replace(/^wc-/, '');
      shop.applyStatus(
        o,
        (ORDER_STATUSES as readonly string[]).includes(s) ? (s as WooOrderStatus) : 'pending',
      );
    }
    if (body.data.meta_data) upsertMeta(o, body.data.meta_data, () => shop.id());
    if (body.data.customer_note !== undefined) o.customer_note = body.data.customer_note;
    shop.touch(o);
    shop.fire('order', 'updated', o);
    return serializeOrder(o);
  });

  app.get<{ Params: { id: string } }>(`${BASE}/orders/:id/refunds`, async (req, reply) => {
    const o = shop.orders.get(Number(req.params.id));
    if (!o) return wpError(reply, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    return [...o.refunds].reverse().map((r) => serializeRefund(o, r));
  });

  app.get<{ Params: { id: string } }>(`${BASE}/orders/:id/notes`, async (req, reply) => {
    const o = shop.orders.get(Number(req.params.id));
    if (!o) return wpError(reply, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    return [...o.notes].reverse();
  });

  app.post<{ Params: { id: string } }>(`${BASE}/orders/:id/notes`, async (req, reply) => {
    const o = shop.orders.get(Number(req.params.id));
    if (!o) return wpError(reply, 404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    const body = noteBody.safeParse(req.body);
    if (!body.success)
      return wpError(reply, 400, 'rest_missing_callback_param', 'Missing parameter(s): note');
    const note = {
      id: shop.id(),
      author: 'WooCommerce',
      date_created_gmt: wooDate(shop.now()),
      note: body.data.note,
      customer_note: body.data.customer_note,
    };
    o.notes.push(note);
    return reply.code(201).send(note);
  });

  // ---------------------------------------------------------- webhooks
  app.get(`${BASE}/webhooks`, async () =>
    [...shop.webhooks.values()].map(({ secret: _secret, ...rest }) => rest),
  );

  app.post(`${BASE}/webhooks`, async (req, reply) => {
    const body = webhookBody.safeParse(req.body);
    if (!body.success)
      return wpError(reply, 400, 'rest_invalid_param', 'Invalid parameter(s): topic, delivery_url');
    const hook = shop.addWebhook({
      topic: body.data.topic,
      deliveryUrl: body.data.delivery_url,
      secret: body.data.secret,
      ...(body.data.name ? { name: body.data.name } : {}),
    });
    hook.status = body.data.status;
    await shop.ping(hook);
    const { secret: _secret, ...rest } = hook;
    return reply.code(201).send(rest);
  });

  app.delete<{ Params: { id: string } }>(`${BASE}/webhooks/:id`, async (req, reply) => {
    const hook = shop.webhooks.get(Number(req.params.id));
    if (!hook) return wpError(reply, 404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
    shop.webhooks.delete(hook.id);
    return { id: hook.id };
  });

  return app;
}

function authorised(req: FastifyRequest, opts: ServerOptions): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const [key, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return key === opts.consumerKey && secret === opts.consumerSecret;
  }
  const q = req.query as Record<string, unknown>;
  return q.consumer_key === opts.consumerKey && q.consumer_secret === opts.consumerSecret;
}

function parseBatch(raw: unknown, limit: number, reply: FastifyReply) {
  const body = batchBody.safeParse(raw);
  if (!body.success) {
    void wpError(reply, 400, 'rest_invalid_param', 'Invalid batch request.');
    return null;
  }
  const count = body.data.create.length + body.data.update.length + body.data.delete.length;
  if (count > limit) {
    void wpError(
      reply,
      413,
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${limit} items for this request.`,
    );
    return null;
  }
  return body.data;
}

function itemError(id: number, code: string, message: string, status: number) {
  return { id, error: { code, message, data: { status } } };
}
