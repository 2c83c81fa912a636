/**
 * The admin screens the playground serves are build outputs: the Adobe Commerce screens (a Vite build) and
 * the Shopify app's production Remix build. A fresh clone has neither; these build what is missing (or, for
 * Shopify, older than its sources), so `pnpm start` and the browser tests need no separate build step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureProductionBuild,
  isBuildCurrent,
} from '@prima-connect/shopify-app/scripts/production-build.js';
import { MAGENTO_WEB_DIR } from './hosts/magento.js';

/** The newest modification time under a folder (the screens' sources). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the Adobe Commerce screens when they are missing or older than their sources (web-src). */
export function ensureMagentoScreens(log: (line: string) => void = () => {}): void {
  const index = join(MAGENTO_WEB_DIR, 'index.html');
  const sources = join(MAGENTO_WEB_DIR, '../../web-src');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  log('Building the Adobe Commerce admin screens (vite build)...');
  execFileSync('pnpm', ['--filter', '@prima-connect/magento-app-builder', 'run', 'build:web'], {
    stdio: 'ignore',
  });
}

/** The Shopify admin pages (1 to 2 minutes to build); one build shared with concurrent callers. */
export async function ensureShopifyPages(log: (line: string) => void = () => {}): Promise<void> {
  if (isBuildCurrent()) return;
  log('Building the Shopify app pages (remix vite:build, 1 to 2 minutes)...');
  await ensureProductionBuild();
}
