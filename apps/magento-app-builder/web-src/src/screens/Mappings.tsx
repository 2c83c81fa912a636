import {
  Button,
  Cell,
  Column,
  Flex,
  Form,
  Row,
  TableBody,
  TableHeader,
  TableView,
  Text,
  TextField,
  View,
} from '@adobe/react-spectrum';
import { useState } from 'react';
import { api } from '../api';
import type { HostContext } from '../host';
import type { SkuMapping } from '../types';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

export function Mappings({ host }: { host: HostContext }) {
  const { data, error, reload } = useLoad(() => api<{ rows: SkuMapping[] }>(host, 'GET', '/mappings'));
  const [sku, setSku] = useState('');
  const [product, setProduct] = useState('');
  const [m1, setM1] = useState('');
  const [m2, setM2] = useState('');
  const [saveError, setSaveError] = useState<string>();
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  const save = async () => {
    try {
      const row: SkuMapping = {
        sku,
        kind: 'stock',
        item: { product, matrix: [m1, m2, '', ''] },
        source: 'manual',
        updatedAt: new Date().toISOString(),
      };
      await api(host, 'PUT', '/mappings', { rows: [row] });
      setSku('');
      setSaveError(undefined);
      reload();
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <View>
      <Text>
        SKUs not listed here follow the pattern rule in Settings (e.g. ETOS-G-080 is product ETOS, width G,
        size 080).
      </Text>
      <Form aria-label="Add a mapping" marginY="size-200">
        <Flex gap="size-150" alignItems="end" wrap>
          <TextField label="Commerce SKU" value={sku} onChange={setSku} isRequired />
          <TextField label="Prima product" value={product} onChange={setProduct} isRequired />
          <TextField label="Matrix 1" value={m1} onChange={setM1} width="size-1200" />
          <TextField label="Matrix 2" value={m2} onChange={setM2} width="size-1200" />
          <Button variant="accent" onPress={save} isDisabled={!sku || !product}>
            Save mapping
          </Button>
        </Flex>
      </Form>
      {saveError ? <Text>{saveError}</Text> : null}
      <TableView width="100%" aria-label="SKU mappings" density="compact">
        <TableHeader>
          <Column>Commerce SKU</Column>
          <Column>Kind</Column>
          <Column>Prima item</Column>
          <Column>Source</Column>
        </TableHeader>
        <TableBody>
          {data.rows.map((r) => (
            <Row key={r.sku}>
              <Cell>{r.sku}</Cell>
              <Cell>{r.kind}</Cell>
              <Cell>
                {r.item ? [r.item.product, ...r.item.matrix.filter(Boolean)].join(' / ') : 'bundle'}
              </Cell>
              <Cell>{r.source}</Cell>
            </Row>
          ))}
        </TableBody>
      </TableView>
    </View>
  );
}
