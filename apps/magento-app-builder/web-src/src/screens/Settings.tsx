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
  [key: string]: unknown;
}

export function Settings({ host }: { host: HostContext }) {
  const { data, error } = useLoad(() => api<{ settings: SettingsShape | null }>(host, 'GET', '/settings'));
  const [s, setS] = useState<SettingsShape>();
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    if (data?.settings) setS(data.settings);
  }, [data]);
  if (error) return <ErrorNote text={error} />;
  if (!s) return <Text>Loading…</Text>;
  const save = async () => {
    try {
      await api(host, 'PUT', '/settings', { settings: s });
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
      <Flex gap="size-200" alignItems="center" marginTop="size-200">
        <Button variant="accent" onPress={save}>
          Save settings
        </Button>
        {message ? <Text>{message}</Text> : null}
      </Flex>
    </Form>
  );
}
