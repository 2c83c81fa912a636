/**
 * A small Admin GraphQL client that respects Shopify's cost-based rate limit. It learns each operation's
 * requested cost and the bucket's state from `extensions.cost` in every response, waits before a request the
 * bucket cannot afford, and on a THROTTLED reply waits exactly as long as the bucket needs to refill.
 * The transport is pluggable: fetch against a shop (or the emulator), or the Remix app's `admin.graphql`.
 */
import { ProblemError, problem } from '@prima-connect/prima-core';
import { z } from 'zod';
import { SHOPIFY_API_VERSION } from './api-version.js';

const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});

export const graphqlResponseSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(
      z
        .object({
          message: z.string(),
          extensions: z.object({ code: z.string().optional() }).passthrough().optional(),
        })
        .passthrough(),
    )
    .optional(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          actualQueryCost: z.number().nullish(),
          throttleStatus: throttleStatusSchema,
        })
        .optional(),
    })
    .passthrough()
    .optional(),
});
export type GraphqlResponse = z.infer<typeof graphqlResponseSchema>;
export type ThrottleStatus = z.infer<typeof throttleStatusSchema>;

/** Sends one document; returns Shopify's JSON reply (data, errors, extensions) or throws on transport failure. */
export type AdminTransport = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

/** fetch against https://{shop}/admin/api/{version}/graphql.json (or the emulator's equivalent URL). */
export function fetchTransport(opts: {
  endpoint: string;
  accessToken: string;
  fetch?: typeof fetch;
}): AdminTransport {
  const f = opts.fetch ?? fetch;
  return async (query, variables) => {
    const res = await f(opts.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Shopify-Access-Token': opts.accessToken,
      },
      body: JSON.stringify({ query, variables }),
    });
    if (res.status === 401 || res.status === 403) {
      throw new ProblemError(
        problem(
          'storefront_api_error',
          'Shopify refused the app’s access token.',
          'Open the app in Shopify admin so it can sign in again, or reinstall it.',
          { status: res.status },
          false,
        ),
      );
    }
    if (!res.ok) {
      throw new ProblemError(
        problem(
          'storefront_api_error',
          `Shopify answered with HTTP ${res.status}.`,
          'Nothing to do: it is retried automatically.',
          { status: res.status },
        ),
      );
    }
    return res.json();
  };
}

export function shopEndpoint(shopDomain: string, apiVersion: string = SHOPIFY_API_VERSION): string {
  return `https://${shopDomain}/admin/api/${apiVersion}/graphql.json`;
}

/** The shape of `admin.graphql` from @shopify/shopify-app-remix (a fetch-like Response). */
export interface RemixAdminGraphql {
  graphql(
    query: string,
    options?: { variables?: Record<string, unknown> },
  ): Promise<{ json(): Promise<unknown> }>;
}

/** Wraps the Remix app's admin client; its GraphQL errors (thrown with a `body`) become ordinary replies. */
export function remixTransport(admin: RemixAdminGraphql): AdminTransport {
  return async (query, variables) => {
    try {
      const res = await admin.graphql(query, { variables });
      return await res.json();
    } catch (e) {
      const body = (e as { body?: unknown }).body;
      if (body && typeof body === 'object') return body;
      throw e;
    }
  };
}

export interface AdminClientOptions {
  transport: AdminTransport;
  /** Injected for tests (they advance a fake clock instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** THROTTLED replies retried before giving up. */
  maxThrottleRetries?: number;
}

export interface AdminClientStats {
  calls: number;
  throttled: number;
  waitedMs: number;
}

export class AdminClient {
  readonly stats: AdminClientStats = { calls: 0, throttled: 0, waitedMs: 0 };
  private bucket: { status: ThrottleStatus; at: number } | null = null;
  private readonly knownCost = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: AdminClientOptions) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? (() => Date.now());
  }

  /** Points the bucket holds now, by the last reported figure plus what has leaked back in since. */
  estimatedAvailable(): number | null {
    if (!this.bucket) return null;
    const { status, at } = this.bucket;
    return Math.min(
      status.maximumAvailable,
      status.currentlyAvailable + ((this.now() - at) / 1000) * status.restoreRate,
    );
  }

  private async waitFor(cost: number): Promise<void> {
    const available = this.estimatedAvailable();
    if (available === null || !this.bucket || available >= cost) return;
    const ms = Math.ceil(((cost - available) / this.bucket.status.restoreRate) * 1000);
    this.stats.waitedMs += ms;
    await this.sleep(ms);
  }

  /**
   * Runs a document and returns its `data`. GraphQL errors other than THROTTLED throw a ProblemError
   * (storefront_api_error); userErrors are in `data` for the caller to judge.
   */
  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const retries = this.opts.maxThrottleRetries ?? 8;
    for (let attempt = 0; ; attempt++) {
      const expected = this.knownCost.get(query);
      if (expected !== undefined) await this.waitFor(expected);
      this.stats.calls += 1;
      let raw: unknown;
      try {
        raw = await this.opts.transport(query, variables);
      } catch (e) {
        if (e instanceof ProblemError) throw e;
        throw new ProblemError(
          problem(
            'storefront_api_error',
            `Shopify could not be reached (${(e as Error).message}).`,
            'Nothing to do: it is retried automatically.',
            {},
          ),
        );
      }
      const parsed = graphqlResponseSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ProblemError(
          problem(
            'storefront_api_error',
            'Shopify sent a reply the app could not read.',
            'Nothing to do: it is retried automatically.',
            {},
          ),
        );
      }
      const reply = parsed.data;
      const cost = reply.extensions?.cost;
      if (cost) {
        this.bucket = { status: cost.throttleStatus, at: this.now() };
        if (cost.requestedQueryCost != null) this.knownCost.set(query, cost.requestedQueryCost);
      }
      const throttled = reply.errors?.some((e) => e.extensions?.code === 'THROTTLED');
      if (throttled) {
        this.stats.throttled += 1;
        if (attempt >= retries) {
          throw new ProblemError(
            problem(
              'storefront_api_error',
              'Shopify kept asking the app to slow down.',
              'Nothing to do: the work is retried automatically.',
              { throttled: attempt + 1 },
            ),
          );
        }
        // Wait until the bucket holds the requested cost (or one restore second when Shopify did not say).
        await this.waitFor(cost?.requestedQueryCost ?? cost?.throttleStatus.restoreRate ?? 50);
        if (!cost) await this.sleep(1000);
        continue;
      }
      if (reply.errors?.length) {
        const first = reply.errors[0];
        throw new ProblemError(
          problem(
            'storefront_api_error',
            `Shopify refused a request: ${first?.message ?? 'unknown error'}`,
            'If this keeps happening, report it to support with the time it happened.',
            { code: String(first?.extensions?.code ?? ''), errors: reply.errors.length },
            false,
          ),
        );
      }
      return (reply.data ?? {}) as T;
    }
  }
}
