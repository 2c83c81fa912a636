/** Per-request context of an admin page: the signed-in shop's tenant, the staff member, a Shopify gateway. */

import { AdminClient, remixTransport } from '../shopify/admin-client.server.js';
import { createShopifyGateway } from '../shopify/gateway.server.js';
import { authenticate } from '../shopify.server.js';
import { tenantIdForShop } from './host.server.js';
import { getHost } from './runtime.server.js';

export async function adminContext(request: Request) {
  const { admin, session } = await authenticate.admin(request);
  const host = await getHost();
  const tenantId = await host.ensureTenant(session.shop);
  const settings = await host.settings(tenantId);
  const gateway = host.pageStorefront
    ? await host.pageStorefront(tenantId)
    : createShopifyGateway({
        client: new AdminClient({ transport: remixTransport(admin) }),
        writeBack: () => settings?.writeBack ?? { metafield: true, note: true, tag: true },
      });
  const staff = session.onlineAccessInfo?.associated_user?.email ?? `staff@${session.shop}`;
  return { host, tenantId: tenantIdForShop(session.shop), gateway, staff };
}
