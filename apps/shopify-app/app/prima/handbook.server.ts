/**
 * Absolute addresses of this app's handbook pages, for what leaves the admin page: the order block (an
 * extension, which resolves nothing against the app) and alerts (e-mail, chat). The public address is the
 * app URL Shopify knows the app by (SHOPIFY_APP_URL); without it, the request's own origin.
 */
import type { ProblemCode } from '@prima-connect/prima-core';
import { HANDBOOK_BASE, problemHandbookHref } from './handbook-link.js';

const publicOrigin = (request?: Request): string | undefined =>
  process.env.SHOPIFY_APP_URL || (request ? new URL(request.url).origin : undefined);

/** The exceptions page of the handbook, absolute, as alerts link to it (`<url>#<anchor>`); undefined when unknown. */
export function handbookExceptionsUrl(request?: Request): string | undefined {
  const origin = publicOrigin(request);
  return origin ? new URL(`${HANDBOOK_BASE}exceptions`, origin).href : undefined;
}

export function problemHandbookUrl(code: ProblemCode, request?: Request): string | undefined {
  const origin = publicOrigin(request);
  return origin ? new URL(problemHandbookHref(code), origin).href : undefined;
}
