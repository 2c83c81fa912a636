import {
  Cell,
  Column,
  Flex,
  Heading,
  Row,
  StatusLight,
  TableBody,
  TableHeader,
  TableView,
  Text,
  View,
  Well,
} from '@adobe/react-spectrum';
import { api } from '../api';
import { ago, money, STATE_LABEL } from '../format';
import type { HostContext } from '../host';
import type { ExceptionRecord, Metrics, OrderLink } from '../types';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Well minWidth="size-2000">
      <Text>{label}</Text>
      <Heading level={2} data-testid={testId} marginY="size-50">
        {value}
      </Heading>
    </Well>
  );
}

export function Dashboard({ host }: { host: HostContext }) {
  const { data, error } = useLoad(() =>
    api<{ metrics: Metrics; recent: OrderLink[]; openExceptions: ExceptionRecord[] }>(
      host,
      'GET',
      '/dashboard',
    ),
  );
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  const m = data.metrics;
  const open = Object.values(m.openExceptionsByCode).reduce((a, b) => a + b, 0);
  return (
    <View>
      <Flex gap="size-200" wrap marginBottom="size-300">
        <Figure label="Orders in Prima" value={String(m.ordersPosted)} testId="fig-posted" />
        <Figure
          label="Acceptance rate"
          value={`${Math.round(m.acceptanceRate * 100)}%`}
          testId="fig-acceptance"
        />
        <Figure label="Stock synced" value={ago(m.stockFreshnessSeconds)} testId="fig-stock" />
        <Figure label="Needs attention" value={String(open)} testId="fig-exceptions" />
        <Figure label="Waiting in queue" value={String(m.queue.pending)} testId="fig-queue" />
      </Flex>
      <Heading level={3}>Latest orders</Heading>
      <TableView width="100%" aria-label="Latest orders" density="compact">
        <TableHeader>
          <Column>Order</Column>
          <Column>Prima order</Column>
          <Column>Status</Column>
          <Column align="end">Total</Column>
        </TableHeader>
        <TableBody>
          {data.recent.map((o) => (
            <Row key={o.storefrontOrderId}>
              <Cell>{o.storefrontOrderNumber}</Cell>
              <Cell>{o.state === 'posted' ? o.primaOrderNumber : '—'}</Cell>
              <Cell>
                <StatusLight variant={STATE_LABEL[o.state]?.variant ?? 'neutral'}>
                  {o.primaRawStatus && o.state === 'posted'
                    ? `In Prima: ${o.primaRawStatus}`
                    : (STATE_LABEL[o.state]?.label ?? o.state)}
                </StatusLight>
              </Cell>
              <Cell>{money(o.totalMinor, o.currency)}</Cell>
            </Row>
          ))}
        </TableBody>
      </TableView>
    </View>
  );
}
