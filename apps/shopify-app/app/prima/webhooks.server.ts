/**
 * What each Shopify webhook topic means for the engine. Routes verify the HMAC (through the library), then
 * call `handleShopifyWebhook`; it converts the payload at this edge and hands a canonical event to the
 * engine, which stores, dedupes (on X-Shopify-Webhook-Id) and enqueues: the answer goes back fast and the
 * Prima work happens in the worker.
 */
import type { OrderEventInput, Problem } from '@prima-connect/prima-core';
import { restOrderToCanonical, restRefundToCanonical } from '../shopify/converter.server.js';
import { type ComplianceReport, customerDataReport, redactCustomer, redactShop } from './gdpr.server.js';
import { type ShopifyHost, tenantIdForShop } from './host.server.js';

export const ORDER_TOPICS: Record<string, OrderEventInput['topic']> = {
  ORDERS_CREATE: 'order.created',
  ORDERS_PAID: 'order.paid',
  ORDERS_UPDATED: 'order.updated',
  ORDERS_CANCELLED: 'order.cancelled',
};

export interface WebhookInput {
  /** The library's topic form ("ORDERS_PAID") or Shopify's header form ("orders/paid"). */
  topic: string;
  shop: string;
  payload: unknown;
  webhookId: string;
  /** Cleans up sessions on uninstall / shop redact (the Remix app passes its session storage). */
  deleteSessions?: (shop: string) => Promise<void>;
}

export type WebhookOutcome =
  | { kind: 'order'; accepted: boolean; duplicate: boolean; ignoredReason?: string }
  | { kind: 'refund'; accepted: boolean; duplicate: boolean }
  | { kind: 'rejected'; problems: Problem[] }
  | { kind: 'uninstalled' }
  | { kind: 'compliance'; report: ComplianceReport }
  | { kind: 'ignored'; reason: string };

export function normaliseTopic(topic: string): string {
  return topic.includes('/') ? topic.replaceAll('/', '_').toUpperCase() : topic.toUpperCase();
}

export async function handleShopifyWebhook(host: ShopifyHost, input: WebhookInput): Promise<WebhookOutcome> {
  const topic = normaliseTopic(input.topic);
  const tenantId = tenantIdForShop(input.shop);
  const correlationId = `shopify:${input.webhookId}`;
  const log = host.logger.child({ tenantId, topic, correlationId });

  const orderTopic = ORDER_TOPICS[topic];
  if (orderTopic) {
    await host.ensureTenant(input.shop);
    const converted = restOrderToCanonical(input.payload);
    if (!converted.ok) {
      // Answer 200 anyway (Shopify would only resend the same unreadable body); a person sees the problem.
      log.warn(
        { problems: converted.problems.map((p) => p.code).join(',') },
        'order webhook could not be read',
      );
      await host.store.exceptions.raise({
        tenantId,
        code: 'invalid_order',
        subject: `webhook:${input.webhookId}`,
        problem: converted.problems[0] as Problem,
        lastSeenAt: host.clock.now().toISOString(),
        correlationId,
      });
      return { kind: 'rejected', problems: converted.problems };
    }
    const order = converted.value;
    // Once the order is in Prima (or on its way), the engine compares the store's order with the fingerprint
    // it took of the order it posted, which it read through Admin GraphQL. The webhook body is not that
    // same order: it carries no payment transaction ids (and no refunds' detail), so every write-back echo,
    // refund included, would look like an edit and, after the cut-off, raise a false cutoff_passed. Let
    // the engine read the order the same way it posted it; before posting, the body is enough.
    const link = await host.store.links.get(tenantId, order.storefrontOrderId);
    const inPrima = link?.state === 'posting' || link?.state === 'posted';
    const r = await host.engine.handleOrderEvent({
      tenantId,
      eventKey: input.webhookId,
      topic: orderTopic,
      storefrontOrderId: order.storefrontOrderId,
      ...(inPrima ? {} : { order }),
      correlationId,
    });
    log.info({ storefrontOrderId: order.storefrontOrderId, ...r }, 'order webhook handled');
    return { kind: 'order', ...r };
  }

  switch (topic) {
    case 'REFUNDS_CREATE': {
      await host.ensureTenant(input.shop);
      const refund = restRefundToCanonical(input.payload);
      if (!refund.ok) return { kind: 'rejected', problems: refund.problems };
      const r = await host.engine.handleRefundEvent({
        tenantId,
        eventKey: input.webhookId,
        refund: refund.value,
        correlationId,
      });
      return { kind: 'refund', ...r };
    }
    case 'APP_UNINSTALLED': {
      // The merchant removed the app: their sessions and everything the tenant owns go.
      await input.deleteSessions?.(input.shop);
      await host.engine.forgetTenant(tenantId);
      log.info({}, 'app uninstalled: tenant removed');
      return { kind: 'uninstalled' };
    }
    case 'CUSTOMERS_DATA_REQUEST':
      return {
        kind: 'compliance',
        report: await customerDataReport(host, tenantId, input.payload, correlationId),
      };
    case 'CUSTOMERS_REDACT':
      return {
        kind: 'compliance',
        report: await redactCustomer(host, tenantId, input.payload, correlationId),
      };
    case 'SHOP_REDACT':
      await input.deleteSessions?.(input.shop);
      return { kind: 'compliance', report: await redactShop(host, tenantId, correlationId) };
    default:
      return { kind: 'ignored', reason: `No handler for ${topic}` };
  }
}
