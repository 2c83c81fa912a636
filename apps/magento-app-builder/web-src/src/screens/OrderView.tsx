import { Button, Flex, Heading, StatusLight, Text, View, Well } from '@adobe/react-spectrum';
import { useState } from 'react';
import { api } from '../api';
import { STATE_LABEL } from '../format';
import { HandbookLink } from '../handbook';
import type { HostContext } from '../host';
import type { OrderSyncView } from '../types';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

/** The order-view button's page: is this order in Prima, under which number, despatched, and retry. */
export function OrderView({ host }: { host: HostContext }) {
  const id = host.orderId ?? '';
  const { data, error, reload } = useLoad(() =>
    api<OrderSyncView>(host, 'GET', `/orders/${encodeURIComponent(id)}`),
  );
  const [busy, setBusy] = useState(false);
  if (!id) return <ErrorNote text="Open this page from an order in Sales > Orders." />;
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  const s = STATE_LABEL[data.state] ?? { label: data.state, variant: 'neutral' as const };
  return (
    <View>
      <Heading level={3}>Order {data.storefrontOrderNumber || id} in Prima</Heading>
      <StatusLight variant={s.variant} data-testid="order-state">
        {s.label}
        {data.primaRawStatus ? ` (${data.primaRawStatus})` : ''}
      </StatusLight>
      {data.primaOrderNumber && data.state === 'posted' ? (
        <Text>Prima order number: {data.primaOrderNumber}</Text>
      ) : null}
      {data.dispatches.map((d) => (
        <Text key={d.dispatchId}>
          Despatched with {d.carrier}
          {d.trackingNumber ? `, tracking ${d.trackingNumber}` : ''}
        </Text>
      ))}
      {data.lastProblem ? (
        <Well role="region" aria-label="Problem" marginY="size-200">
          <Text>{data.lastProblem.message}</Text>
          <br />
          <Text>{data.lastProblem.action}</Text> <HandbookLink code={data.lastProblem.code} />
        </Well>
      ) : null}
      <Flex marginTop="size-200">
        <Button
          variant="primary"
          isDisabled={!data.canRetry || busy}
          onPress={async () => {
            setBusy(true);
            await api(host, 'POST', `/orders/${encodeURIComponent(id)}/repost`).finally(() => setBusy(false));
            reload();
          }}
        >
          Retry sending to Prima
        </Button>
      </Flex>
    </View>
  );
}
