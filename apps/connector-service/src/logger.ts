/**
 * pino with secrets redacted at the source: the API key, webhook signatures and WooCommerce consumer
 * secrets never reach a log line, whatever a handler logs.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-wc-webhook-signature"]',
  'headers.authorization',
  'apiKey',
  'secret',
  'consumerSecret',
  'consumerKey',
  '*.apiKey',
  '*.secret',
  '*.consumerSecret',
  '*.consumerKey',
];

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): PinoLogger {
  const options = {
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
