/**
 * `pnpm start`: the local playground (packages/playground/src/main.ts). Flags: --rate, --no-traffic,
 * --port-base, --data-dir, --fresh.
 *
 * WHY a child process: the tsx CLI that runs this file gives its child 60 ms to acknowledge Ctrl-C and
 * then SIGKILLs it; a playground busy with a stock sync can miss that and die without closing its
 * servers. So the playground runs in a plain `node --import tsx` process with its own SIGINT handling,
 * and this launcher only passes signals on and exits with the playground's exit code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../packages/playground/src/main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
