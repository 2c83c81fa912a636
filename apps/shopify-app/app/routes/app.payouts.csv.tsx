import type { LoaderFunctionArgs } from '@remix-run/node';
import { payoutCsv } from '../prima/payouts-page.server.js';
import { adminContext } from '../prima/request.server.js';

// One payout's summary journal in Prima's journal-import CSV layout.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  const payout = new URL(request.url).searchParams.get('payout') ?? '';
  const csv = await payoutCsv(host, tenantId, payout);
  if (csv === null) return new Response('No journal for that payout.', { status: 404 });
  const safe = payout.replace(/[^A-Za-z0-9_-]/g, '');
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="prima-payout-${safe}.csv"`,
    },
  });
};
