#!/usr/bin/env tsx
/**
 * Runs the emulator on its own (playground, manual checks):
 *   tsx src/cli.ts --port 7700 --events-url http://127.0.0.1:7000/events --sku ETOS-G-080:8999:5 --source leeds
 * Each --sku is SKU[:priceMinor[:quantity]]. Prints the base URL and the integration token; Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startAdobeCommerceEmulator } from './emulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'events-url': { type: 'string' },
    sku: { type: 'string', multiple: true, default: [] },
    source: { type: 'string', multiple: true, default: [] },
    'no-limits': { type: 'boolean', default: false },
  },
});

const sim = await startAdobeCommerceEmulator({
  port: Number(values.port),
  ...(values['events-url'] ? { eventsUrl: values['events-url'] } : {}),
  inputLimits: { enabled: !values['no-limits'] },
});
for (const code of values.source) sim.seedSource(code);
sim.seedProducts(
  values.sku.map((spec) => {
    const [sku = '', price, qty] = spec.split(':');
    return {
      sku,
      ...(price ? { priceMinor: Number(price) } : {}),
      ...(qty ? { quantity: Number(qty) } : {}),
    };
  }),
);
console.log(
  JSON.stringify({
    url: sim.url,
    restUrl: sim.restUrl,
    accessToken: sim.accessToken,
    recipientClientId: sim.recipientClientId,
  }),
);
const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
