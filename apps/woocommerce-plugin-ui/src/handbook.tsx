/**
 * Links to the operations handbook shipped inside the plugin (handbook/*.html, generated from docs/handbook
 * by packages/handbook): plain files next to the plugin's code, so they open with no internet access. The
 * PHP bootstrap prints their URL; without it (a page that did not get the bootstrap) no link is shown.
 */
import { __ } from '@wordpress/i18n';

/** The entry of an exception code: same anchor as prima-core's handbookAnchor (checked by the tests). */
export function problemHandbookHref(code: string, base = window.primaConnect?.handbook): string | null {
  if (!base) return null;
  return `${base.endsWith('/') ? base : `${base}/`}exceptions.html#exception-${code.replaceAll('_', '-')}`;
}

export function HandbookLink({ code }: { code: string }) {
  const href = problemHandbookHref(code);
  if (!href) return null;
  return (
    <a className="prima-connect-handbook-link" href={href} target="_blank" rel="noreferrer">
      {__('Step by step in the handbook', 'prima-connect')}
    </a>
  );
}
