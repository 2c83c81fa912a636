import { Button, SelectControl, Spinner, TextControl, ToggleControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useApi, useLoad } from '../api';
import { SectionCard } from '../components/SectionCard';
import { useAction } from '../hooks/useAction';
import { usePrimaSettingsCard } from '../hooks/usePrimaSettingsCard';
import type {
  AlertSettingsView,
  ConnectionTest,
  PluginSettingsView,
  PrimaSettings,
  TestAlertResult,
} from '../types';

const DEFAULT_PRIMA: PrimaSettings = {
  prima: { url: '' },
  orders: {
    postingEnabled: false,
    trigger: 'paid',
    holdWindowMinutes: 0,
    orderNumberPrefix: 'W',
    vatInclusive: true,
  },
  stock: { enabled: false, intervalMinutes: 15, defaultBuffer: { kind: 'fixed', value: 0 } },
};

export function Settings() {
  return (
    <div className="prima-connect-settings">
      <ConnectionCard />
      <WooKeyCard />
      <PrimaCard />
      <AlertsCard />
    </div>
  );
}

function ConnectionCard() {
  const api = useApi();
  const { data, reload } = useLoad<PluginSettingsView>('/plugin-settings');
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const { busy, msg, setMsg, run } = useAction();
  useEffect(() => {
    if (data) setUrl(data.connector_url);
  }, [data]);

  const save = () =>
    run(async () => {
      await api.request('/plugin-settings', { method: 'POST', data: { connector_url: url, api_key: key } });
      setKey('');
      setMsg({ status: 'success', text: __('Connection saved.', 'prima-connect') });
      reload();
    });
  const registerWebhooks = () =>
    run(async () => {
      const r = await api.request<{ registered: number }>('/webhooks/register', { method: 'POST' });
      setMsg({
        status: 'success',
        text: sprintf(__('%d webhooks now send orders to Prima Connect.', 'prima-connect'), r.registered),
      });
      reload();
    });
  return (
    <SectionCard
      title={__('Prima Connect service', 'prima-connect')}
      msg={msg}
      onRemoveMsg={() => setMsg(null)}
    >
      <TextControl
        __nextHasNoMarginBottom
        label={__('Connector address', 'prima-connect')}
        help={__('Given to you with your store key, e.g. https://connect.example.com', 'prima-connect')}
        value={url}
        onChange={setUrl}
      />
      <TextControl
        __nextHasNoMarginBottom
        type="password"
        label={__('Store key', 'prima-connect')}
        help={
          data?.api_key_saved
            ? __('A key is saved. Leave empty to keep it.', 'prima-connect')
            : __('Starts with pck_.', 'prima-connect')
        }
        value={key}
        onChange={setKey}
      />
      <Button variant="primary" isBusy={busy} disabled={busy} onClick={save}>
        {__('Save connection', 'prima-connect')}
      </Button>{' '}
      <Button variant="secondary" disabled={busy || !data?.api_key_saved} onClick={registerWebhooks}>
        {data?.webhook_count
          ? __('Re-register webhooks', 'prima-connect')
          : __('Register webhooks', 'prima-connect')}
      </Button>
    </SectionCard>
  );
}

function WooKeyCard() {
  const api = useApi();
  const [ck, setCk] = useState('');
  const [cs, setCs] = useState('');
  // The button is not held while checking (only empty fields hold it), as before.
  const { msg, setMsg, run } = useAction();
  const save = () =>
    run(async () => {
      await api.request('/woocommerce-key', {
        method: 'POST',
        data: { consumer_key: ck, consumer_secret: cs },
      });
      setCk('');
      setCs('');
      setMsg({
        status: 'success',
        text: __('WooCommerce key checked and saved (encrypted) by the connector.', 'prima-connect'),
      });
    });
  return (
    <SectionCard
      title={__('WooCommerce REST API key', 'prima-connect')}
      intro={__(
        'Create a key with Read/Write access in WooCommerce > Settings > Advanced > REST API. The connector uses it to read orders, write the Prima status and update stock.',
        'prima-connect',
      )}
      msg={msg}
      onRemoveMsg={() => setMsg(null)}
    >
      <TextControl
        __nextHasNoMarginBottom
        label={__('Consumer key', 'prima-connect')}
        value={ck}
        onChange={setCk}
      />
      <TextControl
        __nextHasNoMarginBottom
        type="password"
        label={__('Consumer secret', 'prima-connect')}
        value={cs}
        onChange={setCs}
      />
      <Button variant="primary" disabled={!ck || !cs} onClick={save}>
        {__('Check and save key', 'prima-connect')}
      </Button>
    </SectionCard>
  );
}

function PrimaCard() {
  const api = useApi();
  const { saved, loading, busy, msg, setMsg, run, save: saveOver } = usePrimaSettingsCard();
  const [s, setS] = useState<PrimaSettings>(DEFAULT_PRIMA);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  useEffect(() => {
    if (saved?.settings) setS(saved.settings);
  }, [saved]);

  const orders = (patch: Partial<PrimaSettings['orders']>) =>
    setS((x) => ({ ...x, orders: { ...x.orders, ...patch } }));
  const stock = (patch: Partial<PrimaSettings['stock']>) =>
    setS((x) => ({ ...x, stock: { ...x.stock, ...patch } }));
  const int = (v: string, fallback: number) => (/^\d+$/.test(v) ? Number(v) : fallback);

  // The Alerts card saves the same settings: keep the alerts it saved since this card loaded.
  const save = () =>
    saveOver(
      (latest) => {
        const alerts = latest?.alerts;
        return alerts === undefined ? s : { ...s, alerts };
      },
      __('Prima settings saved.', 'prima-connect'),
    );
  const runTest = () => {
    setTest(null);
    return run(async () => {
      setTest(await api.request<ConnectionTest>('/connection-test', { method: 'POST' }));
    });
  };
  if (loading) return <Spinner />;
  return (
    <SectionCard title={__('Prima', 'prima-connect')} msg={msg} onRemoveMsg={() => setMsg(null)}>
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima web service address (WSDL or service URL)', 'prima-connect')}
        value={s.prima.url}
        onChange={(url) => setS((x) => ({ ...x, prima: { ...x.prima, url } }))}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Company (multi-company sites only)', 'prima-connect')}
        value={s.prima.companyId ?? ''}
        onChange={(companyId) =>
          setS((x) => ({
            ...x,
            prima: { ...x.prima, ...(companyId ? { companyId } : { companyId: undefined }) },
          }))
        }
      />
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Send orders to Prima', 'prima-connect')}
        checked={s.orders.postingEnabled}
        onChange={(postingEnabled) => orders({ postingEnabled })}
      />
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Send an order when it is', 'prima-connect')}
        value={s.orders.trigger}
        options={[
          { value: 'paid', label: __('Paid (processing)', 'prima-connect') },
          { value: 'authorized', label: __('Payment authorised', 'prima-connect') },
          { value: 'created', label: __('Placed', 'prima-connect') },
        ]}
        onChange={(v) => orders({ trigger: v === 'created' || v === 'authorized' ? v : 'paid' })}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Wait before sending (minutes)', 'prima-connect')}
        value={String(s.orders.holdWindowMinutes)}
        onChange={(v) => orders({ holdWindowMinutes: int(v, s.orders.holdWindowMinutes) })}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima order number prefix', 'prima-connect')}
        value={s.orders.orderNumberPrefix}
        onChange={(v) => orders({ orderNumberPrefix: v })}
      />
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Prima prices include VAT', 'prima-connect')}
        checked={s.orders.vatInclusive}
        onChange={(vatInclusive) => orders({ vatInclusive })}
      />
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Update WooCommerce stock from Prima', 'prima-connect')}
        checked={s.stock.enabled}
        onChange={(enabled) => stock({ enabled })}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Stock sync every (minutes)', 'prima-connect')}
        value={String(s.stock.intervalMinutes)}
        onChange={(v) => stock({ intervalMinutes: int(v, s.stock.intervalMinutes) })}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Safety buffer (units held back)', 'prima-connect')}
        value={String(s.stock.defaultBuffer.value)}
        onChange={(v) =>
          stock({ defaultBuffer: { kind: 'fixed', value: int(v, s.stock.defaultBuffer.value) } })
        }
      />
      <Button variant="primary" isBusy={busy} disabled={busy || !s.prima.url} onClick={save}>
        {__('Save Prima settings', 'prima-connect')}
      </Button>{' '}
      <Button variant="secondary" disabled={busy} onClick={runTest}>
        {__('Test connection', 'prima-connect')}
      </Button>
      {test ? (
        <ul className="prima-connect-test">
          <li>
            {test.prima.ok
              ? sprintf(__('Prima answered (company %s).', 'prima-connect'), test.prima.company)
              : sprintf(
                  __('Prima: %1$s %2$s', 'prima-connect'),
                  test.prima.problem.message,
                  test.prima.problem.action,
                )}
          </li>
          <li>
            {test.woocommerce.ok
              ? __('WooCommerce REST API key works.', 'prima-connect')
              : sprintf(
                  __('WooCommerce: %1$s %2$s', 'prima-connect'),
                  test.woocommerce.problem.message,
                  test.woocommerce.problem.action,
                )}
          </li>
        </ul>
      ) : null}
    </SectionCard>
  );
}

const DEFAULT_ALERTS: AlertSettingsView = {
  enabled: false,
  emailTo: [],
  webhookUrl: '',
  openExceptionsThreshold: 10,
};

/** "a@x.com, b@y.com" or one a line -> the addresses; the connector checks each and says which is wrong. */
const emailList = (text: string) =>
  text
    .split(/[,;\r\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);

function AlertsCard() {
  const api = useApi();
  const { saved, loading, busy, msg, setMsg, run, save: saveOver } = usePrimaSettingsCard();
  const [enabled, setEnabled] = useState(false);
  const [emails, setEmails] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [threshold, setThreshold] = useState('10');
  const [results, setResults] = useState<TestAlertResult[] | null>(null);
  useEffect(() => {
    const a = { ...DEFAULT_ALERTS, ...(saved?.settings?.alerts as Partial<AlertSettingsView> | undefined) };
    setEnabled(a.enabled);
    setEmails(a.emailTo.join(', '));
    setWebhookUrl(a.webhookUrl);
    setThreshold(String(a.openExceptionsThreshold));
  }, [saved]);

  // Sent as typed: the connector refuses "ten" or a bad address in words rather than this screen guessing.
  const typed = (base: Partial<AlertSettingsView> | undefined) => ({
    ...base,
    enabled,
    emailTo: emailList(emails),
    webhookUrl: webhookUrl.trim(),
    openExceptionsThreshold: /^\d+$/.test(threshold.trim()) ? Number(threshold.trim()) : threshold,
  });

  const save = () => {
    setResults(null);
    return saveOver(
      (latest) => {
        if (!latest) throw new Error(__('Save the Prima settings first, then the alerts.', 'prima-connect'));
        return { ...latest, alerts: typed(latest.alerts as Partial<AlertSettingsView> | undefined) };
      },
      __('Alert settings saved.', 'prima-connect'),
    );
  };
  const sendTest = () => {
    setResults(null);
    setMsg(null);
    return run(async () => {
      const current = saved?.settings?.alerts as Partial<AlertSettingsView> | undefined;
      const r = await api.request<{ results: TestAlertResult[] }>('/alerts/test', {
        method: 'POST',
        data: { alerts: typed(current) },
      });
      setResults(r.results);
    });
  };
  if (loading) return <Spinner />;
  return (
    <SectionCard
      title={__('Alerts', 'prima-connect')}
      intro={__(
        'An e-mail or a chat message (e.g. a Slack webhook) when problems pile up or a day does not reconcile, with a link to what to do.',
        'prima-connect',
      )}
      msg={msg}
      onRemoveMsg={() => setMsg(null)}
    >
      <ToggleControl
        __nextHasNoMarginBottom
        label={__('Send alerts', 'prima-connect')}
        checked={enabled}
        onChange={setEnabled}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('E-mail alerts to', 'prima-connect')}
        help={__(
          'One or more addresses, separated by commas. E-mail needs a mail server set up on the Prima Connect service.',
          'prima-connect',
        )}
        value={emails}
        onChange={setEmails}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Webhook address', 'prima-connect')}
        help={__(
          'Optional: a Slack or Teams incoming webhook, or your ticketing system (https://...).',
          'prima-connect',
        )}
        value={webhookUrl}
        onChange={setWebhookUrl}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Alert when this many problems are waiting', 'prima-connect')}
        help={__('0 = only when a day does not reconcile.', 'prima-connect')}
        value={threshold}
        onChange={setThreshold}
      />
      <Button variant="primary" isBusy={busy} disabled={busy} onClick={save}>
        {__('Save alerts', 'prima-connect')}
      </Button>{' '}
      <Button variant="secondary" disabled={busy} onClick={sendTest}>
        {__('Send a test alert', 'prima-connect')}
      </Button>
      {results ? (
        <ul className="prima-connect-test">
          {results.map((r) => (
            <li key={r.channel}>{r.message}</li>
          ))}
        </ul>
      ) : null}
    </SectionCard>
  );
}
