import os from 'node:os';

/** Where the figures came from: they mean little without the machine and how busy it was. */
export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1e9),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}
