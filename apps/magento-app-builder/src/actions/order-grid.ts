import type { OrderLink } from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, parseJson, problemResponse, rawBody } from './http.js';

/**
 * Data for the order grid's "Prima" columns. Admin UI SDK v1 fetches it through API Mesh (mesh.json:
 * GET ?ids=a,b,c); v2 POSTs {requestId, gridType: 'order', ids[]}. Commerce's grid ids are increment ids
 * ("000000123"); we also accept entity ids. Answer: {orderGridColumns: {<id>: {prima_status, prima_order}}}.
 */
const v2Body = z.object({
  requestId: z.string().optional(),
  gridType: z.literal('order').optional(),
  ids: z.array(z.string().max(64)).max(500),
});

const STATUS_WORDS: Record<OrderLink['state'], string> = {
  received: 'Waiting',
  posting: 'Sending',
  posted: 'In Prima',
  exception: 'Needs attention',
  cancelled: 'Cancelled',
};

export function statusWord(link: OrderLink): string {
  if (link.state === 'posted' && link.primaState === 'despatched') return 'Despatched';
  if (link.state === 'posted' && link.primaState === 'part_despatched') return 'Part despatched';
  return STATUS_WORDS[link.state];
}

export function orderGridAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    let ids: string[];
    const text = rawBody(params);
    if (text) {
      const parsed = v2Body.safeParse(parseJson(text));
      if (!parsed.success) return json(400, { error: 'expected {ids: string[]}' });
      ids = parsed.data.ids;
    } else {
      const raw =
        new URLSearchParams(params.__ow_query ?? '').get('ids') ??
        (typeof params.ids === 'string' ? params.ids : '');
      ids = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 500);
    }
    const ctx = await makeContext(params);
    try {
      const links = await ctx.engine.listOrders(ctx.tenantId, { limit: 10_000 });
      const byAnyId = new Map<string, OrderLink>();
      for (const l of links) {
        byAnyId.set(l.storefrontOrderId, l);
        byAnyId.set(l.storefrontOrderNumber, l);
      }
      const columns: Record<string, { prima_status: string; prima_order: string }> = {};
      for (const id of ids) {
        const link = byAnyId.get(id);
        columns[id] = link
          ? {
              prima_status: statusWord(link),
              prima_order: link.state === 'posted' ? link.primaOrderNumber : '',
            }
          : { prima_status: 'Not sent', prima_order: '' };
      }
      return json(200, { orderGridColumns: columns });
    } catch (error) {
      return problemResponse(error);
    }
  };
}
