import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALERT_KINDS, type AlertKind, PROBLEM_CATALOGUE, type ProblemCode } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import {
  alertHandbookPath,
  HANDBOOK_SLUGS,
  handbookDocument,
  handbookPage,
  problemHandbookPath,
  renderHandbook,
} from './index.js';
import { BUNDLE_PATH, generatedFiles, repositoryRoot, STATIC_COPIES } from './outputs.js';
import { findHandbookSource } from './render.js';

const BASE = '/app/handbook/';
const pages = renderHandbook(BASE);
const bySlug = new Map(pages.map((p) => [p.slug, p]));

describe('the handbook rendered for the apps', () => {
  it('renders every Markdown page, the index first', () => {
    expect(pages[0]?.slug).toBe('index');
    expect([...bySlug.keys()]).toEqual(
      expect.arrayContaining(['exceptions', 'flows', 'checks', 'connecting-prima']),
    );
    for (const p of pages) expect(p.bodyHtml).toMatch(/<h1>/);
  });

  it('keeps the anchor of every exception and alert an app links to, in the bundle and every static copy', () => {
    const root = repositoryRoot();
    const shipped: [string, string][] = [
      ['bundle', bySlug.get('exceptions')?.bodyHtml ?? ''],
      ...STATIC_COPIES.map((dir): [string, string] => [
        dir,
        readFileSync(
          join(root, dir, problemHandbookPath('unmapped_sku', '.html').split('#')[0] ?? ''),
          'utf8',
        ),
      ]),
    ];
    for (const [where, html] of shipped) {
      for (const code of Object.keys(PROBLEM_CATALOGUE) as ProblemCode[]) {
        const [page, anchor] = problemHandbookPath(code).split('#');
        expect(page).toBe('exceptions');
        expect(html, `${where} lacks ${anchor}`).toContain(`<a id="${anchor}"></a>`);
      }
      for (const kind of Object.keys(ALERT_KINDS) as AlertKind[])
        expect(html, `${where} lacks ${kind}`).toContain(
          `<a id="${alertHandbookPath(kind).split('#')[1]}"></a>`,
        );
    }
  });

  it('ships exactly what the Markdown renders to today (else: pnpm --filter @prima-connect/handbook generate)', () => {
    const root = repositoryRoot();
    const files = generatedFiles();
    expect(files.map((f) => f.path)).toContain(BUNDLE_PATH);
    for (const f of files) {
      const path = join(root, f.path);
      expect(existsSync(path), `${f.path} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${f.path} is stale`).toBe(f.content);
    }
    // Static copies link to each other as files, and hold every page.
    const staticExceptions = files.find((f) => f.path.endsWith('/exceptions.html'))?.content ?? '';
    expect(staticExceptions).toContain('href="index.html"');
    expect(files.filter((f) => f.path.endsWith('.html'))).toHaveLength(
      STATIC_COPIES.length * HANDBOOK_SLUGS.length,
    );
  });

  it('finds the Markdown from any folder inside the repository, and says so when it cannot', () => {
    const source = findHandbookSource();
    expect(findHandbookSource([join(repositoryRoot(), 'apps', 'shopify-app', 'app', 'routes')])).toBe(source);
    expect(() => findHandbookSource([tmpdir()])).toThrow(/docs\/handbook not found/);
  });

  it('looks pages up by slug only', () => {
    expect(handbookPage('exceptions', BASE)?.title).toBe(bySlug.get('exceptions')?.title);
    expect(handbookPage('../secrets', BASE)).toBeUndefined();
    expect(handbookPage('exceptions.md', BASE)).toBeUndefined();
  });

  it('points links between pages at the app base, and turns links out of the handbook into text', () => {
    const index = bySlug.get('index')?.bodyHtml ?? '';
    expect(index).toContain(`<a href="${BASE}flows">`);
    expect(index).not.toMatch(/href="[^"]*\.md/);
    const connecting = bySlug.get('connecting-prima')?.bodyHtml ?? '';
    expect(connecting).toContain('<code>packages/prima-core/README.md</code>');
    expect(connecting).not.toContain('href="../');
  });

  it('wraps a page as a standalone document with no external assets', () => {
    const page = bySlug.get('flows');
    if (!page) throw new Error('no flows page');
    const doc = handbookDocument(page, BASE);
    expect(doc).toMatch(/^<!doctype html>/);
    expect(doc).toContain('<title>How the data flows: one picture per flow - Prima Connect handbook</title>');
    expect(doc).not.toMatch(/(src|href)="https?:/);
  });
});
