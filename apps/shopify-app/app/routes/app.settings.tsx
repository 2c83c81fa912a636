import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SettingsView } from '../components/SettingsView.js';
import { settingsAction, settingsData } from '../prima/admin-data.server.js';
import { adminContext } from '../prima/request.server.js';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { host, tenantId, gateway } = await adminContext(request);
  return settingsData(host, tenantId, gateway);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { host, tenantId, staff } = await adminContext(request);
  return settingsAction(host, tenantId, await request.formData(), staff);
};

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const notice = useActionData<typeof action>();
  return (
    <SettingsView
      key={notice ? JSON.stringify(notice) : 'initial'}
      data={notice ? { ...data, notice } : data}
    />
  );
}
