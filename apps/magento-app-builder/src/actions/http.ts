import { type Problem, ProblemError } from '@prima-connect/prima-core';

/** What Adobe I/O Runtime passes a raw-http web action, plus our inputs from app.config.yaml. */
export type ActionParams = Record<string, unknown> & {
  __ow_method?: string;
  __ow_headers?: Record<string, string>;
  __ow_body?: string;
  __ow_query?: string;
  __ow_path?: string;
};

export interface ActionResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body: unknown;
}

export const json = (statusCode: number, body: unknown): ActionResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body,
});

/** Runtime hands raw-http bodies over as text for textual content types, base64-encoded otherwise. */
export function rawBody(params: ActionParams): string {
  const body = params.__ow_body ?? '';
  const type = (params.__ow_headers?.['content-type'] ?? 'application/json').toLowerCase();
  const textual =
    type.includes('json') ||
    type.startsWith('text/') ||
    type.includes('xml') ||
    type.includes('x-www-form-urlencoded');
  return textual ? body : Buffer.from(body, 'base64').toString('utf8');
}

export function problemResponse(error: unknown): ActionResponse {
  if (error instanceof ProblemError)
    return json(error.problem.retryable ? 503 : 422, { problem: error.problem });
  const p: Problem = {
    code: 'storefront_api_error',
    message: 'Something went wrong in the Prima Connect app.',
    action: 'Try again; if it keeps happening, send the time of the error to your administrator.',
    retryable: true,
  };
  return json(500, { problem: p });
}

/** JSON.parse that answers undefined for text that is not JSON (the caller then refuses with 400). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
