/**
 * The app's production Remix build, shared by every browser test and the playground. Several test files run in
 * parallel and each needs the same `build/` directory: two concurrent `remix vite:build` runs would delete
 * each other's output. So one caller builds, under a lock directory (mkdir is atomic), and the others wait.
 * A build is reused only while it is newer than every source file, so a fresh clone (no build) or an edited
 * page always gets a new one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOPIFY_APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const SHOPIFY_SERVER_BUILD = join(SHOPIFY_APP_DIR, 'build', 'server', 'index.js');
const LOCK = join(SHOPIFY_APP_DIR, '.build-lock');
// A build takes 1 to 2 minutes on a quiet machine; a lock older than this belongs to a killed process.
const STALE_LOCK_MS = 15 * 60_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when build/ exists and no page, route, config or bundled workspace source has changed since. */
export function isBuildCurrent(): boolean {
  if (!existsSync(SHOPIFY_SERVER_BUILD)) return false;
  const built = statSync(SHOPIFY_SERVER_BUILD).mtimeMs;
  // The workspace packages bundled into the server build count too (the engine, the handbook's pages).
  const bundled = ['../../packages/prima-core/src', '../../packages/handbook/generated'].map((d) =>
    join(SHOPIFY_APP_DIR, d),
  );
  const sources = Math.max(
    newestSource(join(SHOPIFY_APP_DIR, 'app')),
    statSync(join(SHOPIFY_APP_DIR, 'vite.config.ts')).mtimeMs,
    ...bundled.filter((d) => existsSync(d)).map(newestSource),
  );
  return built >= sources;
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
      rmSync(LOCK, { recursive: true });
    return false;
  }
}

/** Builds the app once for everyone who asks at the same time; returns at once when the build is current. */
export async function ensureProductionBuild(): Promise<void> {
  for (;;) {
    if (isBuildCurrent()) return;
    if (tryLock()) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    if (isBuildCurrent()) return;
    const build = spawnSync('pnpm', ['exec', 'remix', 'vite:build'], {
      cwd: SHOPIFY_APP_DIR,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0) throw new Error(`remix vite:build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
