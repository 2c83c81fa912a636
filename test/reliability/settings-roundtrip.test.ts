/**
 * Every host stores settings and reads them back through settingsSchema: defaults must themselves pass the
 * schema, or the first read after a save fails (the admin API answered 500 when alerts.emailFrom's default
 * was not a valid e-mail address).
 */
import { parseSettings, settingsSchema } from '@prima-connect/prima-core';
import { describe, expect, it } from 'vitest';

describe('settings defaults survive a save and a read', () => {
  it('parse(parse(minimal input)) succeeds', () => {
    const saved = parseSettings({
      prima: { url: 'http://prima.example:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink' },
    });
    const reread = settingsSchema.safeParse(JSON.parse(JSON.stringify(saved)));
    expect(reread.success ? 'ok' : reread.error.issues.map((i) => i.path.join('.'))).toBe('ok');
  });
});
