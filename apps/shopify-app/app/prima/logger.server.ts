/** prima-core's Logger port on pino: structured JSON, one correlation id per webhook carried as a child field. */
import type { Logger } from '@prima-connect/prima-core';
import pino from 'pino';

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return wrap(pino({ level, redact: ['*.accessToken', '*.apiSecretKey', '*.password'] }));
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (fields, msg) => p.debug(fields, msg),
    info: (fields, msg) => p.info(fields, msg),
    warn: (fields, msg) => p.warn(fields, msg),
    error: (fields, msg) => p.error(fields, msg),
    child: (fields) => wrap(p.child(fields)),
  };
}

/** For tests: records nothing, prints nothing. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
