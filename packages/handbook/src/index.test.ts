import { ALERT_KINDS, type AlertKind, PROBLEM_CATALOGUE, type ProblemCode } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import { alertHandbookPath, handbookDocument, problemHandbookPath, renderHandbook } from './index.js';

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

  it('keeps the anchor of every exception and alert an app links to', () => {
    const exceptions = bySlug.get('exceptions')?.bodyHtml ?? '';
    for (const code of Object.keys(PROBLEM_CATALOGUE) as ProblemCode[]) {
      const [page, anchor] = problemHandbookPath(code).split('#');
      expect(page).toBe('exceptions');
      expect(exceptions).toContain(`<a id="${anchor}"></a>`);
    }
    for (const kind of Object.keys(ALERT_KINDS) as AlertKind[])
      expect(exceptions).toContain(`<a id="${alertHandbookPath(kind).split('#')[1]}"></a>`);
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
