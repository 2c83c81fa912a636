import { ProblemError, problem } from '@prima-connect/prima-core';

/**
 * A thin client for Commerce REST V1 with an integration token. It owns the wire rules: bearer auth,
 * JSON bodies, retry on 429/503 honouring Retry-After (bounded), and Commerce's error shape turned into
 * a readable sentence. Business-level handling stays in the gateway.
 */
export interface CommerceClientOptions {
  /** e.g. https://shop.example.com (the client adds /rest/<store>/V1/...). */
  baseUrl: string;
  accessToken: string;
  storeCode?: string;
  fetch?: typeof fetch;
  maxRetries?: number;
  /** Upper bound for one wait, whatever Retry-After says. */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CommerceErrorBody {
  message?: string;
  parameters?: Record<string, string> | string[];
}

/** Commerce writes messages with placeholders (%fieldName or %1) next to their values. */
export function formatCommerceMessage(body: CommerceErrorBody): string {
  let text = body.message ?? 'Commerce returned an error without a message.';
  const params = body.parameters;
  if (Array.isArray(params)) {
    for (const [i, v] of params.entries()) text = text.replaceAll(`%${i + 1}`, String(v));
  } else if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`%${k}`, String(v));
  return text;
}

export class CommerceHttpError extends ProblemError {
  constructor(
    readonly status: number,
    readonly body: CommerceErrorBody,
    readonly route: string,
  ) {
    const text = formatCommerceMessage(body);
    const retryable = status === 429 || status >= 500;
    super(
      problem(
        'storefront_api_error',
        `Adobe Commerce refused ${route}: ${text}`,
        retryable
          ? 'Nothing to do: it is retried automatically.'
          : 'Check the order or product in Commerce, then retry from the exceptions screen.',
        { status, route },
        retryable,
      ),
    );
  }
}

export interface CommerceClient {
  readonly calls: number;
  get<T>(path: string, query?: Record<string, string | number>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** `/rest/<store>/async/bulk/V1/...`: Commerce queues each array element as one operation. */
  postAsyncBulk<T>(path: string, elements: unknown[]): Promise<T>;
}

export function createCommerceClient(options: CommerceClientOptions): CommerceClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/$/, '');
  const store = options.storeCode ?? 'default';
  const maxRetries = options.maxRetries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let calls = 0;

  async function send<T>(
    method: string,
    url: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    for (let attempt = 0; ; attempt++) {
      calls++;
      let res: Response;
      try {
        res = await doFetch(url, {
          method,
          headers: {
            authorization: `Bearer ${options.accessToken}`,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        if (attempt < maxRetries) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        throw new ProblemError(
          problem(
            'storefront_api_error',
            `Adobe Commerce could not be reached (${route}).`,
            'Nothing to do: it is retried automatically.',
            { route, error: String(err) },
            true,
          ),
        );
      }
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (res.ok) return { status: res.status, body: parsed as T };
      if ((res.status === 429 || res.status === 503) && attempt < maxRetries) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(
          Math.min(
            Number.isFinite(after) && after > 0 ? after * 1000 : 500 * 2 ** attempt,
            options.maxRetryWaitMs ?? 10_000,
          ),
        );
        continue;
      }
      throw new CommerceHttpError(res.status, (parsed ?? {}) as CommerceErrorBody, route);
    }
  }

  const qs = (query?: Record<string, string | number>) =>
    query && Object.keys(query).length
      ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`
      : '';

  return {
    get calls() {
      return calls;
    },
    get: async <T>(path: string, query?: Record<string, string | number>) =>
      (await send<T>('GET', `${base}/rest/${store}${path}${qs(query)}`, `GET ${path}`)).body,
    post: <T>(path: string, body: unknown) =>
      send<T>('POST', `${base}/rest/${store}${path}`, `POST ${path}`, body),
    postAsyncBulk: async <T>(path: string, elements: unknown[]) =>
      (await send<T>('POST', `${base}/rest/${store}/async/bulk${path}`, `POST async/bulk ${path}`, elements))
        .body,
  };
}

/** searchCriteria query parameters in the spelling of Adobe's published schema. */
export function searchCriteria(
  filters: { field: string; value: string; conditionType?: string }[],
  pageSize: number,
  currentPage: number,
): Record<string, string | number> {
  const q: Record<string, string | number> = {
    'searchCriteria[pageSize]': pageSize,
    'searchCriteria[currentPage]': currentPage,
  };
  filters.forEach((f, i) => {
    q[`searchCriteria[filterGroups][${i}][filters][0][field]`] = f.field;
    q[`searchCriteria[filterGroups][${i}][filters][0][value]`] = f.value;
    q[`searchCriteria[filterGroups][${i}][filters][0][conditionType]`] = f.conditionType ?? 'eq';
  });
  return q;
}
