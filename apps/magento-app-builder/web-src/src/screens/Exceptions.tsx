import {
  ActionButton,
  Cell,
  Column,
  Flex,
  Row,
  TableBody,
  TableHeader,
  TableView,
  Text,
} from '@adobe/react-spectrum';
import { api } from '../api';
import { HandbookLink } from '../handbook';
import type { HostContext } from '../host';
import type { ExceptionRecord } from '../types';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

export function Exceptions({ host }: { host: HostContext }) {
  const { data, error, reload } = useLoad(() =>
    api<{ exceptions: ExceptionRecord[] }>(host, 'GET', '/exceptions?status=open'),
  );
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  if (data.exceptions.length === 0) return <Text>Nothing needs attention. Every order reached Prima.</Text>;
  const act = async (id: string, what: 'retry' | 'resolve') => {
    await api(
      host,
      'POST',
      `/exceptions/${encodeURIComponent(id)}/${what}`,
      what === 'resolve' ? { note: 'Resolved by hand in Commerce admin' } : undefined,
    );
    reload();
  };
  return (
    <TableView width="100%" aria-label="Exceptions" overflowMode="wrap">
      <TableHeader>
        <Column width={140}>Concerns</Column>
        <Column>What happened</Column>
        <Column>What to do</Column>
        <Column width={220}>Actions</Column>
      </TableHeader>
      <TableBody>
        {data.exceptions.map((e) => (
          <Row key={e.id}>
            <Cell>{e.subject}</Cell>
            <Cell>{e.problem.message}</Cell>
            <Cell>
              {e.problem.action} <HandbookLink code={e.code} />
            </Cell>
            <Cell>
              <Flex gap="size-100">
                <ActionButton onPress={() => act(e.id, 'retry')}>Retry</ActionButton>
                <ActionButton onPress={() => act(e.id, 'resolve')}>Resolve</ActionButton>
              </Flex>
            </Cell>
          </Row>
        ))}
      </TableBody>
    </TableView>
  );
}
