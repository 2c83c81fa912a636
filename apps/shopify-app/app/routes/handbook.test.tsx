import { problemHandbookPath } from '@prima-connect/handbook';
import { PROBLEM_CATALOGUE, type ProblemCode } from '@prima-connect/prima-core';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json' with { type: 'json' };
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DashboardView } from '../components/DashboardView.js';
import { ExceptionsView } from '../components/ExceptionsView.js';
import { handbookExceptionsUrl, problemHandbookUrl } from '../prima/handbook.server.js';
import { HANDBOOK_BASE, problemHandbookHref } from '../prima/handbook-link.js';
import type { ExceptionRow } from '../prima/view-models.js';
import { loader } from './handbook.$slug.js';

const serve = async (slug: string) =>
  loader({
    request: new Request(`http://app.test/handbook/${slug}`),
    params: { slug },
    context: {},
  } as LoaderFunctionArgs);

const row = (code: ProblemCode, n: number): ExceptionRow => ({
  id: `x${n}`,
  code,
  title: PROBLEM_CATALOGUE[code].title,
  owner: PROBLEM_CATALOGUE[code].owner,
  subject: `order #100${n}`,
  message: 'What happened',
  action: 'What to do',
  retryable: false,
  attempts: 1,
  firstSeenAt: '2026-11-20T10:00:00.000Z',
  lastSeenAt: '2026-11-20T10:00:00.000Z',
  status: 'open',
});

/** Every handbook link in some markup: [page slug, anchor]. */
const handbookLinks = (html: string) =>
  [...html.matchAll(/href="\/handbook\/([a-z0-9-]+)#([a-z0-9-]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']);

describe('the handbook in the Shopify app', () => {
  const codes: ProblemCode[] = ['unmapped_sku', 'prima_unreachable', 'money_mismatch'];

  it('links each exception on the Exceptions page to an entry the app serves', async () => {
    const html = renderToStaticMarkup(
      <AppProvider i18n={en}>
        <ExceptionsView data={{ status: 'open', rows: codes.map(row) }} />
      </AppProvider>,
    );
    const links = handbookLinks(html);
    expect(links.map(([, anchor]) => anchor)).toEqual([
      'exception-unmapped-sku',
      'exception-prima-unreachable',
      'exception-money-mismatch',
    ]);
    for (const [slug, anchor] of links) {
      const res = await serve(slug ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(`id="${anchor}"`);
    }
  });

  it('links the reasons on the Dashboard too', () => {
    const html = renderToStaticMarkup(
      <AppProvider i18n={en}>
        <DashboardView
          data={{
            shop: 'demo.myshopify.com',
            configured: true,
            setupUnfinished: false,
            postingEnabled: true,
            ordersReceived: 3,
            ordersPosted: 2,
            acceptanceRate: 0.66,
            postingLatencyP95Ms: 100,
            stockFreshnessSeconds: 60,
            lastStockSyncAt: null,
            queue: { pending: 0, active: 0, dead: 0 },
            exceptions: codes.slice(0, 2).map((code) => ({ code, title: 'x', owner: 'it', count: 1 })),
            duplicateEventsSuppressed: 0,
            manualInterventionRate: 0,
            daily: [],
          }}
        />
      </AppProvider>,
    );
    expect(handbookLinks(html).map(([, a]) => a)).toEqual([
      'exception-unmapped-sku',
      'exception-prima-unreachable',
    ]);
  });

  it('computes the same link as the handbook package for every code', () => {
    for (const code of Object.keys(PROBLEM_CATALOGUE) as ProblemCode[])
      expect(problemHandbookHref(code)).toBe(`${HANDBOOK_BASE}${problemHandbookPath(code)}`);
  });

  it('answers 404 for anything that is not a handbook page', async () => {
    for (const slug of ['nope', '..%2F..%2Fpackage.json', 'exceptions.md', ''])
      expect((await serve(slug)).status).toBe(404);
  });

  it('gives absolute links under the public app URL for the order block and alerts', () => {
    const before = process.env.SHOPIFY_APP_URL;
    process.env.SHOPIFY_APP_URL = 'https://prima-connect.example';
    try {
      expect(problemHandbookUrl('unmapped_sku')).toBe(
        'https://prima-connect.example/handbook/exceptions#exception-unmapped-sku',
      );
      expect(handbookExceptionsUrl()).toBe('https://prima-connect.example/handbook/exceptions');
      delete process.env.SHOPIFY_APP_URL;
      expect(problemHandbookUrl('cutoff_passed', new Request('http://10.0.0.5:3000/api/orders/1'))).toBe(
        'http://10.0.0.5:3000/handbook/exceptions#exception-cutoff-passed',
      );
      expect(handbookExceptionsUrl()).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.SHOPIFY_APP_URL;
      else process.env.SHOPIFY_APP_URL = before;
    }
  });
});
