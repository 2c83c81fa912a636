import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import type { MappingRow, MappingsData } from '../prima/view-models.js';

const SOURCE: Record<
  MappingRow['source'],
  { label: string; tone?: 'critical' | 'warning' | 'success' | 'info' }
> = {
  unmapped: { label: 'Not mapped', tone: 'critical' },
  invalid: { label: 'Invalid', tone: 'critical' },
  manual: { label: 'Manual', tone: 'success' },
  import: { label: 'Imported', tone: 'success' },
  pattern: { label: 'Pattern rule', tone: 'info' },
  auto: { label: 'Automatic', tone: 'info' },
};

function matrixText(r: MappingRow): string {
  if (r.kind === 'bundle') return r.components ?? '';
  return r.matrix.filter((m) => m !== '').join(' / ');
}

export function MappingsView({ data }: { data: MappingsData }) {
  const [query, setQuery] = useState(data.query);
  const [csv, setCsv] = useState('');
  const [bulkProduct, setBulkProduct] = useState('');
  const [m1, setM1] = useState('');
  const [m2, setM2] = useState('');
  const [separator, setSeparator] = useState(data.pattern?.separator ?? '-');
  const [levels, setLevels] = useState((data.pattern?.matrixLevels ?? [1, 2]).join(','));
  return (
    <Page
      title="Mappings"
      subtitle="Every Shopify variant SKU needs one Prima product and matrix codes"
      secondaryActions={[{ content: 'Export CSV', url: '/app/mappings/csv' }]}
    >
      <BlockStack gap="400">
        {data.notice ? (
          <Banner tone={data.notice.tone} title={data.notice.message}>
            {data.notice.errors?.length ? (
              <ul>
                {data.notice.errors.slice(0, 10).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
          </Banner>
        ) : null}
        {data.storefrontError ? <Banner tone="critical" title={data.storefrontError} /> : null}
        {data.unmappedCount > 0 ? (
          <Banner
            tone="warning"
            title={`${data.unmappedCount} of ${data.total} variants are not mapped to Prima`}
          >
            <p>Orders containing them wait in Exceptions. They are listed first below.</p>
          </Banner>
        ) : (
          <Banner tone="success" title={`All ${data.total} variants are mapped`} />
        )}
        <Card>
          <form method="get">
            <InlineStack gap="300" blockAlign="end">
              <div style={{ flexGrow: 1 }}>
                <TextField
                  label="Search SKU or title"
                  name="q"
                  value={query}
                  onChange={setQuery}
                  autoComplete="off"
                />
              </div>
              <Button submit>Search</Button>
            </InlineStack>
          </form>
        </Card>
        <form method="post">
          <input type="hidden" name="intent" value="bulk" />
          <Card padding="0">
            <DataTable
              columnContentTypes={['text', 'text', 'text', 'text', 'text', 'text']}
              headings={['', 'SKU', 'Variant', 'Prima product', 'Matrix codes', 'Source']}
              rows={data.rows.map((r) => [
                <input key="c" type="checkbox" name="sku" value={r.sku} aria-label={`Select ${r.sku}`} />,
                <Text key="s" as="span" fontWeight="semibold">
                  {r.sku || '(no SKU)'}
                </Text>,
                r.title,
                r.product || '—',
                matrixText(r) || '—',
                <BlockStack key="b" gap="100">
                  <Badge tone={SOURCE[r.source].tone}>{SOURCE[r.source].label}</Badge>
                  {r.problem ? (
                    <Text as="span" variant="bodySm" tone="critical">
                      {r.problem}
                    </Text>
                  ) : null}
                </BlockStack>,
              ])}
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Bulk edit selected
                </Text>
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label="Prima product"
                    name="product"
                    value={bulkProduct}
                    onChange={setBulkProduct}
                    autoComplete="off"
                  />
                  <TextField label="Matrix 1" name="mtrx1" autoComplete="off" value={m1} onChange={setM1} />
                  <TextField label="Matrix 2" name="mtrx2" autoComplete="off" value={m2} onChange={setM2} />
                  <Button submit variant="primary">
                    Map selected
                  </Button>
                </InlineStack>
                <Text as="p" variant="bodySm" tone="subdued">
                  Leave matrix codes empty to take them from each SKU with the pattern rule.
                </Text>
              </BlockStack>
            </Card>
          </div>
        </form>
        <Layout>
          <Layout.Section variant="oneHalf">
            <Card>
              <form method="post">
                <input type="hidden" name="intent" value="pattern" />
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Pattern rule
                  </Text>
                  <Text as="p" tone="subdued">
                    For SKUs not in the table: SKU = product + separator + matrix codes, e.g. ETOS-G-080 →
                    ETOS, G, 080.
                  </Text>
                  <InlineStack gap="300" blockAlign="end">
                    <TextField
                      label="Separator"
                      name="separator"
                      value={separator}
                      onChange={setSeparator}
                      autoComplete="off"
                    />
                    <TextField
                      label="Matrix levels (from the right)"
                      name="levels"
                      value={levels}
                      onChange={setLevels}
                      autoComplete="off"
                      helpText="e.g. 1,2"
                    />
                    <Button submit>Save rule</Button>
                  </InlineStack>
                </BlockStack>
              </form>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneHalf">
            <Card>
              <form method="post">
                <input type="hidden" name="intent" value="import" />
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Import CSV
                  </Text>
                  <TextField
                    label="Paste CSV (sku,kind,product,mtrx1,mtrx2,mtrx3,mtrx4,components)"
                    name="csv"
                    value={csv}
                    onChange={setCsv}
                    multiline={4}
                    autoComplete="off"
                  />
                  <InlineStack>
                    <Button submit>Import</Button>
                  </InlineStack>
                </BlockStack>
              </form>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
