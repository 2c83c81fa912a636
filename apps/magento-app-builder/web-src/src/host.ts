import { attach, register } from '@adobe/uix-guest';

/**
 * The Commerce admin hosts these screens in an iframe through the Admin UI SDK. `register` announces the
 * extension (ids must match the registration action); `attach` gives a page the host's shared context
 * (the admin's IMS token and org, selected ids). Outside Commerce (the playground, tests) there is no
 * host: the screens then run standalone against the API base in the page URL.
 */
export const EXTENSION_ID = 'prima_connect';

export interface HostContext {
  imsToken?: string;
  imsOrgId?: string;
  orderId?: string;
}

const inIframe = () => {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
};

export async function registerExtension(): Promise<void> {
  if (!inIframe()) return;
  await register({ id: EXTENSION_ID, methods: {} });
}

export async function hostContext(): Promise<HostContext> {
  // The order-view button sends the order id "as part of the query": read the page query and the hash's.
  const queries = [
    new URLSearchParams(window.location.search),
    new URLSearchParams(window.location.hash.split('?')[1] ?? ''),
  ];
  const orderId = queries
    .map((q) => q.get('orderId') ?? q.get('order_id'))
    .find((v): v is string => Boolean(v));
  if (!inIframe()) return orderId ? { orderId } : {};
  try {
    const connection = await attach({ id: EXTENSION_ID });
    const shared = connection.sharedContext;
    const token = shared.get('imsToken');
    const org = shared.get('imsOrgId');
    const sharedOrder = shared.get('orderId');
    return {
      ...(typeof token === 'string' ? { imsToken: token } : {}),
      ...(typeof org === 'string' ? { imsOrgId: org } : {}),
      ...(orderId
        ? { orderId }
        : typeof sharedOrder === 'string' || typeof sharedOrder === 'number'
          ? { orderId: String(sharedOrder) }
          : {}),
    };
  } catch {
    return orderId ? { orderId } : {};
  }
}
