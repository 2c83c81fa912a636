import { randomUUID } from 'node:crypto';
import type { Engine, WorkReport } from '@prima-connect/prima-core';
import {
  CREDITMEMO_EVENT,
  type IoEvent,
  ioEventSchema,
  toCanonicalRefund,
  toOrderEvent,
} from '../commerce/order-converter.js';
import { verifyIoEventSignature } from '../events/signature.js';
import type { ActionContext, ContextFactory } from './context.js';
import { type ActionParams, type ActionResponse, json, rawBody } from './http.js';

/**
 * Web action (raw-http) registered as the I/O Events webhook for Commerce's order events:
 *   observer.sales_order_save_commit_after      -> order.created / order.updated / order.cancelled
 *   observer.sales_order_invoice_save_after     -> order.paid (the payment trigger)
 *   observer.sales_order_creditmemo_save_after  -> a refund (a Prima credit note)
 * GET answers the registration challenge. POST verifies the signature over the raw body, checks the
 * event is addressed to us, hands the canonical event to the engine (which stores and dedupes it on
 * event_id) and runs the due jobs once: there is no long-running worker on App Builder.
 * 2xx tells I/O Events "delivered"; a 5xx makes it retry (for up to 24 h), which we want only when we
 * could not store the event.
 */
export function commerceEventsAction(makeContext: ContextFactory) {
  return async (params: ActionParams): Promise<ActionResponse> => {
    const method = (params.__ow_method ?? 'post').toLowerCase();
    if (method === 'get') {
      const challenge =
        new URLSearchParams(params.__ow_query ?? '').get('challenge') ??
        (typeof params.challenge === 'string' ? params.challenge : undefined);
      return challenge ? json(200, { challenge }) : json(400, { error: 'missing challenge' });
    }
    const ctx = await makeContext(params);
    const body = rawBody(params);
    const check = await verifyIoEventSignature(body, params.__ow_headers ?? {}, ctx.resolvePublicKey);
    if (!check.ok) {
      ctx.logger.warn({ reason: check.reason }, 'refused an I/O event with a bad signature');
      return json(401, { error: 'invalid signature' });
    }
    let envelope: IoEvent;
    try {
      envelope = ioEventSchema.parse(JSON.parse(body));
    } catch {
      return json(400, { error: 'not an I/O Events CloudEvents envelope' });
    }
    if (envelope.recipient_client_id && envelope.recipient_client_id !== ctx.recipientClientId) {
      return json(403, { error: 'event addressed to another client' });
    }
    if (envelope.type === `com.adobe.commerce.${CREDITMEMO_EVENT}`) return handleCreditmemo(ctx, envelope);
    const event = toOrderEvent(envelope);
    if (event.ok === 'ignored') return json(200, { ignored: event.reason });
    if (!event.ok) {
      ctx.logger.warn({ problems: event.problems, eventId: envelope.id }, 'unreadable Commerce order event');
      return json(200, { ignored: event.problems[0]?.message });
    }
    const correlationId = `io-${event.value.eventKey || randomUUID()}`;
    const log = ctx.logger.child({
      correlationId,
      storefrontOrderId: event.value.storefrontOrderId,
      commerceEvent: event.value.commerceEvent,
    });
    let accepted: Awaited<ReturnType<Engine['handleOrderEvent']>>;
    try {
      accepted = await ctx.engine.handleOrderEvent({
        tenantId: ctx.tenantId,
        eventKey: event.value.eventKey,
        topic: event.value.topic,
        storefrontOrderId: event.value.storefrontOrderId,
        correlationId,
      });
    } catch (error) {
      log.error({ error: String(error) }, 'could not store the order event; I/O Events will retry');
      return json(503, { error: 'temporarily unable to accept the event' });
    }
    // The event is stored; failures from here on are the engine's to retry, not I/O Events'.
    let work: WorkReport | undefined;
    try {
      work = await ctx.engine.work(ctx.workerId, { limit: 10 });
    } catch (error) {
      log.warn({ error: String(error) }, 'work after event failed; the scheduled actions pick it up');
    }
    return json(200, { ...accepted, worked: work?.done ?? 0 });
  };
}

async function handleCreditmemo(ctx: ActionContext, envelope: IoEvent): Promise<ActionResponse> {
  const refund = toCanonicalRefund(envelope.data.value, { pricesIncludeTax: ctx.pricesIncludeTax });
  const eventKey = envelope.event_id ?? envelope.id;
  if (!refund.ok) {
    ctx.logger.warn(
      { problems: refund.problems, eventId: envelope.id },
      'unreadable Commerce credit memo event',
    );
    return json(200, { ignored: refund.problems[0]?.message });
  }
  let accepted: Awaited<ReturnType<Engine['handleRefundEvent']>>;
  try {
    accepted = await ctx.engine.handleRefundEvent({
      tenantId: ctx.tenantId,
      eventKey,
      refund: refund.value,
      correlationId: `io-${eventKey}`,
    });
  } catch (error) {
    ctx.logger.error({ error: String(error) }, 'could not store the refund event; I/O Events will retry');
    return json(503, { error: 'temporarily unable to accept the event' });
  }
  try {
    await ctx.engine.work(ctx.workerId, { limit: 10 });
  } catch (error) {
    ctx.logger.warn(
      { error: String(error) },
      'work after refund event failed; the scheduled actions pick it up',
    );
  }
  return json(200, accepted);
}
