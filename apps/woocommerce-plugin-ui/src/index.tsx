/**
 * Entry of the admin bundle: mounts the tabbed screens on the Prima Connect page and the order widget
 * inside the order screen's "Prima" box, whichever is present.
 */
import { createRoot } from '@wordpress/element';
import { App } from './App';
import { OrderWidget } from './screens/OrderWidget';
import '../node_modules/@wordpress/dataviews/build-style/style.css';
import './style.css';

function mount() {
  const root = document.getElementById('prima-connect-root');
  if (root) createRoot(root).render(<App />);
  const widget = document.getElementById('prima-connect-order-widget');
  const orderId = widget?.dataset.orderId;
  if (widget && orderId) createRoot(widget).render(<OrderWidget orderId={orderId} />);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
