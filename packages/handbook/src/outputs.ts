/**
 * What the generator writes, computed fresh from the Markdown: the bundle every server build imports and
 * the static copies shipped inside the apps that serve plain files. Node only. The test compares these with
 * the files in the repository, so an edited handbook that was not regenerated fails CI instead of shipping
 * stale entries.
 */
import { dirname, join } from 'node:path';
import { type HandbookPage, handbookDocument } from './index.js';
import { BASE_TOKEN, EXT_TOKEN, findHandbookSource, renderHandbookSource } from './render.js';

/** Folders (relative to the repository root) that ship the handbook as static `<slug>.html` files. */
export const STATIC_COPIES = [
  // The WordPress plugin: served as plain files next to the plugin's code (plugins_url), no build needed.
  'apps/woocommerce-plugin-ui/handbook',
  // The App Builder web assets: Vite copies web-src/public into the deployed static files.
  'apps/magento-app-builder/web-src/public/handbook',
] as const;

export const BUNDLE_PATH = 'packages/handbook/generated/pages.ts';

function fill(page: HandbookPage, base: string, ext: string): HandbookPage {
  return { ...page, bodyHtml: page.bodyHtml.replaceAll(BASE_TOKEN, base).replaceAll(EXT_TOKEN, ext) };
}

/** Every generated file, path relative to the repository root, with its content. */
export function generatedFiles(source: string = findHandbookSource()): { path: string; content: string }[] {
  const pages = renderHandbookSource(source);
  const bundle = `// Generated from docs/handbook by packages/handbook/scripts/generate.ts: do not edit by hand.
// Regenerate with: pnpm --filter @prima-connect/handbook generate
import type { HandbookPage } from '../src/index.js';

export const PAGES: HandbookPage[] = ${JSON.stringify(pages, null, 2)};
`;
  const files = [{ path: BUNDLE_PATH, content: bundle }];
  for (const dir of STATIC_COPIES)
    for (const page of pages)
      files.push({
        path: join(dir, `${page.slug}.html`),
        content: handbookDocument(fill(page, '', '.html'), '', '.html'),
      });
  return files;
}

/** The repository root: the folder above docs/handbook. */
export const repositoryRoot = (source: string = findHandbookSource()) => dirname(dirname(source));
