import { Badge, Banner, BlockStack, Button, Card, InlineStack, Link, Page, Text } from '@shopify/polaris';
import { problemHandbookHref } from '../prima/handbook-link.js';
import type { PayoutsData } from '../prima/view-models.js';

/** Finance's view of Shopify Payments: one summary journal per payout, posted to Prima or downloaded. */
export function PayoutsView({ data }: { data: PayoutsData }) {
  return (
    <Page
      title="Payouts"
      subtitle={
        data.mode === 'post'
          ? 'One summary journal per Shopify Payments payout, posted to Prima'
          : 'One summary journal per Shopify Payments payout, as a CSV for Prima’s journal import'
      }
    >
      <BlockStack gap="400">
        {data.notice ? <Banner tone={data.notice.tone} title={data.notice.message} /> : null}
        {data.problems.map((p) => (
          <Banner key={p.id} tone="critical" title={`Payout ${p.subject} needs you`}>
            <BlockStack gap="100">
              <p>{p.message}</p>
              <p>{p.action}</p>
              <Link url={problemHandbookHref(p.code)} target="_blank">
                What to do
              </Link>
            </BlockStack>
          </Banner>
        ))}
        <Card>
          <InlineStack align="space-between" blockAlign="center">
            <Text as="p">
              {data.rows.length === 0
                ? 'No payout journal yet. The app reads new payouts every night.'
                : `${data.rows.length} payout journal${data.rows.length === 1 ? '' : 's'}.`}
            </Text>
            <form method="post">
              <input type="hidden" name="intent" value="read-now" />
              <Button submit>Read payouts now</Button>
            </form>
          </InlineStack>
        </Card>
        {data.rows.map((r) => (
          <Card key={r.payoutId}>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingMd">
                    {`${r.date}: ${r.deposit} to the bank`}
                  </Text>
                  <Badge tone={r.how === 'posted' ? 'success' : 'info'}>
                    {r.how === 'posted'
                      ? `In Prima${r.primaReference ? ` as ${r.primaReference}` : ''}`
                      : 'CSV ready'}
                  </Badge>
                </InlineStack>
                {r.hasCsv ? (
                  <Button url={`/app/payouts/csv?payout=${encodeURIComponent(r.payoutId)}`}>
                    Download CSV
                  </Button>
                ) : null}
              </InlineStack>
              <Text as="p" tone="subdued">{`Payout ${r.payoutId}, journal reference ${r.reference}`}</Text>
              {r.lines.length > 0 ? (
                <dl
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'max-content max-content',
                    gap: '4px 24px',
                    margin: 0,
                  }}
                >
                  {r.lines.map((l) => (
                    <div key={l.label} style={{ display: 'contents' }}>
                      <dt>{l.label}</dt>
                      <dd style={{ margin: 0, textAlign: 'right' }}>{l.amount}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </BlockStack>
          </Card>
        ))}
      </BlockStack>
    </Page>
  );
}
