/**
 * Loggers for hosts without pino and for tests. Both redact fields whose names suggest secrets or card
 * data, so a careless call site cannot leak them; the engine never passes such fields on purpose.
 */
import type { Logger } from '../ports.js';

const SECRET_FIELD = /pass(word)?|secret|token|authorization|api[-_]?key|card|cvv|pan\b/i;

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : v;
  return out;
}

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  readonly records: LogRecord[];
}

/** Keeps every record in memory (tests assert on correlation ids and on what is never logged). */
export function recordingLogger(base: Record<string, unknown> = {}, sink: LogRecord[] = []): RecordingLogger {
  const at =
    (level: LogRecord['level']) =>
    (fields: Record<string, unknown>, msg: string): void => {
      sink.push({ level, msg, fields: redact({ ...base, ...fields }) });
    };
  return {
    records: sink,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => recordingLogger({ ...base, ...fields }, sink),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
