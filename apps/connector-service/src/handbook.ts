/**
 * The operations handbook served by the connector, from the pages bundled in @prima-connect/handbook (no
 * files read at run time): what alert e-mails link to, at the connector's public address. No store key
 * needed: it is the product's documentation, with no shop data in it. The WordPress plugin ships its own
 * copy for the admin screens.
 */
import { handbookDocument, handbookPage } from '@prima-connect/handbook';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const BASE = '/handbook/';
const params = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });

/** The exceptions page at the connector's public address, as alerts link to it (`<url>#<anchor>`). */
export const handbookExceptionsUrl = (publicUrl: string) => new URL(`${BASE}exceptions`, publicUrl).href;

export function handbookRoutes(app: FastifyInstance): void {
  app.get('/handbook/:slug', async (req, reply) => {
    const parsed = params.safeParse(req.params);
    const page = parsed.success ? handbookPage(parsed.data.slug, BASE) : undefined;
    if (!page)
      return reply.code(404).type('text/plain; charset=utf-8').send('There is no such page in the handbook.');
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(handbookDocument(page, BASE));
  });
}
