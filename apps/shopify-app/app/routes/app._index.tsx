import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { DashboardView } from '../components/DashboardView.js';
import { dashboardData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return dashboardData(host, tenantId);
};

export default function Dashboard() {
  return <DashboardView data={useLoaderData<typeof loader>()} />;
}
