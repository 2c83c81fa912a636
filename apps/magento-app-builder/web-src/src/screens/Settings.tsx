import {
  Button,
  Flex,
  Form,
  Heading,
  Item,
  NumberField,
  Picker,
  Switch,
  Text,
  TextField,
} from '@adobe/react-spectrum';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { HostContext } from '../host';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

interface SettingsShape {
  prima: { url: string; companyId?: string };
  orders: {
    postingEnabled: boolean;
    trigger: 'paid' | 'authorized' | 'created';
    holdWindowMinutes: number;
    orderNumberPrefix: string;
  };
  stock: { enabled: boolean; intervalMinutes: number };
  alerts?: {
    enabled: boolean;
    emailTo: string[];
    webhookUrl: string;
    openExceptionsThreshold: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

type AlertsShape = NonNullable<SettingsShape['alerts']>;
const DEFAULT_ALERTS: AlertsShape = {
  enabled: false,
  emailTo: [],
  webhookUrl: '',
  openExceptionsThreshold: 10,
};

/** "a@x.com, b@y.com" or one a line -> the addresses; the admin API checks each and names a wrong one. */
const emailList = (text: string) =>
  text
    .split(/[,;\r\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);

interface TestAlertResult {
  channel: string;
  ok: boolean;
  message: string;
}

export function Settings({ host }: { host: HostContext }) {
  const { data, error } = useLoad(() => api<{ settings: SettingsShape | null }>(host, 'GET', '/settings'));
  const [s, setS] = useState<SettingsShape>();
  const [message, setMessage] = useState<string>();
  // Recipients are edited as text; they become the list only when saved or tested.
  const [emails, setEmails] = useState('');
  const [testResults, setTestResults] = useState<TestAlertResult[]>();
  useEffect(() => {
    if (data?.settings) {
      setS(data.settings);
      setEmails((data.settings.alerts?.emailTo ?? []).join(', '));
    }
  }, [data]);
  if (error) return <ErrorNote text={error} />;
  if (!s) return <Text>Loading…</Text>;
  const alerts: AlertsShape = { ...DEFAULT_ALERTS, ...s.alerts };
  const setAlerts = (patch: Partial<AlertsShape>) => setS({ ...s, alerts: { ...alerts, ...patch } });
  const typedAlerts = (): AlertsShape => ({
    ...alerts,
    emailTo: emailList(emails),
    webhookUrl: alerts.webhookUrl.trim(),
  });
  const sendTest = async () => {
    setTestResults(undefined);
    setMessage(undefined);
    try {
      const r = await api<{ results: TestAlertResult[] }>(host, 'POST', '/alerts/test', {
        alerts: typedAlerts(),
      });
      setTestResults(r.results);
    } catch (e) {
      setMessage(`Test alert not sent: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const save = async () => {
    try {
      await api(host, 'PUT', '/settings', { settings: { ...s, alerts: typedAlerts() } });
      setMessage('Saved.');
    } catch (e) {
      setMessage(`Not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <Form aria-label="Settings" maxWidth="size-6000">
      <Heading level={3}>Prima connection</Heading>
      <TextField
        label="Prima web service (WSDL) address"
        value={s.prima.url}
        onChange={(url) => setS({ ...s, prima: { ...s.prima, url } })}
      />
      <TextField
        label="Prima company (multi-company sites)"
        value={s.prima.companyId ?? ''}
        onChange={(companyId) => setS({ ...s, prima: { ...s.prima, companyId } })}
      />
      <Heading level={3}>Orders</Heading>
      <Switch
        isSelected={s.orders.postingEnabled}
        onChange={(postingEnabled) => setS({ ...s, orders: { ...s.orders, postingEnabled } })}
      >
        Send orders to Prima
      </Switch>
      <Picker
        label="Send an order when it is"
        selectedKey={s.orders.trigger}
        onSelectionChange={(k) =>
          setS({ ...s, orders: { ...s.orders, trigger: k as SettingsShape['orders']['trigger'] } })
        }
      >
        <Item key="paid">Invoiced (paid)</Item>
        <Item key="authorized">Payment authorised</Item>
        <Item key="created">Placed</Item>
      </Picker>
      <NumberField
        label="Hold window (minutes)"
        minValue={0}
        maxValue={1440}
        value={s.orders.holdWindowMinutes}
        onChange={(holdWindowMinutes) => setS({ ...s, orders: { ...s.orders, holdWindowMinutes } })}
      />
      <Heading level={3}>Stock</Heading>
      <Switch
        isSelected={s.stock.enabled}
        onChange={(enabled) => setS({ ...s, stock: { ...s.stock, enabled } })}
      >
        Update Commerce stock from Prima
      </Switch>
      <NumberField
        label="Every (minutes)"
        minValue={1}
        maxValue={1440}
        value={s.stock.intervalMinutes}
        onChange={(intervalMinutes) => setS({ ...s, stock: { ...s.stock, intervalMinutes } })}
      />
      <Heading level={3}>Alerts</Heading>
      <Text>
        An e-mail or a chat message (e.g. a Slack webhook) when problems pile up or a day does not reconcile,
        with a link to what to do.
      </Text>
      <Switch isSelected={alerts.enabled} onChange={(enabled) => setAlerts({ enabled })}>
        Send alerts
      </Switch>
      <TextField
        label="E-mail alerts to"
        description="One or more addresses, separated by commas. E-mail needs the app's mail server (PRIMA_SMTP_URL) set at deploy."
        value={emails}
        onChange={setEmails}
      />
      <TextField
        label="Webhook address"
        description="Optional: a Slack or Teams incoming webhook, or your ticketing system (https://...)."
        value={alerts.webhookUrl}
        onChange={(webhookUrl) => setAlerts({ webhookUrl })}
      />
      <NumberField
        label="Alert when this many problems are waiting"
        description="0 = only when a day does not reconcile."
        minValue={0}
        maxValue={100_000}
        step={1}
        value={alerts.openExceptionsThreshold}
        onChange={(n) => setAlerts({ openExceptionsThreshold: Number.isFinite(n) ? n : 0 })}
      />
      <Flex gap="size-200" alignItems="center">
        <Button variant="secondary" onPress={sendTest}>
          Send a test alert
        </Button>
      </Flex>
      {/* Always rendered: a Form's children must be elements, not null. */}
      <ul aria-label="Test alert results">
        {(testResults ?? []).map((r) => (
          <li key={r.channel}>{r.message}</li>
        ))}
      </ul>
      <Flex gap="size-200" alignItems="center" marginTop="size-200">
        <Button variant="accent" onPress={save}>
          Save settings
        </Button>
        {message ? <Text>{message}</Text> : null}
      </Flex>
    </Form>
  );
}
