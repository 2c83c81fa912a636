import { z } from 'zod';
import type { ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, parseJson, problemResponse, rawBody } from './http.js';

/**
 * "Re-post to Prima" mass action on the order grid (headless: displayIframe false, Commerce waits up to
 * `timeout` seconds). The engine's repost never creates a second Prima order: an order already in Prima is
 * verified, not sent again. Selection is capped (selectionLimit in the registration) to stay in time.
 */
const body = z.object({
  selectedIds: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(50),
});

export function massRepostAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    const text = rawBody(params);
    const parsed = body.safeParse(text ? parseJson(text) : { selectedIds: params.selectedIds ?? params.ids });
    if (!parsed.success) return json(400, { error: 'select between 1 and 50 orders' });
    const ctx = await makeContext(params);
    try {
      const results = [];
      for (const id of parsed.data.selectedIds.map(String)) {
        const view = await ctx.engine.repost(ctx.tenantId, id, 'mass-action');
        results.push({
          id,
          state: view.state,
          primaOrderNumber: view.primaOrderNumber ?? null,
          problem: view.lastProblem?.message ?? null,
        });
      }
      await ctx.engine.work(ctx.workerId, { limit: 50, types: ['post-order', 'write-back'] });
      const after = await Promise.all(
        results.map(async (r) => ({ ...r, state: (await ctx.engine.orderView(ctx.tenantId, r.id)).state })),
      );
      return json(200, { results: after });
    } catch (error) {
      return problemResponse(error);
    }
  };
}
