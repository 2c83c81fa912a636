import { problemHandbookPath } from '@prima-connect/handbook';
import type { ProblemCode } from '@prima-connect/prima-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handbookExceptionsUrl } from './handbook.js';
import { startTestConnector, type TestConnector } from './test-support.js';

let c: TestConnector;
beforeAll(async () => {
  c = await startTestConnector();
});
afterAll(() => c.close());

describe('the handbook served by the connector (what alert e-mails link to)', () => {
  it.each<ProblemCode>(['unmapped_sku', 'prima_unreachable', 'credit_note_manual'])(
    'serves the entry for %s at the link alerts use, with no store key',
    async (code) => {
      const [page, anchor] = problemHandbookPath(code).split('#');
      const link = `${handbookExceptionsUrl(c.url)}#${anchor}`;
      expect(link).toBe(`${c.url}/handbook/${page}#${anchor}`);
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(`<a id="${anchor}"></a>`);
    },
  );

  it('answers 404 for anything that is not a handbook page', async () => {
    for (const slug of ['nope', '..%2Fpackage.json', 'exceptions.md'])
      expect((await fetch(`${c.url}/handbook/${slug}`)).status).toBe(404);
  });
});
