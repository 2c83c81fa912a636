import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Link,
  Page,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { problemHandbookHref } from '../prima/handbook-link.js';
import type { ReconciliationData } from '../prima/view-models.js';
import { ReconciliationChart, ReconciliationLegend } from './ReconciliationChart.js';

/** Finance's daily check: did every order paid in the store reach Prima with the same total? */
export function ReconciliationView({ data }: { data: ReconciliationData }) {
  const [day, setDay] = useState(data.yesterday);
  const reconciled = data.reports.filter((r) => r.reconciled).length;
  return (
    <Page
      title="Reconciliation"
      subtitle="Orders paid in the store each day against the orders in Prima"
      secondaryActions={[
        {
          content: 'Download CSV',
          url: '/app/reconciliation/csv',
          disabled: data.reports.length === 0,
        },
      ]}
    >
      <BlockStack gap="400">
        {data.notice ? <Banner tone={data.notice.tone} title={data.notice.message} /> : null}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {data.reports.length === 0
                ? 'No day has been reconciled yet'
                : `${reconciled} of ${data.reports.length} days reconciled in the last ${data.days} days`}
            </Text>
            {data.reports.length === 0 ? (
              <Text as="p" tone="subdued">
                The app checks each finished day by itself overnight. You can also check a day now below.
              </Text>
            ) : (
              <>
                <ReconciliationChart reports={data.reports} lastDay={data.yesterday} count={data.days} />
                <ReconciliationLegend />
              </>
            )}
            <form method="post" style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
              <TextField
                label="Check a day now"
                name="day"
                type="date"
                value={day}
                onChange={setDay}
                autoComplete="off"
                helpText="After fixing something, check the day again instead of waiting for tonight's run."
              />
              <Button submit>Check day</Button>
            </form>
          </BlockStack>
        </Card>
        {data.reports.length > 0 ? (
          <Card padding="0">
            <DataTable
              columnContentTypes={['text', 'text', 'numeric', 'numeric', 'numeric', 'numeric']}
              headings={['Day', 'Result', 'Store orders', 'In Prima', 'Store takings', 'Prima value']}
              rows={[...data.reports].reverse().map((r) => [
                r.day,
                r.reconciled ? (
                  <Badge key="result" tone="success">
                    Reconciled
                  </Badge>
                ) : (
                  <Badge key="result" tone="critical">{`${r.findings} to check`}</Badge>
                ),
                r.storeOrders,
                r.inPrima,
                r.storeTotal,
                r.primaTotal,
              ])}
            />
          </Card>
        ) : null}
        {data.findings.length > 0 ? (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                To check
              </Text>
              {data.findings.map((f) => (
                <InlineStack
                  key={`${f.day}-${f.orderNumber}-${f.kind}`}
                  gap="300"
                  wrap={false}
                  blockAlign="start"
                >
                  <div style={{ minWidth: 96 }}>
                    <Text as="span" tone="subdued">
                      {f.day}
                    </Text>
                  </div>
                  <div style={{ minWidth: 80 }}>
                    <Text as="span" fontWeight="semibold">
                      {f.orderNumber}
                    </Text>
                  </div>
                  <BlockStack gap="100">
                    <Text as="p">{f.message}</Text>
                    <Link url={problemHandbookHref(f.code)} target="_blank">
                      What to do
                    </Link>
                  </BlockStack>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        ) : null}
      </BlockStack>
    </Page>
  );
}
