import {
  Button,
  Cell,
  Column,
  Flex,
  Heading,
  Meter,
  Row,
  TableBody,
  TableHeader,
  TableView,
  Text,
} from '@adobe/react-spectrum';
import { api } from '../api';
import { money } from '../format';
import { HandbookLink } from '../handbook';
import type { HostContext } from '../host';
import type { ReconciliationReport } from '../types';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

const DAYS = 30;

/** Offers the CSV the engine built (csv-stringify quoting) as a file, without a second request. */
function downloadCsv(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `prima-reconciliation-last-${DAYS}-days.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The last 30 days of the daily reconciliation (store orders vs Prima). The "chart" is a bar list of
 * Spectrum Meters: one bar per day, length = the day's store takings against the busiest day, green when
 * the day reconciled and red when it did not. No chart library: the screen needs one series of bars,
 * which Spectrum draws in the admin's own look without another ~100 kB in the bundle.
 */
export function Reconciliation({ host }: { host: HostContext }) {
  const { data, error } = useLoad(() =>
    api<{ reports: ReconciliationReport[]; csv: string }>(host, 'GET', `/reconciliation?days=${DAYS}`),
  );
  if (error) return <ErrorNote text={error} />;
  if (!data) return <Text>Loading…</Text>;
  const { reports, csv } = data;
  const busiest = Math.max(1, ...reports.map((r) => r.storeTotalMinor));
  const findings = reports.flatMap((r) => r.findings.map((f) => ({ ...f, day: r.day })));
  return (
    <Flex direction="column" gap="size-300">
      <Flex alignItems="center" justifyContent="space-between">
        <Text>
          {reports.length === 0
            ? 'No day has been reconciled yet. The daily run checks yesterday every night at 01:00 UTC.'
            : `${reports.filter((r) => r.reconciled).length} of ${reports.length} days reconciled in the last ${DAYS} days.`}
        </Text>
        <Button variant="secondary" isDisabled={reports.length === 0} onPress={() => downloadCsv(csv)}>
          Download CSV
        </Button>
      </Flex>
      <ul aria-label="Takings per day" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {reports.map((r) => (
          <li key={r.day} style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 8 }}>
            <Text UNSAFE_style={{ width: 100 }}>{r.day}</Text>
            <Meter
              aria-label={`Store takings on ${r.day}`}
              width="size-4600"
              value={Math.round((r.storeTotalMinor * 100) / busiest)}
              variant={r.reconciled ? 'positive' : 'critical'}
            />
            <Text UNSAFE_style={{ width: 120, textAlign: 'right' }}>
              {r.currency ? money(r.storeTotalMinor, r.currency) : '—'}
            </Text>
            <Text data-testid={`recon-${r.day}`}>
              {r.reconciled
                ? `Reconciled: ${r.storeOrders} orders, all in Prima`
                : `${r.findings.length} to check: ${r.inPrima} of ${r.storeOrders} orders in Prima`}
            </Text>
          </li>
        ))}
      </ul>
      {findings.length > 0 ? (
        <>
          <Heading level={3}>To check</Heading>
          <TableView width="100%" aria-label="Reconciliation findings" overflowMode="wrap">
            <TableHeader>
              <Column width={130}>Day</Column>
              <Column width={120}>Order</Column>
              <Column>What we found</Column>
            </TableHeader>
            <TableBody>
              {findings.map((f) => (
                <Row key={`${f.day}-${f.storefrontOrderId}-${f.kind}`}>
                  <Cell>{f.day}</Cell>
                  <Cell>{f.storefrontOrderNumber}</Cell>
                  <Cell>
                    <Flex direction="column" gap="size-50">
                      <Text>{f.message}</Text>
                      <HandbookLink code={f.code} />
                    </Flex>
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </TableView>
        </>
      ) : null}
    </Flex>
  );
}
