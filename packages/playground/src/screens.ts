/**
 * The admin screens the playground serves are build outputs: the Adobe Commerce screens (a Vite build) and
 * the Shopify app's production Remix build. A fresh clone has neither; these build what is missing (or, for
 * Shopify, older than its sources), so `pnpm start` and the browser tests need no separate build step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureProductionBuild,
  isBuildCurrent,
} from '@prima-connect/shopify-app/scripts/production-build.js';
import { MAGENTO_WEB_DIR } from './hosts/magento.js';

export function ensureMagentoScreens(log: (line: string) => void = () => {}): void {
  if (existsSync(join(MAGENTO_WEB_DIR, 'index.html'))) return;
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
