/**
 * A worker in its own process, for the multi-process test in processes.test.ts (not a test itself).
 * Usage: node --import tsx worker-process.fixture.ts <database url> <worker name>
 * Prints "ready", waits for "go" on stdin, then claims and completes until the queue is empty, printing one
 * JSON line per job it processed.
 */
import { createInterface } from 'node:readline';
import { createQueue } from './index.js';

const [url, name] = process.argv.slice(2);
if (!url || !name) throw new Error('usage: worker-process.fixture.ts <url> <name>');

const queue = await createQueue({ url, migrate: false });
const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) if (line.trim() === 'go') break;

for (;;) {
  const jobs = await queue.claim(name, 2, 30_000);
  if (jobs.length === 0) {
    const { pending, active } = await queue.counts();
    if (pending === 0 && active === 0) break;
    await new Promise((r) => setTimeout(r, 5));
    continue;
  }
  for (const job of jobs) {
    console.log(JSON.stringify({ worker: name, id: job.id, i: job.payload.i }));
    await new Promise((r) => setTimeout(r, 3));
    await queue.complete(job.id);
  }
}
await queue.close();
lines.close();
