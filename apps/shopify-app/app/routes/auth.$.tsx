import type { LoaderFunctionArgs } from '@remix-run/node';
import { authenticate } from '../shopify.server.js';

// OAuth and token exchange routes handled by the library.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};
