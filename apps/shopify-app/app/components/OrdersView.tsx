import {
  Badge,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Page,
  Select,
  Text,
} from '@shopify/polaris';
import type { OrdersData } from '../prima/view-models.js';
import { formatWhen, STATE_LABEL } from '../prima/view-models.js';

const TONE = {
  posted: 'success',
  exception: 'critical',
  received: 'info',
  posting: 'attention',
  cancelled: undefined,
} as const;

export function OrdersView({ data }: { data: OrdersData }) {
  const options = [
    { label: 'All orders', value: 'all' },
    ...Object.entries(STATE_LABEL).map(([value, label]) => ({ label, value })),
  ];
  return (
    <Page title="Orders" subtitle="Where each Shopify order is on its way into Prima">
      <BlockStack gap="400">
        <Card>
          <form method="get">
            <InlineStack gap="300" blockAlign="end">
              <Select label="Show" name="state" options={options} value={data.state} onChange={() => {}} />
              <Button submit>Filter</Button>
            </InlineStack>
          </form>
        </Card>
        <Card padding="0">
          <DataTable
            columnContentTypes={['text', 'text', 'text', 'text', 'numeric', 'text', 'text']}
            headings={['Order', 'Prima order', 'Status', 'Prima status', 'Total', 'Updated', '']}
            rows={data.rows.map((r) => [
              `#${r.orderNumber}`,
              r.primaOrderNumber,
              <Badge key="s" tone={TONE[r.state]}>
                {STATE_LABEL[r.state]}
              </Badge>,
              r.problem ? (
                <Text key="p" as="span" tone="critical">
                  {r.problem}
                </Text>
              ) : (
                (r.primaRawStatus ?? '—')
              ),
              r.total,
              formatWhen(r.updatedAt),
              r.canRetry ? (
                <form key="f" method="post">
                  <input type="hidden" name="intent" value="retry" />
                  <input type="hidden" name="orderId" value={r.storefrontOrderId} />
                  <Button submit size="slim">
                    Retry
                  </Button>
                </form>
              ) : (
                ''
              ),
            ])}
          />
          {data.rows.length === 0 ? (
            <div style={{ padding: 16 }}>
              <Text as="p" tone="subdued">
                No orders here yet.
              </Text>
            </div>
          ) : null}
        </Card>
      </BlockStack>
    </Page>
  );
}
