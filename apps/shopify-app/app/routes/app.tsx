import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Link, Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { NavMenu } from '@shopify/app-bridge-react';
import polarisStyles from '@shopify/polaris/build/esm/styles.css?url';
import { AppProvider } from '@shopify/shopify-app-remix/react';
import { boundary } from '@shopify/shopify-app-remix/server';
import { authenticate } from '../shopify.server.js';

export const links = () => [{ rel: 'stylesheet', href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { apiKey: process.env.SHOPIFY_API_KEY || '' };
};

// The embedded frame: App Bridge (loaded from Shopify's CDN by AppProvider) and the admin's side navigation.
export default function AppLayout() {
  const { apiKey } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/orders">Orders</Link>
        <Link to="/app/mappings">Mappings</Link>
        <Link to="/app/exceptions">Exceptions</Link>
        <Link to="/app/reconciliation">Reconciliation</Link>
        <Link to="/app/payouts">Payouts</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/setup">Setup</Link>
      </NavMenu>
      {/* App Bridge lifts these links into the admin's sidebar; until it loads they must not show in the page. */}
      <style>{'ui-nav-menu{display:none}'}</style>
      <Outlet />
    </AppProvider>
  );
}

export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
