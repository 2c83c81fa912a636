import type { LoaderFunctionArgs } from '@remix-run/node';
import { mappingsCsv } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

// CSV export of the SKU table (same columns the import takes).
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return new Response(await mappingsCsv(host, tenantId), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="prima-mappings.csv"',
    },
  });
};
