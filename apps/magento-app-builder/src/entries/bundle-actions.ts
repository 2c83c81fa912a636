import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles each runtime action entry (this folder) into one CommonJS file, which ext.config.yaml points at.
 * esbuild, because I/O Runtime runs plain JavaScript and our sources are TypeScript ES modules importing
 * workspace packages; `aio app deploy` then zips these files as they are.
 */
export async function bundleActions(outdir: string): Promise<string[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const entries = readdirSync(here).filter(
    (f) => f.endsWith('.ts') && !f.includes('.test.') && f !== 'bundle-actions.ts',
  );
  await build({
    entryPoints: entries.map((f) => resolve(here, f)),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
  // The app's package.json says ESM; these bundles are CommonJS, as I/O Runtime's `main` export expects.
  writeFileSync(resolve(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  return entries.map((f) => f.replace(/\.ts$/, ''));
}
