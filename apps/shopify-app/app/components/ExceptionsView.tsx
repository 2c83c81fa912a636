import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Link,
  Page,
  Text,
  TextField,
} from '@shopify/polaris';
import { useState } from 'react';
import { problemHandbookHref } from '../prima/handbook-link.js';
import type { ExceptionRow, ExceptionsData } from '../prima/view-models.js';
import { formatWhen } from '../prima/view-models.js';

function ExceptionCard({ row }: { row: ExceptionRow }) {
  const [note, setNote] = useState('');
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingMd">
              {row.title}
            </Text>
            <Badge tone={row.status === 'open' ? 'critical' : 'success'}>
              {row.status === 'open' ? 'Open' : 'Resolved'}
            </Badge>
            <Badge>{row.owner}</Badge>
          </InlineStack>
          <Text as="span" variant="bodySm" tone="subdued">
            {row.subject} · seen {row.attempts}× · since {formatWhen(row.firstSeenAt)}
          </Text>
        </InlineStack>
        <Text as="p">{row.message}</Text>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              Suggested action:{' '}
            </Text>
            {row.action}
          </Text>
          <Text as="p">
            <Link url={problemHandbookHref(row.code)} target="_blank">
              What to do: the handbook entry for this problem
            </Link>
          </Text>
        </Box>
        {row.status === 'open' ? (
          <InlineStack gap="300" blockAlign="end">
            <form method="post">
              <input type="hidden" name="intent" value="retry" />
              <input type="hidden" name="id" value={row.id} />
              <Button submit variant="primary">
                Retry
              </Button>
            </form>
            <form method="post" style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexGrow: 1 }}>
              <input type="hidden" name="intent" value="resolve" />
              <input type="hidden" name="id" value={row.id} />
              <div style={{ flexGrow: 1 }}>
                <TextField
                  label="Resolution note"
                  name="note"
                  value={note}
                  onChange={setNote}
                  autoComplete="off"
                  placeholder="What did you do?"
                />
              </div>
              <Button submit>Resolve</Button>
            </form>
          </InlineStack>
        ) : (
          <Text as="p" tone="subdued">
            Resolved: {row.resolutionNote ?? ''}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

export function ExceptionsView({ data }: { data: ExceptionsData }) {
  return (
    <Page
      title="Exceptions"
      subtitle="Orders and syncs that need a person, with the reason and what to do"
      secondaryActions={[
        {
          content: data.status === 'open' ? 'Show resolved' : 'Show open',
          url: `/app/exceptions?status=${data.status === 'open' ? 'resolved' : 'open'}`,
        },
      ]}
    >
      <BlockStack gap="400">
        {data.notice ? <Banner tone={data.notice.tone} title={data.notice.message} /> : null}
        {data.rows.length === 0 ? (
          <Card>
            <Text as="p">
              {data.status === 'open' ? 'Nothing needs attention right now.' : 'No resolved exceptions yet.'}
            </Text>
          </Card>
        ) : (
          data.rows.map((r) => <ExceptionCard key={r.id} row={r} />)
        )}
      </BlockStack>
    </Page>
  );
}
