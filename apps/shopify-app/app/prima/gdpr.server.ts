/**
 * Shopify's mandatory compliance topics, honoured for real.
 *
 * What the app keeps per order: the link to Prima (Shopify order id and number, Prima order number, Prima
 * customer code, totals, states), exceptions about it, and audit entries. It never stores names, emails or
 * addresses: orders are read from Shopify when needed. So:
 * - customers/data_request: report everything held for the requested orders (returned, and audited);
 * - customers/redact: remove the Prima customer code and the content fingerprint from those links, and close
 *   their open exceptions (whose messages may quote the address), keeping only what accounting needs;
 * - shop/redact: remove the tenant and everything it owns.
 */
import type { ExceptionRecord, OrderLink } from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ShopifyHost } from './host.server.js';

const idLike = z.union([z.string(), z.number()]).transform(String);

export const dataRequestSchema = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: idLike, email: z.string().nullish(), phone: z.string().nullish() }),
  orders_requested: z.array(idLike).default([]),
  data_request: z.object({ id: idLike }).nullish(),
});

export const customerRedactSchema = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: idLike, email: z.string().nullish(), phone: z.string().nullish() }),
  orders_to_redact: z.array(idLike).default([]),
});

export interface ComplianceReport {
  topic: 'customers/data_request' | 'customers/redact' | 'shop/redact';
  tenantId: string;
  customerId?: string;
  orders: {
    storefrontOrderId: string;
    storefrontOrderNumber?: string;
    primaOrderNumber?: string;
    customerCode?: string;
    state?: string;
    totalMinor?: number;
    currency?: string;
    exceptions: Pick<ExceptionRecord, 'id' | 'code' | 'status' | 'firstSeenAt'>[];
  }[];
  redacted: number;
  tenantRemoved: boolean;
}

async function orderData(
  host: ShopifyHost,
  tenantId: string,
  id: string,
): Promise<{ link: OrderLink | null; exceptions: ExceptionRecord[] }> {
  const [link, exceptions] = await Promise.all([
    host.store.links.get(tenantId, id),
    host.store.exceptions.list(tenantId, { subject: `order:${id}` }),
  ]);
  return { link, exceptions };
}

export async function customerDataReport(
  host: ShopifyHost,
  tenantId: string,
  payload: unknown,
  correlationId: string,
): Promise<ComplianceReport> {
  const p = dataRequestSchema.parse(payload);
  const orders: ComplianceReport['orders'] = [];
  for (const id of p.orders_requested) {
    const { link, exceptions } = await orderData(host, tenantId, id);
    if (!link && exceptions.length === 0) continue;
    orders.push({
      storefrontOrderId: id,
      ...(link
        ? {
            storefrontOrderNumber: link.storefrontOrderNumber,
            primaOrderNumber: link.primaOrderNumber,
            ...(link.customerCode ? { customerCode: link.customerCode } : {}),
            state: link.state,
            totalMinor: link.totalMinor,
            currency: link.currency,
          }
        : {}),
      exceptions: exceptions.map((e) => ({
        id: e.id,
        code: e.code,
        status: e.status,
        firstSeenAt: e.firstSeenAt,
      })),
    });
  }
  await host.store.audit.append({
    tenantId,
    at: host.clock.now().toISOString(),
    actor: 'shopify',
    action: 'gdpr.data_request',
    subject: `customer:${p.customer.id}`,
    detail: {
      ordersRequested: p.orders_requested.length,
      ordersHeld: orders.length,
      report: JSON.stringify(orders),
    },
    correlationId,
  });
  return {
    topic: 'customers/data_request',
    tenantId,
    customerId: p.customer.id,
    orders,
    redacted: 0,
    tenantRemoved: false,
  };
}

export async function redactCustomer(
  host: ShopifyHost,
  tenantId: string,
  payload: unknown,
  correlationId: string,
): Promise<ComplianceReport> {
  const p = customerRedactSchema.parse(payload);
  const at = host.clock.now().toISOString();
  let redacted = 0;
  for (const id of p.orders_to_redact) {
    const { link } = await orderData(host, tenantId, id);
    if (link && (link.customerCode !== undefined || link.contentHash !== undefined)) {
      const { customerCode: _c, contentHash: _h, ...rest } = link;
      // Compare-and-swap: a worker updating the same link meanwhile wins, and we try once more.
      const saved = (await host.store.links.update(rest)) ?? (await retryRedact(host, tenantId, id));
      if (saved) redacted += 1;
    }
    redacted += await host.store.exceptions.resolveSubject(
      tenantId,
      `order:${id}`,
      'shopify',
      'Customer data redacted at the customer’s request',
      at,
    );
  }
  await host.store.audit.append({
    tenantId,
    at,
    actor: 'shopify',
    action: 'gdpr.customer_redacted',
    subject: `customer:${p.customer.id}`,
    detail: { orders: p.orders_to_redact.length, redacted },
    correlationId,
  });
  return {
    topic: 'customers/redact',
    tenantId,
    customerId: p.customer.id,
    orders: [],
    redacted,
    tenantRemoved: false,
  };
}

async function retryRedact(host: ShopifyHost, tenantId: string, id: string): Promise<OrderLink | null> {
  const fresh = await host.store.links.get(tenantId, id);
  if (!fresh) return null;
  const { customerCode: _c, contentHash: _h, ...rest } = fresh;
  return host.store.links.update(rest);
}

export async function redactShop(
  host: ShopifyHost,
  tenantId: string,
  _correlationId: string,
): Promise<ComplianceReport> {
  await host.engine.forgetTenant(tenantId);
  return { topic: 'shop/redact', tenantId, orders: [], redacted: 0, tenantRemoved: true };
}
