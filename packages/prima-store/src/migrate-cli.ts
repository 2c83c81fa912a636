/**
 * Applies pending migrations, for deploy steps that migrate before starting workers (`migrate: false`).
 * Usage: pnpm --filter @prima-connect/prima-store db:migrate [url]   (default: $DATABASE_URL)
 * Prints the database kind and the migrations applied; never the URL, which may carry a password.
 */
import { parseDatabaseUrl } from './database-url.js';
import { migrate } from './migrate.js';

const url = process.argv[2] ?? process.env.DATABASE_URL;
if (!url) {
  console.error('Give a database URL (file:./prima.db or postgres://...) or set DATABASE_URL');
  process.exit(2);
}
const target = parseDatabaseUrl(url);
const applied = await migrate(target);
console.log(`${target.kind}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
