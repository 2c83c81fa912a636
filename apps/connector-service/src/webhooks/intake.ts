/**
 * POST /webhooks/woocommerce/:tenantId: the shop's webhooks land here. It answers fast (verify, store,
 * enqueue: the worker posts to Prima), because WooCommerce disables a webhook after a handful of slow or
 * failed deliveries. The ping WooCommerce sends on creation (form-encoded, unsigned) gets a plain 200.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, type Engine, type Logger, type Order, ProblemError } from '@prima-connect/prima-core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Accounts } from '../accounts/accounts.js';
import { decideWooWebhook } from './events.js';
import { verifyWooSignature } from './signature.js';

const params = z.object({ tenantId: z.string().regex(/^[a-z0-9_]{1,64}$/) });

export interface IntakeDeps {
  accounts: Accounts;
  engine: Engine;
  clock: Clock;
  logger: Logger;
}

const withRefunds = z.looseObject({ refunds: z.array(z.looseObject({ id: z.number() })).min(1) });

/**
 * order.updated also fires when a refund is made (REST.md), but carries only refund ids and totals: the
 * details are read from the shop (one REST call, to the shop that just called us) and handed to the
 * engine, which dedupes on the refund id. A failure here is logged; the order event is already safe.
 */
async function passRefunds(
  deps: IntakeDeps,
  tenantId: string,
  order: Order | undefined,
  payload: unknown,
  correlationId: string,
  log: Logger,
): Promise<number> {
  if (!order || !withRefunds.safeParse(payload).success) return 0;
  try {
    const gateway = await deps.accounts.gatewayFor(tenantId);
    if (!gateway) return 0;
    const refunds = await gateway.listRefunds(order);
    for (const refund of refunds) {
      await deps.engine.handleRefundEvent({
        tenantId,
        eventKey: `refund:${order.storefrontOrderId}:${refund.storefrontRefundId}`,
        refund,
        correlationId,
      });
    }
    return refunds.length;
  } catch (err) {
    log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'woocommerce refunds could not be read',
    );
    return 0;
  }
}

export async function webhookIntake(app: FastifyInstance, deps: IntakeDeps): Promise<void> {
  // Raw bytes: the signature is over the body exactly as sent.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/webhooks/woocommerce/:tenantId', { bodyLimit: 5 * 1024 * 1024 }, async (req, reply) => {
    const p = params.safeParse(req.params);
    if (!p.success) return reply.code(404).send({ error: 'unknown store' });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.headers['x-wc-webhook-signature'];
    const topic = req.headers['x-wc-webhook-topic'];
    const correlationId = randomUUID();
    const log = deps.logger.child({ tenantId: p.data.tenantId, correlationId, topic });

    if (!signature && /^webhook_id=\d+$/.test(raw.toString('utf8'))) {
      log.info({}, 'woocommerce webhook ping');
      return reply.code(200).send({ ok: true });
    }
    const account = await deps.accounts.get(p.data.tenantId);
    if (!account) return reply.code(404).send({ error: 'unknown store' });
    if (
      !verifyWooSignature(
        raw,
        typeof signature === 'string' ? signature : undefined,
        deps.accounts.webhookSecret(account),
      )
    ) {
      log.warn({}, 'woocommerce webhook with a bad signature refused');
      return reply.code(401).send({ error: 'bad signature' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'body is not JSON' });
    }
    const decision = decideWooWebhook(typeof topic === 'string' ? topic : undefined, payload);
    await deps.accounts.touch(account.tenantId, 'lastWebhookAt', deps.clock.now().toISOString());
    if (decision.kind === 'ignore') return reply.code(200).send({ ignored: decision.reason });
    // A body we cannot read is answered 200 too: a 4xx would count towards WooCommerce disabling the
    // webhook, and polling picks the order up through the REST API anyway.
    if (decision.kind === 'invalid') {
      log.warn({ reason: decision.reason }, 'woocommerce webhook body not usable');
      return reply.code(200).send({ ignored: decision.reason });
    }
    let result: Awaited<ReturnType<Engine['handleOrderEvent']>>;
    try {
      try {
        result = await deps.engine.handleOrderEvent({
          ...decision.event,
          tenantId: account.tenantId,
          correlationId,
        });
      } catch (err) {
        if (!decision.event.order) throw err;
        // The converted order failed the engine's own input checks (zero or negative quantities): hand the
        // event over without it, so the engine loads the order itself and judges it there.
        log.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'woocommerce order body refused; passed on without it',
        );
        const { order: _unusable, ...bare } = decision.event;
        result = await deps.engine.handleOrderEvent({ ...bare, tenantId: account.tenantId, correlationId });
      }
    } catch (err) {
      // Not retryable (the order itself is unusable, e.g. an unknown currency): a typed 422 that the shop's
      // webhook log shows, instead of a 500 that looks like an outage.
      if (err instanceof ProblemError && !err.problem.retryable) {
        log.warn({ code: err.problem.code }, 'woocommerce order cannot be taken');
        return reply.code(422).send({ problem: err.problem });
      }
      throw err;
    }
    log.info({ eventKey: decision.event.eventKey, ...result }, 'woocommerce order event');
    const refunds = await passRefunds(
      deps,
      account.tenantId,
      decision.event.order,
      payload,
      correlationId,
      log,
    );
    return reply.code(200).send({ ...result, refunds });
  });
}
