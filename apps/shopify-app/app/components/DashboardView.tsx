import {
  Badge,
  Banner,
  BlockStack,
  Card,
  DataTable,
  InlineGrid,
  Layout,
  Link,
  Page,
  Text,
} from '@shopify/polaris';
import { problemHandbookHref } from '../prima/handbook-link.js';
import type { DashboardData } from '../prima/view-models.js';
import { formatAge, formatWhen } from '../prima/view-models.js';
import { ChartLegend, DailyChart } from './DailyChart.js';

function Metric({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function DashboardView({ data }: { data: DashboardData }) {
  const openExceptions = data.exceptions.reduce((s, e) => s + e.count, 0);
  const stale = data.stockFreshnessSeconds === null || data.stockFreshnessSeconds > 3600;
  return (
    <Page title="Prima Connect" subtitle={`Sync health for ${data.shop}`}>
      <BlockStack gap="400">
        {data.setupUnfinished ? (
          <Banner
            tone="warning"
            title={data.configured ? 'Setup is not finished' : 'Prima is not connected yet'}
            action={{ content: 'Continue setup', url: '/app/setup' }}
          >
            <p>
              The setup connects Prima, matches your products and previews the first stock push. Nothing is
              sent to Prima until its last step.
            </p>
          </Banner>
        ) : !data.postingEnabled ? (
          <Banner tone="info" title="Order posting is switched off">
            <p>Orders are collected but not sent to Prima until you turn posting on in Settings.</p>
          </Banner>
        ) : null}
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Metric
            label="Orders posted"
            value={String(data.ordersPosted)}
            help={`${data.ordersReceived} received in the last 14 days`}
          />
          <Metric
            label="Acceptance rate"
            value={`${Math.round(data.acceptanceRate * 1000) / 10}%`}
            help="Posted, of posted + needing a person"
          />
          <Metric
            label="Open exceptions"
            value={String(openExceptions)}
            help={`${Math.round(data.manualInterventionRate * 1000) / 10}% of orders needed a person`}
          />
          <Metric
            label="Last stock sync"
            value={formatAge(data.stockFreshnessSeconds)}
            help={formatWhen(data.lastStockSyncAt)}
          />
        </InlineGrid>
        {stale && data.configured ? (
          <Banner tone="warning" title="Stock in Shopify may be out of date">
            <p>
              The last successful stock sync was {formatAge(data.stockFreshnessSeconds)}. Check the stock
              schedule in Settings.
            </p>
          </Banner>
        ) : null}
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Orders posted and failed per day
                </Text>
                <DailyChart daily={data.daily} />
                <ChartLegend />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Exceptions by reason
                </Text>
                {data.exceptions.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing needs attention.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={['text', 'text', 'numeric']}
                    headings={['Reason', 'Owner', 'Open']}
                    rows={data.exceptions.map((e) => [
                      <Link key={`h-${e.code}`} url={problemHandbookHref(e.code)} target="_blank">
                        {e.title}
                      </Link>,
                      e.owner,
                      <Badge key={e.code} tone="critical">
                        {String(e.count)}
                      </Badge>,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Work queue
            </Text>
            <Text as="p">
              {data.queue.pending} waiting, {data.queue.active} running, {data.queue.dead} stopped after
              repeated failures · p95 posting time {Math.round(data.postingLatencyP95Ms / 100) / 10} s ·{' '}
              {data.duplicateEventsSuppressed} duplicate deliveries ignored
            </Text>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
