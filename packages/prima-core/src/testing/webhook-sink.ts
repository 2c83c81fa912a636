/** A local HTTP endpoint that keeps every JSON body posted to it: an alert webhook (Slack-style) in tests. */
import { createServer } from 'node:http';

export interface WebhookSink {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

/** `status` is what it answers (e.g. 500 to test a refusing channel). */
export async function startWebhookSink(status = 200): Promise<WebhookSink> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(body));
      } catch {
        bodies.push(body);
      }
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
