import { describe, expect, it } from 'vitest';
import { recordingLogger, redact } from './log.js';
import { percentile } from './metrics.js';

describe('percentile (nearest rank)', () => {
  it('picks the value at the rank, and 0 for no data', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });
});

describe('logging', () => {
  it('redacts secret- and card-like fields, keeps the rest, and children inherit their fields', () => {
    expect(redact({ accessToken: 'shpat_x', cardNumber: '4111', password: 'p', orderId: '1' })).toEqual({
      accessToken: '[redacted]',
      cardNumber: '[redacted]',
      password: '[redacted]',
      orderId: '1',
    });
    const log = recordingLogger({ tenantId: 't' });
    log.child({ correlationId: 'c1' }).info({ apiKey: 'k', step: 2 }, 'hello');
    expect(log.records).toEqual([
      {
        level: 'info',
        msg: 'hello',
        fields: { tenantId: 't', correlationId: 'c1', apiKey: '[redacted]', step: 2 },
      },
    ]);
  });
});
