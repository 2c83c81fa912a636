import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@prima-connect/prima-core';
import { type Logger as PinoLogger, pino } from 'pino';

/**
 * Every host logs as JSON lines into one file in the data dir, so the terminal keeps the live summary
 * and the log can still be read (or tailed) when something looks wrong.
 */
export function fileLogger(path: string, level = 'info'): PinoLogger {
  mkdirSync(dirname(path), { recursive: true });
  return pino(
    { level, base: { app: 'playground' } },
    pino.destination({ dest: path, sync: false, mkdir: true }),
  );
}

/** pino's Logger satisfies prima-core's Logger shape; the cast only bridges pino's overloaded signatures. */
export function asCoreLogger(logger: PinoLogger): Logger {
  return logger as unknown as Logger;
}
