import type { ActionResponse } from './http.js';
import { json } from './http.js';

/**
 * Admin UI SDK registration (commerce/backend-ui/1). The V2 declarative form (`adminUi` in
 * app.commerce.config.ts) needs @adobe/aio-commerce-lib-app 2.x, whose tooling requires Node 22; this
 * project runs on Node 20, so it registers through V1, which Adobe still supports. The same extension
 * points are declared: a menu page, the order-grid "Prima" columns, an order-view button, and the
 * "Re-post to Prima" mass action.
 */
export const EXTENSION_ID = 'prima_connect';

export function registration(params: { MESH_ID?: string; RUNTIME_NAMESPACE?: string } = {}) {
  const actionBase = `api/v1/web/prima-connect`;
  return {
    registration: {
      menuItems: [
        { id: `${EXTENSION_ID}::apps`, title: 'Prima Connect', isSection: true, sortOrder: 100 },
        {
          id: `${EXTENSION_ID}::dashboard`,
          title: 'Prima Connect',
          parent: `${EXTENSION_ID}::apps`,
          sortOrder: 1,
        },
      ],
      page: { title: 'Prima Connect' },
      order: {
        gridColumns: {
          data: { meshId: params.MESH_ID ?? 'MESH_ID' },
          properties: [
            { label: 'Prima', columnId: 'prima_status', type: 'string', align: 'left' },
            { label: 'Prima order', columnId: 'prima_order', type: 'string', align: 'left' },
          ],
        },
        massActions: [
          {
            actionId: `${EXTENSION_ID}::repost`,
            label: 'Re-post to Prima',
            confirm: {
              title: 'Re-post to Prima',
              message:
                'Send the selected orders to Prima again? Orders already in Prima are checked, never duplicated.',
            },
            path: `${actionBase}/mass-repost`,
            displayIframe: false,
            timeout: 30,
            selectionLimit: 50,
          },
        ],
        viewButtons: [
          {
            buttonId: `${EXTENSION_ID}::prima-status`,
            label: 'Prima status',
            path: '#/order-view',
            level: 0,
            sortOrder: 80,
          },
        ],
      },
    },
  };
}

export const registrationAction = async (params: Record<string, unknown>): Promise<ActionResponse> =>
  json(200, registration({ ...(typeof params.MESH_ID === 'string' ? { MESH_ID: params.MESH_ID } : {}) }));
