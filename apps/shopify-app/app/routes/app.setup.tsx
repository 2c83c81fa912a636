import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SetupView } from '../components/SetupView.js';
import { adminContext } from '../prima/request.server.js';
import { setupAction, setupData } from '../prima/setup.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId } = await adminContext(request);
  return setupData(host, tenantId);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId, staff } = await adminContext(request);
  return setupAction(host, tenantId, await request.formData(), staff);
};

export default function Setup() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return <SetupView data={notice ? { ...data, notice } : data} />;
}
