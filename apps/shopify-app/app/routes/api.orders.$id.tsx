import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { withHandbook } from '../prima/order-api.server.js';
import { getHost } from '../prima/runtime.server.js';
import { authenticate } from '../shopify.server.js';

// The order-details block's API: the admin's fetch carries a session token, checked by authenticate.admin
// (which also answers the CORS preflight); `cors` adds the headers the extension's origin needs.
const params = z.object({ id: z.string().regex(/^\d{1,20}$/, 'order id') });

export const loader = async ({ request, params: raw }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const { id } = params.parse(raw);
  const host = await getHost();
  const view = await host.engine.orderView(await host.ensureTenant(session.shop), id);
  return cors(Response.json(withHandbook(view, request)));
};

export const action = async ({ request, params: raw }: ActionFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const { id } = params.parse(raw);
  const host = await getHost();
  const staff = session.onlineAccessInfo?.associated_user?.email ?? `staff@${session.shop}`;
  const view = await host.engine.repost(await host.ensureTenant(session.shop), id, staff);
  return cors(Response.json(withHandbook(view, request)));
};
