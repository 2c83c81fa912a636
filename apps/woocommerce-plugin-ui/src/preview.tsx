/**
 * The screens outside WordPress, for the headless-browser test: the same App and OrderWidget, with an
 * ApiClient that calls /wp-json/prima-connect/v1 on the page's own origin (the test server relays those
 * to a real connector service, as the plugin's PHP routes do).
 */
import { createRoot } from '@wordpress/element';
import { App } from './App';
import { type ApiClient, ApiContext } from './api';
import { OrderWidget } from './screens/OrderWidget';
import './style.css';

const client: ApiClient = {
  async request<T>(path: string, init: { method?: 'GET' | 'POST'; data?: unknown } = {}) {
    const res = await fetch(`/wp-json/prima-connect/v1${path}`, {
      method: init.method ?? 'GET',
      headers: init.data !== undefined ? { 'content-type': 'application/json' } : {},
      ...(init.data !== undefined ? { body: JSON.stringify(init.data) } : {}),
    });
    const body = (await res.json()) as unknown;
    if (!res.ok) throw body;
    return body as T;
  },
};

const root = document.getElementById('prima-connect-root');
if (root) {
  // No ?tab=: the App chooses (Setup first while the wizard is unfinished, else the Dashboard).
  const tab = new URLSearchParams(window.location.search).get('tab') ?? undefined;
  createRoot(root).render(
    <ApiContext.Provider value={client}>
      <App {...(tab ? { initialTab: tab } : {})} />
    </ApiContext.Provider>,
  );
}
const widget = document.getElementById('prima-connect-order-widget');
if (widget?.dataset.orderId) {
  createRoot(widget).render(
    <ApiContext.Provider value={client}>
      <OrderWidget orderId={widget.dataset.orderId} />
    </ApiContext.Provider>,
  );
}
