/**
 * The first-run wizard's API (`/v1/onboarding/*`): one route per prima-core OnboardingEngine call, for the
 * plugin's Setup screen. Registered in the admin scope, after its key check: the tenant is the store key's
 * tenant, the actor the `X-Prima-User` header. Bodies are validated here with zod; the engine validates
 * again and keeps the rules (only goLive switches posting and stock sync on).
 *
 *   GET  /v1/onboarding                      progress            POST /v1/onboarding/test-connection {prima?}
 *   POST /v1/onboarding/connect {prima, vatInclusive}           POST /v1/onboarding/propose
 *   POST /v1/onboarding/apply {skus}         POST /v1/onboarding/map-sku {sku, item, kind?}
 *   GET  /v1/onboarding/locations            PUT  /v1/onboarding/maps {shipping, payment, locations, defaultWarehouse, pattern?}
 *   POST /v1/onboarding/stock-preview        POST /v1/onboarding/steps/:step/complete   POST /v1/onboarding/go-live
 */
import {
  applyProposalsInputSchema,
  manualMappingInputSchema,
  ONBOARDING_STEPS,
  type OnboardingEngine,
  onboardingMapsInputSchema,
  ProblemError,
  type Store,
} from '@prima-connect/prima-core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export interface OnboardingDeps {
  /** The engine's wizard calls (createEngine returns them); without it every route answers 501. */
  onboarding?: OnboardingEngine | undefined;
  store: Store;
}

const actorHeader = z.string().trim().min(1).max(100).catch('wordpress');
// Loose on purpose: an address that is not a web address gets the engine's plain-words answer, not a 400.
const primaInput = z.object({
  url: z.string().trim().min(1).max(2000),
  companyId: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => (v ? v : undefined)),
  timeoutMs: z.number().int().min(100).max(300_000).optional(),
});
const testBody = z.object({ prima: primaInput.optional() });
const connectBody = z.object({ prima: primaInput, vatInclusive: z.boolean() });
// The engine's own input schemas: what this API accepts is exactly what the engine takes.
const applyBody = applyProposalsInputSchema;
const mapSkuBody = manualMappingInputSchema;
const mapsBody = onboardingMapsInputSchema;
const stepParams = z.object({ step: z.enum(ONBOARDING_STEPS) });

function bad(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({
    error: 'invalid_request',
    message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  });
}

function tenantOf(req: FastifyRequest): string {
  if (!req.account) throw new Error('unauthenticated request reached an onboarding handler');
  return req.account.tenantId;
}

const actorOf = (req: FastifyRequest) => actorHeader.parse(req.headers['x-prima-user']);

export async function onboardingRoutes(app: FastifyInstance, deps: OnboardingDeps): Promise<void> {
  /**
   * Runs one wizard call: 501 without the engine's wizard calls; 409 in words when Prima is not connected
   * yet (the engine's own error says "tenant ... connect step"); a Prima or WooCommerce problem as 502 with
   * its clerk-readable Problem; an input the engine refuses as 400.
   */
  async function run(
    req: FastifyRequest,
    reply: FastifyReply,
    call: (engine: OnboardingEngine, tenantId: string) => Promise<unknown>,
    opts: { needsConnection?: boolean } = {},
  ) {
    const engine = deps.onboarding;
    if (!engine)
      return reply
        .code(501)
        .send({ error: 'not_available', message: 'The setup wizard is not available on this connector.' });
    const tenantId = tenantOf(req);
    if (opts.needsConnection !== false && !(await deps.store.settings.get(tenantId)))
      return reply.code(409).send({
        error: 'not_connected',
        message: 'Connect Prima first: no Prima connection is saved for this shop yet.',
      });
    try {
      return await call(engine, tenantId);
    } catch (err) {
      if (err instanceof ProblemError)
        return reply.code(502).send({ error: err.problem.code, problem: err.problem });
      // The engine validates with its own zod copy: recognised by name, not by class.
      if (err instanceof Error && err.name === 'ZodError') return bad(reply, err as z.ZodError);
      throw err;
    }
  }

  app.get('/v1/onboarding', (req, reply) =>
    run(req, reply, (e, t) => e.onboardingState(t), { needsConnection: false }),
  );

  app.post('/v1/onboarding/test-connection', (req, reply) => {
    // PHP's relay encodes an empty JSON object as [] (an empty array): both mean "no details".
    const raw = Array.isArray(req.body) && req.body.length === 0 ? {} : (req.body ?? {});
    const body = testBody.safeParse(raw);
    if (!body.success) return bad(reply, body.error);
    const prima = body.data.prima;
    // Typed details are tested without saving anything; no details means the saved connection.
    return run(req, reply, (e, t) => e.testConnection(t, prima), { needsConnection: prima === undefined });
  });

  app.post('/v1/onboarding/connect', (req, reply) => {
    const body = connectBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    return run(req, reply, (e, t) => e.connect(t, body.data, actorOf(req)), { needsConnection: false });
  });

  app.post('/v1/onboarding/propose', (req, reply) =>
    run(req, reply, (e, t) => e.proposeMappings(t, actorOf(req))),
  );

  app.post('/v1/onboarding/apply', (req, reply) => {
    const body = applyBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    return run(req, reply, (e, t) => e.applyProposedMappings(t, body.data.skus, actorOf(req)));
  });

  app.post('/v1/onboarding/map-sku', (req, reply) => {
    const body = mapSkuBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    return run(req, reply, async (e, t) => ({ mapping: await e.mapSkuInPlace(t, body.data, actorOf(req)) }));
  });

  app.get('/v1/onboarding/locations', (req, reply) =>
    run(req, reply, async (e, t) => ({ locations: await e.storefrontLocations(t) })),
  );

  app.put('/v1/onboarding/maps', (req, reply) => {
    const body = mapsBody.safeParse(req.body);
    if (!body.success) return bad(reply, body.error);
    const { pattern, ...rest } = body.data;
    return run(req, reply, (e, t) =>
      e.saveOnboardingMaps(t, pattern ? { ...rest, pattern } : rest, actorOf(req)),
    );
  });

  // POST, not GET: showing the preview is recorded (the preview step needs one).
  app.post('/v1/onboarding/stock-preview', (req, reply) => run(req, reply, (e, t) => e.previewStockPush(t)));

  app.post('/v1/onboarding/steps/:step/complete', (req, reply) => {
    const p = stepParams.safeParse(req.params);
    if (!p.success) return bad(reply, p.error);
    return run(req, reply, (e, t) => e.completeOnboardingStep(t, p.data.step, actorOf(req)), {
      needsConnection: false,
    });
  });

  app.post('/v1/onboarding/go-live', (req, reply) =>
    run(
      req,
      reply,
      async (e, t) => {
        const result = await e.goLive(t, actorOf(req));
        // Refused (something is missing): 409 with the list, so the screen shows what to finish first.
        return result.ok ? result : reply.code(409).send(result);
      },
      { needsConnection: false },
    ),
  );
}
