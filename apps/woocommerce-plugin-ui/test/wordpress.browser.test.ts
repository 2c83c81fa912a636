// @vitest-environment node
/**
 * The plugin in a real WordPress: Debian's `wordpress` package (6.1) on MariaDB, served by `php -S`.
 *
 * Covers: the plugin installs and activates without errors; its admin page under the WooCommerce menu
 * renders the React screens; those screens reach a real connector service through the plugin's own REST
 * routes (WordPress cookie login + REST nonce + manage_woocommerce, then the PHP relay adds the store key).
 * Cannot cover: WooCommerce itself (it cannot be downloaded here; a must-use stand-in provides only the
 * class, wc_get_order(), the menu and the capability), so no order screen meta box, no HPOS, no webhooks.
 * WordPress 6.1 ships React 17, so this test bundles React and @wordpress/* into the plugin's build.
 *
 * Needs /usr/share/wordpress, php with mysqli, and MariaDB on 127.0.0.1:3306 (root, no password).
 * Without them it prints SKIP and passes nothing off as tested.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWooDemoStack, type WooDemoStack } from '@prima-connect/connector-service';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreview } from './build-preview.js';

const here = dirname(fileURLToPath(import.meta.url));
const pluginDir = join(here, '..');
const WP = '/usr/share/wordpress';

async function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.connect(port, '127.0.0.1');
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function php(code: string): { status: number | null; out: string } {
  const r = spawnSync('php', ['-r', code], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const phpOk = spawnSync('php', ['-r', 'exit(function_exists("mysqli_connect") ? 0 : 1);']).status === 0;
const haveWp = existsSync(join(WP, 'wp-load.php'));
const haveDb = await reachable(3306);
const missing = [
  !haveWp && 'Debian wordpress package',
  !phpOk && 'php with mysqli (php-mysql)',
  !haveDb && 'MariaDB on 127.0.0.1:3306',
].filter(Boolean);
if (missing.length > 0) console.log(`SKIP WordPress plugin test: missing ${missing.join(', ')}`);

describe.skipIf(missing.length > 0)('Prima Connect in a real WordPress (Debian 6.1, MariaDB)', () => {
  const tag = `pcwp${process.pid}${Math.floor(Math.random() * 1e6)}`;
  const configFile = `/etc/wordpress/config-${tag}.php`;
  let root: string;
  let port: number;
  let server: ChildProcess | undefined;
  let stack: WooDemoStack;
  let browser: BrowserContext;

  beforeAll(async () => {
    stack = await startWooDemoStack({ variants: 12 });
    stack.woo.placeOrder({ lines: [{ sku: [...stack.woo.state.variations.values()][0]!.sku, quantity: 1 }] });
    await stack.drain();

    root = mkdtempSync(join(tmpdir(), 'pc-wordpress-'));
    port = await freePort();
    const content = join(root, 'wp-content');
    const plugin = join(content, 'plugins', 'prima-connect');
    mkdirSync(join(content, 'mu-plugins'), { recursive: true });
    mkdirSync(join(content, 'uploads'), { recursive: true });
    symlinkSync(join(WP, 'wp-content', 'themes'), join(content, 'themes'));
    cpSync(
      join(here, 'wordpress', 'woocommerce-standin.php'),
      join(content, 'mu-plugins', 'woocommerce-standin.php'),
    );
    for (const f of ['prima-connect.php', 'uninstall.php', 'includes'])
      cpSync(join(pluginDir, f), join(plugin, f), { recursive: true });

    // A self-contained build (React 18 and @wordpress/* inside): WordPress 6.1's own React is 17.
    await build({
      entryPoints: { index: join(pluginDir, 'src/index.tsx') },
      bundle: true,
      outdir: join(plugin, 'build'),
      format: 'iife',
      jsx: 'automatic',
      minify: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"', 'globalThis.SCRIPT_DEBUG': 'false' },
    });
    const wpCss = (await buildPreview(join(root, 'preview'))).wpCss;
    writeFileSync(
      join(plugin, 'build', 'style-index.css'),
      [
        readFileSync(wpCss.components!, 'utf8'),
        readFileSync(wpCss.dataviews!, 'utf8'),
        readFileSync(join(plugin, 'build', 'index.css'), 'utf8'),
      ].join('\n'),
    );
    writeFileSync(
      join(plugin, 'build', 'index.asset.php'),
      "<?php return array('dependencies' => array(), 'version' => 'wp61-test');\n",
    );

    const db = php(
      `$m = new mysqli('127.0.0.1', 'root', ''); $m->query('CREATE DATABASE ${tag}') or exit(1);`,
    );
    if (db.status !== 0) throw new Error(`could not create the test database: ${db.out}`);
    mkdirSync('/etc/wordpress', { recursive: true });
    writeFileSync(
      configFile,
      `<?php
define('DB_NAME', '${tag}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1');
define('WP_HOME', 'http://127.0.0.1:${port}');
define('WP_SITEURL', 'http://127.0.0.1:${port}');
define('WP_CONTENT_DIR', '${content}');
define('WP_CONTENT_URL', 'http://127.0.0.1:${port}/wp-content');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1');
$table_prefix = 'wp_';
`,
    );
    const env = {
      ...process.env,
      PC_WP_CONFIG: tag,
      PC_WP_HOST: `127.0.0.1:${port}`,
      PC_WP_CONTENT: content,
      PC_CONNECTOR_URL: stack.connectorUrl,
      PC_API_KEY: stack.apiKey,
    };
    const install = spawnSync('php', [join(here, 'wordpress', 'install.php')], { env, encoding: 'utf8' });
    const last = install.stdout.trim().split('\n').at(-1) ?? '';
    expect(last, `${install.stdout}\n${install.stderr}`).toBe('{"activated":true,"error":null}');

    server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', WP, join(here, 'wordpress', 'router.php')], {
      env,
      stdio: 'ignore',
    });
    for (let i = 0; i < 50 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));

    browser = await chromium.launchPersistentContext(join(root, 'chromium'), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    await browser.route('**/*', (route) =>
      route.request().url().startsWith(`http://127.0.0.1:${port}`) ? route.continue() : route.abort(),
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    php(`$m = new mysqli('127.0.0.1', 'root', ''); $m->query('DROP DATABASE IF EXISTS ${tag}');`);
    rmSync(configFile, { force: true });
    if (root) rmSync(root, { recursive: true, force: true });
    await stack?.close();
  });

  it('is active, and its admin page renders the screens with data relayed from the connector', async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`http://127.0.0.1:${port}/wp-login.php`);
    await page.fill('#user_login', 'admin');
    await page.fill('#user_pass', 'admin-password-for-tests');
    await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);

    await page.goto(`http://127.0.0.1:${port}/wp-admin/plugins.php`);
    const row = page.locator('tr[data-plugin="prima-connect/prima-connect.php"]');
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('active');
    expect(await page.content()).not.toContain('Fatal error');

    await page.goto(`http://127.0.0.1:${port}/wp-admin/admin.php?page=prima-connect`);
    await page.getByText('Orders in Prima').waitFor({ timeout: 30_000 });
    const received = page.locator('.prima-connect-figure', { hasText: 'Orders received' });
    expect(await received.textContent()).toContain('1');
    await page.getByRole('tab', { name: 'Exceptions' }).click();
    await page.getByText('Nothing needs attention. Every order reached Prima.').waitFor();
    const shots = join(pluginDir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByText('Orders in Prima').waitFor();
    const file = join(shots, 'wordpress-dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = PNG.sync.read(readFileSync(file));
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 28)
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(20);
  });

  it('refuses the plugin REST routes without the REST nonce, even when logged in', async () => {
    const page = browser.pages()[0]!;
    // Plain permalinks (a fresh install): REST routes are reached through ?rest_route=.
    const reply = await page.evaluate(async () => {
      const res = await fetch('/?rest_route=/prima-connect/v1/dashboard', { credentials: 'same-origin' });
      return { status: res.status, body: await res.text() };
    });
    expect([401, 403], reply.body).toContain(reply.status);
    expect(reply.body).not.toContain('ordersReceived');
  });
});
