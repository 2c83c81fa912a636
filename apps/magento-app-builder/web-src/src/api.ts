import type { HostContext } from './host';

declare const __PRIMA_ADMIN_API__: string;

/**
 * Calls the admin-api runtime action. Its URL comes from `?api=` on the page (playground, tests), else
 * the deployed action URL fixed at build time (vite.config.ts, from the workspace's namespace); the admin's
 * IMS token goes along, since the action requires Adobe auth.
 */
const apiBase = (): string => {
  const fromQuery = new URLSearchParams(window.location.search).get('api');
  return (fromQuery ?? __PRIMA_ADMIN_API__).replace(/\/$/, '');
};

export class ApiError extends Error {}

export async function api<T>(host: HostContext, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiBase()}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(host.imsToken ? { authorization: `Bearer ${host.imsToken}` } : {}),
      ...(host.imsOrgId ? { 'x-gw-ims-org-id': host.imsOrgId } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json()) as T & {
    problem?: { message: string };
    error?: string;
    issues?: { path: string; message: string }[];
    missing?: string[];
  };
  if (!res.ok) {
    // A refused wizard step lists what is missing, in words; a refused body says which field.
    const issues = data.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    // Issues without a field path are already whole sentences for the merchant (e.g. the alert fields).
    const worded = data.issues?.length && data.issues.every((i) => !i.path) ? issues : undefined;
    const missing = data.missing?.length ? data.missing.join(' ') : undefined;
    throw new ApiError(
      data.problem?.message ??
        missing ??
        worded ??
        (issues ? `${data.error ?? 'Not accepted'}: ${issues}` : undefined) ??
        data.error ??
        `HTTP ${res.status}`,
    );
  }
  return data;
}
