/** Bundles src/preview.tsx with React and @wordpress/* inside (no WordPress globals on the preview page). */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export async function buildPreview(
  outDir: string,
): Promise<{ js: string; css: string; wpCss: Record<string, string> }> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { preview: join(here, '../src/preview.tsx') },
    bundle: true,
    outdir: outDir,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', 'globalThis.SCRIPT_DEBUG': 'false' },
    loader: { '.css': 'css' },
  });
  const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  return {
    js: join(outDir, 'preview.js'),
    css: join(outDir, 'preview.css'),
    wpCss: {
      components: join(pkgDir('@wordpress/components'), 'build-style/style.css'),
      dataviews: join(pkgDir('@wordpress/dataviews'), 'build-style/style.css'),
    },
  };
}
