import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ExceptionsView } from '../components/ExceptionsView.js';
import { exceptionsAction, exceptionsData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return exceptionsData(host, tenantId, new URL(request.url));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId, staff } = await adminContext(request);
  return exceptionsAction(host, tenantId, await request.formData(), staff);
};

export default function Exceptions() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return <ExceptionsView data={notice ? { ...data, notice } : data} />;
}
