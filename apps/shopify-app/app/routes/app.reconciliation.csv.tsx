import type { LoaderFunctionArgs } from '@remix-run/node';
import { RECONCILIATION_DAYS, reconciliationCsv } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

// The last 30 days of reconciliation findings as a CSV for finance's spreadsheet.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return new Response(await reconciliationCsv(host, tenantId), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="prima-reconciliation-last-${RECONCILIATION_DAYS}-days.csv"`,
    },
  });
};
