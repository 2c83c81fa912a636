/**
 * The order block's logic, apart from its UI: read the app's order view (GET api/orders/:id, the session
 * token added by the admin's fetch), validate it, and turn it into what staff read; retry (POST) a failed order.
 * No Shopify or Preact imports here, so it is unit tested in the app's vitest project.
 */
import { z } from 'zod';

const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string(),
  retryable: z.boolean(),
});

export const orderViewSchema = z.object({
  storefrontOrderId: z.string(),
  storefrontOrderNumber: z.string(),
  state: z.enum(['received', 'posting', 'posted', 'exception', 'cancelled', 'unknown']),
  primaOrderNumber: z.string().optional(),
  primaState: z.string().optional(),
  primaRawStatus: z.string().optional(),
  dispatches: z.array(
    z.object({
      dispatchId: z.string(),
      carrier: z.string(),
      trackingNumber: z.string().optional(),
      trackingUrl: z.string().optional(),
      at: z.string(),
    }),
  ),
  lastProblem: problemSchema.optional(),
  openExceptionId: z.string().optional(),
  canRetry: z.boolean(),
  updatedAt: z.string().optional(),
  /** The problem's handbook entry, served by the app (absolute: the block resolves nothing against the app). */
  handbookUrl: z.string().url().optional(),
});
export type OrderViewJson = z.infer<typeof orderViewSchema>;

export type Tone = 'success' | 'info' | 'warning' | 'critical' | 'neutral';

export interface BlockModel {
  heading: string;
  status: string;
  tone: Tone;
  primaOrderNumber: string | null;
  primaStatus: string | null;
  dispatches: { label: string; trackingUrl: string | null }[];
  error: { message: string; action: string; handbookUrl: string | null } | null;
  canRetry: boolean;
  /** One line for the collapsed block. */
  summary: string;
}

const STATUS: Record<OrderViewJson['state'], { text: string; tone: Tone }> = {
  received: { text: 'Waiting to be sent to Prima', tone: 'info' },
  posting: { text: 'Being sent to Prima', tone: 'info' },
  posted: { text: 'In Prima', tone: 'success' },
  exception: { text: 'Needs attention', tone: 'critical' },
  cancelled: { text: 'Cancelled before it reached Prima', tone: 'neutral' },
  unknown: { text: 'Not sent to Prima', tone: 'warning' },
};

export function toBlockModel(view: OrderViewJson): BlockModel {
  const despatched = view.primaState === 'despatched' || view.primaState === 'part_despatched';
  const base = STATUS[view.state];
  const status =
    view.state === 'posted' && despatched
      ? view.primaState === 'despatched'
        ? 'Despatched'
        : 'Part despatched'
      : base.text;
  const dispatches = view.dispatches.map((d) => ({
    label: [
      d.carrier || 'Carrier not given',
      d.trackingNumber ? `tracking ${d.trackingNumber}` : 'no tracking number',
    ].join(', '),
    trackingUrl: d.trackingUrl ?? null,
  }));
  const error =
    view.lastProblem && view.state !== 'posted'
      ? {
          message: view.lastProblem.message,
          action: view.lastProblem.action,
          handbookUrl: view.handbookUrl ?? null,
        }
      : null;
  return {
    heading: 'Prima',
    status,
    tone: base.tone,
    primaOrderNumber: view.state === 'unknown' ? null : (view.primaOrderNumber ?? null),
    primaStatus: view.primaRawStatus ?? null,
    dispatches,
    error,
    canRetry: view.canRetry,
    summary:
      view.primaOrderNumber && view.state !== 'unknown' ? `${view.primaOrderNumber} · ${status}` : status,
  };
}

/** The numeric order id from the admin's selected resource ("gid://shopify/Order/123"). */
export function orderIdFromGid(gid: string): string {
  const m = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid);
  if (!m?.[1]) throw new Error(`Not an order id: ${gid}`);
  return m[1];
}

type FetchLike = (
  input: string,
  init?: { method?: string; headers?: Record<string, string> },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** The app's API path, relative: the admin resolves it against the app URL and adds the session token. */
export const orderApiPath = (orderId: string) => `api/orders/${orderId}`;

export async function loadOrderBlock(fetchFn: FetchLike, orderGid: string): Promise<BlockModel> {
  const res = await fetchFn(orderApiPath(orderIdFromGid(orderGid)));
  if (!res.ok)
    throw new Error(
      res.status === 401
        ? 'Your session expired: reload the page.'
        : `Prima Connect did not answer (HTTP ${res.status}).`,
    );
  return toBlockModel(orderViewSchema.parse(await res.json()));
}

export async function retryOrder(fetchFn: FetchLike, orderGid: string): Promise<BlockModel> {
  const res = await fetchFn(orderApiPath(orderIdFromGid(orderGid)), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new Error(`The retry was not accepted (HTTP ${res.status}).`);
  return toBlockModel(orderViewSchema.parse(await res.json()));
}
