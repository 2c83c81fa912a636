/** `prima-sandbox start [--port 8080] [--host 127.0.0.1] [--style document|rpc] [--instance wsalive] [--empty]` */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSandbox } from './server.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().default('127.0.0.1'),
  style: z.enum(['document', 'rpc']).default('document'),
  instance: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('wsalive'),
  empty: z.boolean().default(false),
});

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      style: { type: 'string' },
      instance: { type: 'string' },
      empty: { type: 'boolean' },
    },
  });
  if (positionals[0] !== 'start') {
    console.error(
      'usage: prima-sandbox start [--port 8080] [--host 127.0.0.1] [--style document|rpc] [--instance wsalive] [--empty]',
    );
    process.exit(2);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(2);
  }
  const a = parsed.data;
  const sandbox = await startSandbox({
    port: a.port,
    host: a.host,
    style: a.style,
    instance: a.instance,
    catalogue: a.empty ? 'empty' : 'demo',
  });
  console.log(
    `Prima sandbox (${sandbox.style === 'document' ? 'Doc/Lit wrapped' : 'RPC/Encoded'}) with ${sandbox.state.items.size} items`,
  );
  console.log(`  WSDL (classic): ${sandbox.wsdlUrl}`);
  console.log(`  WSDL (PAS):     ${sandbox.pasWsdlUrl}`);
  console.log(`  service:        ${sandbox.url}`);
  console.log(`  control API:    ${sandbox.controlUrl}/`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
