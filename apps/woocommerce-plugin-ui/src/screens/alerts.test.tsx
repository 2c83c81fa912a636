import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderWithApi } from '../test-utils';
import type { PrimaSettings } from '../types';
import { Settings } from './Settings';

const saved: PrimaSettings = {
  prima: { url: 'http://prima.local/omlink' },
  orders: {
    postingEnabled: true,
    trigger: 'paid',
    holdWindowMinutes: 0,
    orderNumberPrefix: 'W',
    vatInclusive: true,
  },
  stock: { enabled: false, intervalMinutes: 15, defaultBuffer: { kind: 'fixed', value: 0 } },
  alerts: {
    enabled: false,
    emailTo: ['finance@shop.example'],
    emailFrom: 'alerts@shop.example',
    webhookUrl: '',
    openExceptionsThreshold: 10,
  },
};

/** A connector stand-in that keeps what is saved, so the screen reads back its own save. */
function connector(initial: PrimaSettings) {
  let current = initial;
  return fakeApi({
    'GET /plugin-settings': {
      connector_url: 'https://connect.example',
      api_key_saved: true,
      webhook_count: 3,
    },
    'GET /prima-settings': () => ({ settings: current }),
    'POST /prima-settings/save': (data: unknown) => {
      current = data as PrimaSettings;
      return { settings: current };
    },
    'POST /alerts/test': {
      results: [
        { channel: 'E-mail to ops@shop.example', ok: true, message: 'E-mail to ops@shop.example: sent.' },
        {
          channel: 'Webhook hooks.slack.com',
          ok: false,
          message: 'Webhook hooks.slack.com: not sent (the webhook answered HTTP 404).',
        },
      ],
    },
  });
}

describe('Settings > Alerts', () => {
  it('saves on/off, recipients, webhook and level, keeping the rest of the settings', async () => {
    const api = connector(saved);
    renderWithApi(<Settings />, api);
    const emails = (await screen.findByLabelText('E-mail alerts to')) as HTMLInputElement;
    await waitFor(() => expect(emails.value).toBe('finance@shop.example'));
    fireEvent.click(screen.getByLabelText('Send alerts'));
    fireEvent.change(emails, { target: { value: 'finance@shop.example,\nops@shop.example' } });
    fireEvent.change(screen.getByLabelText('Webhook address'), {
      target: { value: ' https://hooks.slack.com/services/T/B/X ' },
    });
    fireEvent.change(screen.getByLabelText('Alert when this many problems are waiting'), {
      target: { value: '25' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save alerts' }));
    expect((await screen.findAllByText('Alert settings saved.')).length).toBeGreaterThan(0);
    const sent = api.calls.filter((c) => c.path === '/prima-settings/save').at(-1)?.data as PrimaSettings;
    expect(sent.alerts).toEqual({
      enabled: true,
      emailTo: ['finance@shop.example', 'ops@shop.example'],
      emailFrom: 'alerts@shop.example',
      webhookUrl: 'https://hooks.slack.com/services/T/B/X',
      openExceptionsThreshold: 25,
    });
    expect(sent.prima.url).toBe('http://prima.local/omlink');
    expect(sent.orders.postingEnabled).toBe(true);

    // The Prima card, loaded before, saves afterwards without undoing the alerts.
    fireEvent.click(screen.getByRole('button', { name: 'Save Prima settings' }));
    expect((await screen.findAllByText('Prima settings saved.')).length).toBeGreaterThan(0);
    const after = api.calls.filter((c) => c.path === '/prima-settings/save').at(-1)?.data as PrimaSettings;
    expect(after.alerts).toEqual(sent.alerts);
  });

  it("shows the connector's refusal in its words", async () => {
    const api = fakeApi({
      'GET /plugin-settings': { connector_url: '', api_key_saved: true, webhook_count: 0 },
      'GET /prima-settings': { settings: saved },
      'POST /prima-settings/save': new Error('That is not an e-mail address: finance at shop'),
    });
    renderWithApi(<Settings />, api);
    fireEvent.change(await screen.findByLabelText('E-mail alerts to'), {
      target: { value: 'finance at shop' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save alerts' }));
    expect(
      (await screen.findAllByText('That is not an e-mail address: finance at shop')).length,
    ).toBeGreaterThan(0);
    const sent = api.calls.find((c) => c.path === '/prima-settings/save')?.data as PrimaSettings;
    expect(sent.alerts).toMatchObject({ emailTo: ['finance at shop'] });
  });

  it('sends a test alert with the fields as typed and lists each channel', async () => {
    const api = connector(saved);
    renderWithApi(<Settings />, api);
    const emails = (await screen.findByLabelText('E-mail alerts to')) as HTMLInputElement;
    await waitFor(() => expect(emails.value).toBe('finance@shop.example'));
    fireEvent.change(emails, { target: { value: 'ops@shop.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test alert' }));
    expect(await screen.findByText('E-mail to ops@shop.example: sent.')).toBeTruthy();
    expect(
      screen.getByText('Webhook hooks.slack.com: not sent (the webhook answered HTTP 404).'),
    ).toBeTruthy();
    const sent = api.calls.find((c) => c.path === '/alerts/test')?.data as { alerts: { emailTo: string[] } };
    expect(sent.alerts.emailTo).toEqual(['ops@shop.example']);
    expect(api.calls.filter((c) => c.path === '/prima-settings/save')).toHaveLength(0);
  });
});
