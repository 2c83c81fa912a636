/**
 * Bundles each runtime action (src/entries/*.ts) into one CommonJS file under dist/actions/, which
 * ext.config.yaml points at. esbuild, because I/O Runtime runs plain JavaScript and our sources are
 * TypeScript ES modules importing workspace packages; `aio app deploy` then zips these files as they are.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entries = readdirSync(resolve(root, 'src/entries')).filter((f) => f.endsWith('.ts'));

await build({
  entryPoints: entries.map((f) => resolve(root, 'src/entries', f)),
  outdir: resolve(root, 'dist/actions'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
// The app's package.json says ESM; these bundles are CommonJS, as I/O Runtime's `main` export expects.
writeFileSync(resolve(root, 'dist/actions/package.json'), '{ "type": "commonjs" }\n');
console.log(`built ${entries.length} actions into dist/actions`);
