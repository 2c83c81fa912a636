import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { handbookAnchor, PROBLEM_CATALOGUE, type ProblemCode } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';

const handbook = readFileSync(
  fileURLToPath(new URL('../../docs/handbook/exceptions.md', import.meta.url)),
  'utf8',
);

describe('operations handbook', () => {
  const codes = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

  it.each(codes)('has an entry for %s, linked by its anchor, with an owner and a resolution', (code) => {
    const anchor = `<a id="${handbookAnchor(code)}"></a>`;
    const start = handbook.indexOf(anchor);
    expect(start, `docs/handbook/exceptions.md lacks ${anchor}`).toBeGreaterThanOrEqual(0);
    const next = handbook.indexOf('<a id=', start + anchor.length);
    const entry = handbook.slice(start, next === -1 ? undefined : next);
    expect(entry).toContain(`(\`${code}\`)`);
    expect(entry).toMatch(/\*\*Owner:\*\*/);
    expect(entry).toMatch(/\*\*Resolve:\*\*/);
  });

  it('has no entry for a code that no longer exists', () => {
    const anchors = [...handbook.matchAll(/<a id="(exception-[a-z-]+)"><\/a>/g)].map((m) => m[1]);
    expect(anchors.sort()).toEqual(codes.map(handbookAnchor).sort());
  });
});
