/**
 * Renders docs/handbook/*.md with markdown-it. Node only (reads files): used by the generator
 * (scripts/generate.ts) and the tests, never by an app at run time, so no app depends on where the Markdown
 * sits on disk once it is built or bundled. Raw HTML is on: the source's only HTML is its own `<a id>`
 * anchors, which the apps' links target.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { HandbookPage } from './index.js';

/** Written into links at generation time, replaced by `renderHandbook(base, { ext })` in each app. */
export const BASE_TOKEN = '{{handbook-base}}';
export const EXT_TOKEN = '{{handbook-ext}}';

/**
 * The folder holding the handbook's Markdown: the first `docs/handbook` with a README.md found walking up
 * from each start (this module's folder, then the working directory). Walking up, rather than one fixed
 * relative path, keeps it working when this module is run from elsewhere (tsx from an app, a test's cwd).
 */
export function findHandbookSource(
  starts: string[] = [dirname(fileURLToPath(import.meta.url)), process.cwd()],
): string {
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'docs', 'handbook');
      if (existsSync(join(candidate, 'README.md'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`docs/handbook not found above ${starts.join(' or ')}`);
}

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/**
 * Links between handbook pages become `<base><slug><ext>#anchor` (as tokens, filled in per app); links to
 * files outside the handbook (the repository's READMEs) are not shipped with the apps, so they become plain
 * text naming the file.
 */
function rewriteLinks(html: string): string {
  return html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (whole, href: string, text: string) => {
    if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return whole;
    const [path = '', anchor] = href.split('#');
    if (/^[a-z0-9-]+\.md$/i.test(path)) {
      const target = `${BASE_TOKEN}${path.replace(/\.md$/i, '')}${EXT_TOKEN}${anchor ? `#${anchor}` : ''}`;
      return `<a href="${target}">${text}</a>`;
    }
    return `${text} (<code>${path.replace(/^(\.\.\/)+/, '')}</code>)`;
  });
}

/** Every page, README (slug `index`) first, with links between pages still as tokens. */
export function renderHandbookSource(dir: string = findHandbookSource()): HandbookPage[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
  return files.map((file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const title = /^# (.+)$/m.exec(source)?.[1]?.trim() ?? file;
    const slug = file === 'README.md' ? 'index' : file.replace(/\.md$/, '');
    return { slug, title, bodyHtml: rewriteLinks(markdown.render(source)) };
  });
}
