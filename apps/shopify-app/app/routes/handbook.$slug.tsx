import { handbookDocument, handbookPage } from '@prima-connect/handbook';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { HANDBOOK_BASE } from '../prima/handbook-link.js';

// The operations handbook as standalone pages (opened in a new tab from an exception, or from an alert
// e-mail). No sign-in: it is the product's documentation, with no shop data in it.
const params = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });

export const loader = ({ params: raw }: LoaderFunctionArgs) => {
  const parsed = params.safeParse(raw);
  const page = parsed.success ? handbookPage(parsed.data.slug, HANDBOOK_BASE) : undefined;
  if (!page)
    return new Response('There is no such page in the Prima Connect handbook.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(handbookDocument(page, HANDBOOK_BASE), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
};
