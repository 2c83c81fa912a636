#!/usr/bin/env node
// The README's test command. Runs every vitest project, then the PHP tests of the WordPress plugin,
// and closes with one "N passed, N failed" line. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('.cache', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

const extra = process.argv.slice(2);
const vitest = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=.cache/vitest.json',
    ...extra,
  ],
  { stdio: 'inherit' },
);
if (vitest.status !== 0) ok = false;
if (existsSync('.cache/vitest.json')) {
  const report = JSON.parse(readFileSync('.cache/vitest.json', 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  ok = false;
}

const phpunitConfig = 'apps/woocommerce-plugin-ui/phpunit.xml';
if (extra.length === 0 && existsSync(phpunitConfig)) {
  const php = spawnSync('phpunit', ['-c', phpunitConfig, '--log-junit', '.cache/phpunit.xml'], {
    stdio: 'inherit',
  });
  if (php.status !== 0) ok = false;
  if (existsSync('.cache/phpunit.xml')) {
    const xml = readFileSync('.cache/phpunit.xml', 'utf8');
    const m = xml.match(/<testsuite [^>]*tests="(\d+)"[^>]*failures="(\d+)"[^>]*errors="(\d+)"/);
    if (m) {
      const [tests, failures, errors] = [Number(m[1]), Number(m[2]), Number(m[3])];
      passed += tests - failures - errors;
      failed += failures + errors;
    }
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
