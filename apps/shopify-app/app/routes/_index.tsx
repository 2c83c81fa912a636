import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

// Shopify opens the app at its root with the shop in the query: send it on to the embedded pages.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get('shop')) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response('Prima Connect for Shopify: install it from your Shopify admin.', {
    headers: { 'Content-Type': 'text/plain' },
  });
};
