import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { OrdersView } from '../components/OrdersView.js';
import { ordersAction, ordersData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return ordersData(host, tenantId, new URL(request.url));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId, staff } = await adminContext(request);
  return ordersAction(host, tenantId, await request.formData(), staff);
};

export default function Orders() {
  return <OrdersView data={useLoaderData<typeof loader>()} />;
}
