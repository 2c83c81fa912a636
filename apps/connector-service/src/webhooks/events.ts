/**
 * From a verified WooCommerce webhook to prima-core's platform-neutral order event. The dedupe key is
 * (topic, order id, date_modified_gmt, a digest of the body): WooCommerce's delivery id changes on every
 * attempt, so it cannot be one (REST.md); the modified time has one-second resolution, so a cancellation
 * or refund saved in the same second as the payment would share it and be dropped as a duplicate. The
 * digest tells them apart, while a redelivery of the same state (the same body) still dedupes.
 */
import { createHash } from 'node:crypto';
import type { Order, OrderEventInput } from '@prima-connect/prima-core';
import { z } from 'zod';
import { convertWooOrder } from '../woocommerce/order-converter.js';

const orderHead = z.looseObject({
  id: z.number().int().positive(),
  date_modified_gmt: z.string().nullish(),
  status: z.string().optional(),
});

export type WebhookDecision =
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'event'; event: Omit<OrderEventInput, 'tenantId' | 'correlationId'> };

export const HANDLED_TOPICS = ['order.created', 'order.updated', 'order.deleted', 'order.restored'] as const;

export function decideWooWebhook(topic: string | undefined, payload: unknown): WebhookDecision {
  if (!topic || !(HANDLED_TOPICS as readonly string[]).includes(topic)) {
    return { kind: 'ignore', reason: `topic ${topic ?? '(none)'} is not used by Prima Connect` };
  }
  const head = orderHead.safeParse(payload);
  if (!head.success) return { kind: 'invalid', reason: 'the body is not a WooCommerce order' };
  const id = String(head.data.id);
  if (topic === 'order.deleted') {
    // Deleted orders send only {id}: the engine treats it as a cancellation of whatever it holds.
    return {
      kind: 'event',
      event: { eventKey: `${topic}:${id}`, topic: 'order.cancelled', storefrontOrderId: id },
    };
  }
  const digest = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 16);
  const eventKey = `${topic}:${id}:${head.data.date_modified_gmt ?? ''}:${digest}`;
  const converted = convertWooOrder(payload);
  // An order we cannot convert still goes in without `order`: the engine loads it through the gateway
  // and raises the conversion problem as an exception a person can see.
  const order: Order | undefined = converted.ok ? converted.value : undefined;
  const status = head.data.status ?? '';
  const neutral: OrderEventInput['topic'] =
    status === 'cancelled' || status === 'trash'
      ? 'order.cancelled'
      : order && (order.financialStatus === 'paid' || order.financialStatus === 'partially_refunded')
        ? 'order.paid'
        : topic === 'order.created'
          ? 'order.created'
          : 'order.updated';
  return {
    kind: 'event',
    event: { eventKey, topic: neutral, storefrontOrderId: id, ...(order ? { order } : {}) },
  };
}
