import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { MappingsView } from '../components/MappingsView.js';
import { mappingsAction, mappingsData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId, gateway } = await adminContext(request);
  return mappingsData(host, tenantId, gateway, new URL(request.url));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId, staff } = await adminContext(request);
  return mappingsAction(host, tenantId, await request.formData(), staff);
};

export default function Mappings() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return <MappingsView data={notice ? { ...data, notice } : data} />;
}
