/**
 * `pnpm start`: the whole playground on localhost. Flags: --rate <orders per minute per storefront>,
 * --no-traffic, --port-base <port>, --data-dir <dir>, --fresh (tenants not onboarded: walk each app's setup
 * wizard; traffic starts on a storefront once its wizard switches sync on). Ctrl-C (SIGINT) or SIGTERM closes every server
 * and exits 0.
 */
import { parseArgs } from 'node:util';
import logUpdate from 'log-update';
import { z } from 'zod';
import { ensureMagentoScreens, ensureShopifyPages } from './screens.js';
import { startStack } from './stack.js';
import { freshHint, renderSummary, urlTable } from './summary.js';

const cliSchema = z.object({
  rate: z.coerce.number().min(0).max(600).default(12),
  'no-traffic': z.boolean().default(false),
  'port-base': z.coerce.number().int().min(1024).max(65_000).default(4400),
  'data-dir': z.string().min(1).default('.playground'),
  fresh: z.boolean().default(false),
});

export function parseCli(argv: string[]) {
  const { values } = parseArgs({
    // `pnpm start -- --rate 5` passes the separator through.
    args: argv.filter((a) => a !== '--'),
    options: {
      rate: { type: 'string' },
      'no-traffic': { type: 'boolean' },
      'port-base': { type: 'string' },
      'data-dir': { type: 'string' },
      fresh: { type: 'boolean' },
    },
    strict: true,
  });
  return cliSchema.parse(values);
}

export async function main(argv: string[]): Promise<void> {
  const cli = parseCli(argv);
  for (const [what, build] of [
    ['Adobe Commerce screens', ensureMagentoScreens],
    ['Shopify app pages', ensureShopifyPages],
  ] as const) {
    try {
      await build((line) => process.stdout.write(`${line}\n`));
    } catch {
      process.stdout.write(`Could not build the ${what}; the rest of the playground still runs.\n`);
    }
  }
  const started = Date.now();
  const stack = await startStack({
    ports: 'fixed',
    portBase: cli['port-base'],
    dataDir: cli['data-dir'],
    traffic: !cli['no-traffic'],
    rate: cli.rate,
    onboarding: cli.fresh ? 'fresh' : 'done',
  });
  process.stdout.write(
    `\nPrima Connect playground is running (data and log in ${stack.dataDir}):\n${urlTable(stack.urls)}\n\n`,
  );
  if (cli.fresh) process.stdout.write(`${freshHint(stack.sandbox.wsdlUrl)}\n\n`);

  const live = process.stdout.isTTY;
  let drawing = false;
  const draw = async () => {
    if (drawing) return;
    drawing = true;
    try {
      const orders = [...stack.sandbox.state.orders.values()];
      const frame = renderSummary(await stack.counts(), {
        elapsedS: (Date.now() - started) / 1000,
        rate: cli.rate,
        traffic: !cli['no-traffic'],
        released: orders.filter(
          (o) => o.status === 'Released' || o.status === 'Part Despatched' || o.status === 'Despatched',
        ).length,
        dispatched: orders.filter((o) => o.status === 'Despatched').length,
      });
      // Piped output (a log file, CI) gets a plain frame every few seconds instead of cursor movement.
      if (live) logUpdate(frame);
      else process.stdout.write(`${frame}\n`);
    } finally {
      drawing = false;
    }
  };
  const timer = setInterval(() => void draw(), live ? 1000 : 10_000);
  await draw();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    if (live) logUpdate.done();
    process.stdout.write(`\n${signal}: stopping the playground...\n`);
    await stack.close();
    process.stdout.write('Stopped cleanly.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`The playground did not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
