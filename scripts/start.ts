// `pnpm start`: the local playground (packages/playground). Flags: --rate, --no-traffic, --port-base, --data-dir.
import { main } from '../packages/playground/src/main.js';

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`The playground did not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
