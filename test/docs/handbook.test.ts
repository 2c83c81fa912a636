import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALERT_KINDS,
  type AlertKind,
  alertHandbookAnchor,
  handbookAnchor,
  PROBLEM_CATALOGUE,
  type ProblemCode,
} from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';

const HANDBOOK_DIR = fileURLToPath(new URL('../../docs/handbook/', import.meta.url));
const handbook = readFileSync(join(HANDBOOK_DIR, 'exceptions.md'), 'utf8');

/** The text of one entry: from its anchor to the next anchor. */
function entryAt(anchorId: string): string | undefined {
  const anchor = `<a id="${anchorId}"></a>`;
  const start = handbook.indexOf(anchor);
  if (start === -1) return undefined;
  const next = handbook.indexOf('<a id=', start + anchor.length);
  return handbook.slice(start, next === -1 ? undefined : next);
}

describe('operations handbook', () => {
  const codes = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

  it.each(codes)('has an entry for %s, linked by its anchor, with an owner and a resolution', (code) => {
    const entry = entryAt(handbookAnchor(code));
    expect(entry, `docs/handbook/exceptions.md lacks ${handbookAnchor(code)}`).toBeDefined();
    expect(entry).toContain(`(\`${code}\`)`);
    expect(entry).toMatch(/\*\*Owner:\*\*/);
    expect(entry).toMatch(/\*\*Resolve:\*\*/);
  });

  it('has no entry for a code that no longer exists', () => {
    const anchors = [...handbook.matchAll(/<a id="(exception-[a-z-]+)"><\/a>/g)].map((m) => m[1]);
    expect(anchors.sort()).toEqual(codes.map(handbookAnchor).sort());
  });

  it.each(Object.keys(ALERT_KINDS) as AlertKind[])(
    'has an entry for the %s alert, with an owner and a resolution',
    (kind) => {
      const entry = entryAt(alertHandbookAnchor(kind));
      expect(entry, `docs/handbook/exceptions.md lacks the alert ${kind}`).toBeDefined();
      expect(entry).toContain(`(alert \`${kind}\`)`);
      expect(entry).toMatch(/\*\*Owner:\*\*/);
      expect(entry).toMatch(/\*\*Resolve:\*\*/);
    },
  );

  it('links only to pages and anchors that exist', () => {
    const broken: string[] = [];
    for (const file of readdirSync(HANDBOOK_DIR).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(HANDBOOK_DIR, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#');
        const full = path ? join(dirname(join(HANDBOOK_DIR, file)), path) : join(HANDBOOK_DIR, file);
        if (!existsSync(full)) broken.push(`${file}: ${target}`);
        else if (anchor && full.endsWith('.md') && full.startsWith(HANDBOOK_DIR)) {
          const body = readFileSync(full, 'utf8');
          const headingIds = [...body.matchAll(/^#+ (.+)$/gm)].map((m) =>
            (m[1] ?? '')
              .toLowerCase()
              .replace(/[^a-z0-9 -]/g, '')
              .replaceAll(' ', '-'),
          );
          if (!body.includes(`<a id="${anchor}"></a>`) && !headingIds.includes(anchor))
            broken.push(`${file}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
