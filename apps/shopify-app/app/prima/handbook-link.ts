/**
 * Where an exception's handbook entry is in this app: the pages are served by routes/handbook.$slug.tsx from
 * the handbook bundled into the server build, so the link works with no internet access. Computed here, not
 * imported from the handbook package, so the admin pages' client bundle stays free of prima-core; the test
 * checks it against the package's own path for every code.
 */
import type { ProblemCode } from '@prima-connect/prima-core';

export const HANDBOOK_BASE = '/handbook/';

export function problemHandbookHref(code: ProblemCode): string {
  return `${HANDBOOK_BASE}exceptions#exception-${code.replaceAll('_', '-')}`;
}
