/**
 * Outgoing webhooks exactly as WooCommerce sends them: JSON body of the REST resource, base64
 * HMAC-SHA256 of the raw body in X-WC-Webhook-Signature, a fresh delivery id per attempt, no retries,
 * and the webhook disabled after more than 5 consecutive failures.
 */
import { createHmac } from 'node:crypto';
import type { SimWebhook, WebhookDelivery } from './types.js';

export const MAX_CONSECUTIVE_FAILURES = 5;

export function signWooBody(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}

export interface DeliveryContext {
  sourceUrl: string;
  nextDeliveryId(): number;
  record(d: WebhookDelivery): void;
}

export async function deliverWebhook(
  hook: SimWebhook,
  resource: string,
  event: string,
  resourceId: number | null,
  payload: unknown,
  ctx: DeliveryContext,
): Promise<WebhookDelivery> {
  const body = JSON.stringify(payload);
  const deliveryId = ctx.nextDeliveryId();
  const delivery: WebhookDelivery = {
    webhookId: hook.id,
    deliveryId,
    topic: hook.topic,
    resourceId,
    status: null,
  };
  try {
    const res = await fetch(hook.delivery_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'WooCommerce/9.4.0 Hookshot (WordPress/6.7)',
        'x-wc-webhook-source': `${ctx.sourceUrl}/`,
        'x-wc-webhook-topic': hook.topic,
        'x-wc-webhook-resource': resource,
        'x-wc-webhook-event': event,
        'x-wc-webhook-signature': signWooBody(body, hook.secret),
        'x-wc-webhook-id': String(hook.id),
        'x-wc-webhook-delivery-id': String(deliveryId),
      },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    delivery.status = res.status;
    await res.arrayBuffer();
  } catch (err) {
    delivery.error = err instanceof Error ? err.message : String(err);
  }
  noteOutcome(hook, delivery);
  ctx.record(delivery);
  return delivery;
}

/** The ping WooCommerce sends when a webhook is created: form-encoded, unsigned. */
export async function pingWebhook(hook: SimWebhook, ctx: DeliveryContext): Promise<WebhookDelivery> {
  const deliveryId = ctx.nextDeliveryId();
  const delivery: WebhookDelivery = {
    webhookId: hook.id,
    deliveryId,
    topic: 'ping',
    resourceId: null,
    status: null,
  };
  try {
    const res = await fetch(hook.delivery_url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `webhook_id=${hook.id}`,
      signal: AbortSignal.timeout(5_000),
    });
    delivery.status = res.status;
    await res.arrayBuffer();
  } catch (err) {
    delivery.error = err instanceof Error ? err.message : String(err);
  }
  ctx.record(delivery);
  return delivery;
}

function noteOutcome(hook: SimWebhook, d: WebhookDelivery): void {
  const ok = d.status !== null && d.status >= 200 && d.status < 300;
  if (ok) {
    hook.failure_count = 0;
    return;
  }
  hook.failure_count += 1;
  if (hook.failure_count > MAX_CONSECUTIVE_FAILURES) hook.status = 'disabled';
}
