/**
 * Renders docs/handbook into the bundle the server builds import and the static copies the apps ship.
 * Run after editing the handbook: pnpm --filter @prima-connect/handbook generate
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles, repositoryRoot, STATIC_COPIES } from '../src/outputs.js';

const root = repositoryRoot();
// A page removed from the handbook must disappear from the static copies too.
for (const dir of STATIC_COPIES) {
  mkdirSync(join(root, dir), { recursive: true });
  for (const f of readdirSync(join(root, dir))) if (f.endsWith('.html')) rmSync(join(root, dir, f));
}
for (const file of generatedFiles()) {
  mkdirSync(dirname(join(root, file.path)), { recursive: true });
  writeFileSync(join(root, file.path), file.content);
  console.log(`wrote ${file.path}`);
}
