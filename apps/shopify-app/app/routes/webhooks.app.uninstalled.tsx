import type { ActionFunctionArgs } from '@remix-run/node';
import { webhookAction } from '../prima/webhook-route.server.js';

// Shopify webhook: app/uninstalled (declared in shopify.app.toml). HMAC verified by the library; handling in prima/webhooks.server.ts.
export const action = ({ request }: ActionFunctionArgs) => webhookAction(request, 'app/uninstalled');
