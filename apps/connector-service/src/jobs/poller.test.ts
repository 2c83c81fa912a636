import { parseSettings } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';
import { stockSyncDue } from './poller.js';

describe('stockSyncDue', () => {
  const now = new Date('2026-11-22T07:00:00Z');
  const on = parseSettings({
    prima: { url: 'http://prima.test/x' },
    stock: { enabled: true, intervalMinutes: 15 },
  });

  it('never syncs when stock sync is off or the shop has no settings', () => {
    expect(stockSyncDue(null, null, now)).toBe(false);
    expect(stockSyncDue(parseSettings({ prima: { url: 'http://prima.test/x' } }), null, now)).toBe(false);
  });

  it('syncs the first time and then once per interval', () => {
    expect(stockSyncDue(on, null, now)).toBe(true);
    expect(stockSyncDue(on, '2026-11-22T06:50:00Z', now)).toBe(false);
    expect(stockSyncDue(on, '2026-11-22T06:45:00Z', now)).toBe(true);
  });
});
