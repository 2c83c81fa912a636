/**
 * The operations handbook, rendered for the apps. The Markdown in docs/handbook is the one source: each app
 * serves these pages (Shopify, the connector service) or ships them in its bundle (WooCommerce plugin, App
 * Builder web assets), so an exception's "what to do" link works on a store with no internet access.
 * markdown-it with raw HTML on: the only HTML in the source is our own `<a id>` anchors, written in this repo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlertKind,
  alertHandbookAnchor,
  handbookAnchor,
  type ProblemCode,
} from '@prima-connect/prima-core';
import MarkdownIt from 'markdown-it';

export const HANDBOOK_SOURCE_DIR = fileURLToPath(new URL('../../../docs/handbook/', import.meta.url));

export interface HandbookPage {
  /** The page's name in URLs: the Markdown file name without `.md` ("exceptions", "flows"). */
  slug: string;
  title: string;
  /** The page body (no <html> wrapper), for embedding in an app's own layout. */
  bodyHtml: string;
}

/** Where an exception's entry is, relative to the handbook's base URL: `exceptions#exception-unmapped-sku`. */
export function problemHandbookPath(code: ProblemCode): string {
  return `exceptions#${handbookAnchor(code)}`;
}

/** Where an alert's own entry is, relative to the handbook's base URL. */
export function alertHandbookPath(kind: AlertKind): string {
  return `exceptions#${alertHandbookAnchor(kind)}`;
}

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/**
 * Links between handbook pages become `<base><slug>#anchor`; links to files outside the handbook (the
 * repository's READMEs) are not served by the apps, so they become plain text naming the file.
 */
function rewriteLinks(html: string, base: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (whole, href: string, text: string) => {
    if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return whole;
    const [path = '', anchor] = href.split('#');
    if (/^[a-z0-9-]+\.md$/i.test(path)) {
      const target = `${base}${path.replace(/\.md$/i, '')}${anchor ? `#${anchor}` : ''}`;
      return `<a href="${target}">${text}</a>`;
    }
    return `${text} (<code>${path.replace(/^(\.\.\/)+/, '')}</code>)`;
  });
}

/** Every page of the handbook, README first, rendered with links under `base` (e.g. "/app/handbook/"). */
export function renderHandbook(base: string): HandbookPage[] {
  const files = readdirSync(HANDBOOK_SOURCE_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
  return files.map((file) => {
    const source = readFileSync(join(HANDBOOK_SOURCE_DIR, file), 'utf8');
    const title = /^# (.+)$/m.exec(source)?.[1]?.trim() ?? file;
    const slug = file === 'README.md' ? 'index' : file.replace(/\.md$/, '');
    return { slug, title, bodyHtml: rewriteLinks(markdown.render(source), base) };
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A page as a standalone HTML document: readable on its own, in a new tab, with no external assets. */
export function handbookDocument(page: HandbookPage, base: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} - Prima Connect handbook</title>
<style>
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
pre{background:#f4f4f4;padding:.75rem;overflow-x:auto;font-size:12px;line-height:1.35}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
a[id]{scroll-margin-top:1rem}:target+h2{background:#fff4c2}nav{margin-bottom:1.5rem}
</style></head><body>
<nav><a href="${base}index">Prima Connect handbook</a></nav>
${page.bodyHtml}
</body></html>
`;
}
