/**
 * The operations handbook, as each app ships it. The Markdown in docs/handbook is the one source; it is
 * rendered ahead of time (scripts/generate.ts) into generated/pages.ts, which bundles into any app's server
 * build (the Shopify app's Vite build, the connector service), and into static HTML files shipped inside
 * the WooCommerce plugin and the App Builder web assets. So an exception's "what to do" link works on a
 * store with no internet access, and nothing here reads files at run time. The generator's output is
 * checked against the Markdown by this package's test.
 */
import {
  type AlertKind,
  alertHandbookAnchor,
  handbookAnchor,
  type ProblemCode,
} from '@prima-connect/prima-core';
import { PAGES } from '../generated/pages.js';

export interface HandbookPage {
  /** The page's name in URLs: the Markdown file name without `.md` ("exceptions", "flows"). */
  slug: string;
  title: string;
  /** The page body (no <html> wrapper), for embedding in an app's own layout. */
  bodyHtml: string;
}

/** Where an exception's entry is, relative to the handbook's base URL: `exceptions#exception-unmapped-sku`. */
export function problemHandbookPath(code: ProblemCode, ext = ''): string {
  return `exceptions${ext}#${handbookAnchor(code)}`;
}

/** Where an alert's own entry is, relative to the handbook's base URL. */
export function alertHandbookPath(kind: AlertKind, ext = ''): string {
  return `exceptions${ext}#${alertHandbookAnchor(kind)}`;
}

/**
 * Every page of the handbook, README (slug `index`) first, with links between pages pointing at
 * `<base><slug><ext>` (e.g. base "/handbook/" for a served route; base "" and ext ".html" for static files
 * side by side).
 */
export function renderHandbook(base: string, ext = ''): HandbookPage[] {
  return PAGES.map((p) => ({
    ...p,
    bodyHtml: p.bodyHtml.replaceAll('{{handbook-base}}', base).replaceAll('{{handbook-ext}}', ext),
  }));
}

/** One page by slug (only the known slugs: the slug comes from a URL). */
export function handbookPage(slug: string, base: string, ext = ''): HandbookPage | undefined {
  return renderHandbook(base, ext).find((p) => p.slug === slug);
}

/** The slugs of every page, for routes and static file lists. */
export const HANDBOOK_SLUGS: readonly string[] = PAGES.map((p) => p.slug);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A page as a standalone HTML document: readable on its own, in a new tab, with no external assets. */
export function handbookDocument(page: HandbookPage, base: string, ext = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} - Prima Connect handbook</title>
<style>
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
pre{background:#f4f4f4;padding:.75rem;overflow-x:auto;font-size:12px;line-height:1.35}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
a[id]{scroll-margin-top:1rem}p:has(>a:target)+h2,p:has(>a:target)+h3{background:#fff4c2}nav{margin-bottom:1.5rem}
</style></head><body>
<nav><a href="${base}index${ext}">Prima Connect handbook</a></nav>
${page.bodyHtml}
</body></html>
`;
}

/** The whole handbook as standalone files `<slug>.html`, linking to each other: what the static copies hold. */
export function handbookFiles(): { name: string; html: string }[] {
  return renderHandbook('', '.html').map((p) => ({
    name: `${p.slug}.html`,
    html: handbookDocument(p, '', '.html'),
  }));
}
