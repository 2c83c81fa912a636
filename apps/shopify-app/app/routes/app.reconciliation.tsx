import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ReconciliationView } from '../components/ReconciliationView.js';
import { reconciliationAction, reconciliationData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return reconciliationData(host, tenantId);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return reconciliationAction(host, tenantId, await request.formData());
};

export default function Reconciliation() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return <ReconciliationView data={notice ? { ...data, notice } : data} />;
}
