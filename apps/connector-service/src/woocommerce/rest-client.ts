/**
 * A small WooCommerce REST v3 client: consumer key/secret over HTTP Basic (WooCommerce accepts it on
 * HTTPS, and on the local emulator), JSON in and out, replies validated with the caller's zod schema.
 * Failures become ProblemError(storefront_api_error) with words a clerk can act on; the consumer secret
 * never appears in an error or a log line.
 */
import { ProblemError, problem } from '@prima-connect/prima-core';
import type { z } from 'zod';
import { wooErrorSchema } from './schemas.js';

export interface WooCredentials {
  /** The shop's site URL, e.g. https://shop.example (no trailing /wp-json). */
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface WooReply<T> {
  data: T;
  status: number;
  totalPages: number;
}

export class WooRestClient {
  /** Calls made since creation (benchmarks and the stock report read it). */
  calls = 0;
  private readonly base: string;
  private readonly auth: string;

  constructor(
    creds: WooCredentials,
    private readonly opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
  ) {
    this.base = `${creds.siteUrl.replace(/\/+$/, '')}/wp-json/wc/v3`;
    this.auth = `Basic ${Buffer.from(`${creds.consumerKey}:${creds.consumerSecret}`).toString('base64')}`;
  }

  async request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    opts: { query?: Record<string, string | number | boolean>; body?: unknown; allow404?: boolean } = {},
  ): Promise<WooReply<z.infer<S>> | null> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
    const doFetch = this.opts.fetch ?? fetch;
    this.calls += 1;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new ProblemError(
        problem(
          'storefront_api_error',
          `The WooCommerce shop did not answer (${method} ${path}).`,
          'Check the shop is online and reachable from the connector; the connector retries on its own.',
          { path, reason: err instanceof Error ? err.name : 'error' },
          true,
        ),
      );
    }
    const text = await res.text();
    if (res.status === 404 && opts.allow404) return null;
    if (!res.ok) {
      const err = wooErrorSchema.safeParse(safeJson(text));
      const code = err.success ? err.data.code : `http_${res.status}`;
      const auth = res.status === 401 || res.status === 403;
      throw new ProblemError(
        problem(
          'storefront_api_error',
          auth
            ? "WooCommerce refused the connector's REST API key."
            : `WooCommerce refused ${method} ${path}: ${err.success ? err.data.message : `HTTP ${res.status}`}`,
          auth
            ? 'Create a REST API key with Read/Write access in WooCommerce > Settings > Advanced > REST API and save it in Prima Connect settings.'
            : 'Check the order or product in WooCommerce; retry once it is fixed.',
          { path, status: res.status, wooCode: code },
          res.status >= 500 || res.status === 429,
        ),
      );
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new ProblemError(
        problem(
          'storefront_api_error',
          `WooCommerce answered ${method} ${path} with something the connector cannot read.`,
          'A plugin may be changing REST replies; report it to support with the time it happened.',
          { path },
          false,
        ),
      );
    }
    return {
      data: parsed.data,
      status: res.status,
      totalPages: Number(res.headers.get('x-wp-totalpages') ?? '1') || 1,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
