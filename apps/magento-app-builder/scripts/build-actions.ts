// `pnpm run build:actions` (and aio's build-actions hook): bundles the runtime actions into dist/actions.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleActions } from '../src/entries/bundle-actions.js';

const built = await bundleActions(resolve(dirname(fileURLToPath(import.meta.url)), '../dist/actions'));
console.log(`built ${built.length} actions into dist/actions: ${built.join(', ')}`);
