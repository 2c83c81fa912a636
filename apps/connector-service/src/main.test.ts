import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './accounts/secret-box.js';
import { main } from './main.js';

describe('connector service process', () => {
  it('refuses to start without a valid secret key', async () => {
    await expect(
      main({ CONNECTOR_PUBLIC_URL: 'http://x.test', CONNECTOR_SECRET_KEY: 'short' }),
    ).rejects.toThrow(/32 bytes/);
  });

  it('refuses to start with a malformed PRIMA_SMTP_URL, without printing its password', async () => {
    const started = main({
      CONNECTOR_PUBLIC_URL: 'http://x.test',
      CONNECTOR_SECRET_KEY: SecretBox.generateKey(),
      PRIMA_SMTP_URL: 'mail.example.com:587 user secret-pw',
    });
    await expect(started).rejects.toThrow(/PRIMA_SMTP_URL/);
    await expect(started).rejects.not.toThrow(/secret-pw/);
  });

  it('boots on prima-store (SQLite), registers a shop, keeps only hashes and sealed secrets on disk, and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connector-main-'));
    const service = await main({
      PORT: '0',
      DATABASE_URL: `file:${join(dir, 'c.db')}`,
      ACCOUNTS_FILE: join(dir, 'accounts.json'),
      CONNECTOR_SECRET_KEY: SecretBox.generateKey(),
      CONNECTOR_PUBLIC_URL: 'https://connect.example',
      OPERATOR_TOKEN: 'operator-token-0123456789abcdef',
      LOG_LEVEL: 'silent',
    });
    try {
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      const reg = await fetch(`${service.url}/operator/stores`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer operator-token-0123456789abcdef',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ siteUrl: 'https://shop.example' }),
      });
      const { apiKey } = (await reg.json()) as { apiKey: string };
      const onDisk = readFileSync(join(dir, 'accounts.json'), 'utf8');
      expect(onDisk).not.toContain(apiKey);
      expect(onDisk).toContain('"apiKeyHash"');
      const me = await fetch(`${service.url}/v1/store`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(((await me.json()) as { siteUrl: string }).siteUrl).toBe('https://shop.example');
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
