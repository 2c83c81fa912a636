import { describe, expect, it } from 'vitest';
import { aioLogger } from './aio-sdk.js';

/** The adapter from prima-core's Logger to aio's Core.Logger: message first, fields as JSON, no secrets. */
function recorder() {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (message: string) => void lines.push([level, message]);
  return { lines, core: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('aioLogger', () => {
  it('writes message and fields at the right level, child fields included', () => {
    const { lines, core } = recorder();
    const log = aioLogger(core, { tenant: 't1' });
    log.info({ orderId: '42' }, 'posted');
    log.child({ job: 'stock' }).error({ code: 'PRIMA_DOWN' }, 'failed');
    expect(lines).toEqual([
      ['info', 'posted {"tenant":"t1","orderId":"42"}'],
      ['error', 'failed {"tenant":"t1","job":"stock","code":"PRIMA_DOWN"}'],
    ]);
  });

  it('masks secret-looking fields', () => {
    const { lines, core } = recorder();
    aioLogger(core).warn({ accessToken: 'abc123', apiKey: 'k', orderId: '7' }, 'retry');
    expect(lines[0]?.[1]).toBe('retry {"accessToken":"[redacted]","apiKey":"[redacted]","orderId":"7"}');
  });
});
