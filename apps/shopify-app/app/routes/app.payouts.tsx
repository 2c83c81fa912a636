import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { PayoutsView } from '../components/PayoutsView.js';
import { payoutsAction, payoutsData } from '../prima/payouts-page.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return payoutsData(host, tenantId);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return payoutsAction(host, tenantId, await request.formData());
};

export default function Payouts() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return <PayoutsView data={notice ? { ...data, notice } : data} />;
}
