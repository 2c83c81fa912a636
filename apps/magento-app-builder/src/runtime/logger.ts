import type { Logger } from '@prima-connect/prima-core';

/**
 * Structured JSON lines on stdout/stderr: what I/O Runtime's activation logs (`aio rt activation logs`)
 * keep. Secrets never go in: callers log ids and codes, not tokens.
 */
export function jsonLogger(
  base: Record<string, unknown> = {},
  level: 'debug' | 'info' | 'warn' | 'error' = 'info',
): Logger {
  const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
  const emit = (lvl: keyof typeof order) => (fields: Record<string, unknown>, msg: string) => {
    if (order[lvl] < order[level]) return;
    const line = JSON.stringify({ level: lvl, time: new Date().toISOString(), ...base, ...fields, msg });
    (lvl === 'error' || lvl === 'warn' ? console.error : console.log)(line);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => jsonLogger({ ...base, ...fields }, level),
  };
}

export const silentLogger = (): Logger => {
  const l: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => l };
  return l;
};
