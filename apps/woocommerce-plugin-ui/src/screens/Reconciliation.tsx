import { Button, Card, CardBody, CardHeader, Flex, FlexItem } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import { useLoad } from '../api';
import { LoadFallback } from '../components/notices';
import { money } from '../format';
import { HandbookLink } from '../handbook';
import type { ReconciliationReply, ReconciliationReport } from '../types';

const DAYS = 30;

/**
 * Offers the CSV the connector built (the engine's own quoting) as a file, without a second request. The
 * link is revoked a moment later rather than at once: some browsers start the download asynchronously.
 */
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

function amount(r: ReconciliationReport, minor: number): string {
  return r.currency ? money(minor, r.currency) : '—';
}

function verdict(r: ReconciliationReport): string {
  if (r.reconciled && r.storeOrders === 0) return __('Reconciled: no paid orders that day', 'prima-connect');
  return r.reconciled
    ? sprintf(
        _n(
          'Reconciled: %d order, in Prima',
          'Reconciled: %d orders, all in Prima',
          r.storeOrders,
          'prima-connect',
        ),
        r.storeOrders,
      )
    : sprintf(
        _n(
          '%1$d to check: %2$d of %3$d order in Prima',
          '%1$d to check: %2$d of %3$d orders in Prima',
          r.storeOrders,
          'prima-connect',
        ),
        r.findings.length,
        r.inPrima,
        r.storeOrders,
      );
}

/**
 * The chart: one bar per day, its length the day's shop takings against the busiest day, green when the
 * day reconciled and red when it did not. Plain elements in a list rather than a chart library: one
 * series of bars needs none (no extra bundle weight, nothing WordPress does not already load), and a
 * list with the figures and the verdict as text reads out in a screen reader where a canvas would not.
 * The bar itself is decorative (aria-hidden); colour is never the only cue.
 */
function DayBars({ reports }: { reports: ReconciliationReport[] }) {
  const busiest = Math.max(1, ...reports.map((r) => r.storeTotalMinor));
  return (
    <ul className="prima-connect-recon-chart" aria-label={__('Shop takings per day', 'prima-connect')}>
      {reports.map((r) => (
        <li key={r.day} className="prima-connect-recon-day" data-testid={`recon-${r.day}`}>
          <span className="prima-connect-recon-day__date">{r.day}</span>
          <span className="prima-connect-recon-day__track" aria-hidden="true">
            <span
              className={`prima-connect-recon-day__bar ${r.reconciled ? 'is-reconciled' : 'is-not-reconciled'}`}
              style={{ width: `${Math.max(1, Math.round((r.storeTotalMinor * 100) / busiest))}%` }}
            />
          </span>
          <span className="prima-connect-recon-day__amount">{amount(r, r.storeTotalMinor)}</span>
          <span
            className={`prima-connect-recon-day__verdict ${r.reconciled ? 'is-reconciled' : 'is-not-reconciled'}`}
          >
            {verdict(r)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The last 30 days of the daily reconciliation (shop orders against Prima), its findings and the CSV. */
export function Reconciliation() {
  const { data, error, loading } = useLoad<ReconciliationReply>(`/reconciliation?days=${DAYS}`);
  if (!data) return <LoadFallback loading={loading} error={error} />;
  const { reports, csv } = data;
  const reconciled = reports.filter((r) => r.reconciled).length;
  const findings = reports.flatMap((r) => r.findings.map((f) => ({ ...f, report: r })));
  return (
    <div className="prima-connect-reconciliation">
      <Flex justify="space-between" align="center" className="prima-connect-toolbar">
        <FlexItem>
          <p className="prima-connect-recon-summary">
            {reports.length === 0
              ? __(
                  'No day has been reconciled yet. Each day is checked against Prima once it is over (shortly after midnight UTC).',
                  'prima-connect',
                )
              : sprintf(
                  _n(
                    '%1$d of %2$d day reconciled in the last %3$d days.',
                    '%1$d of %2$d days reconciled in the last %3$d days.',
                    reports.length,
                    'prima-connect',
                  ),
                  reconciled,
                  reports.length,
                  DAYS,
                )}
          </p>
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" disabled={reports.length === 0} onClick={() => downloadCsv(csv)}>
            {__('Download CSV', 'prima-connect')}
          </Button>
        </FlexItem>
      </Flex>
      {reports.length > 0 ? (
        <Card className="prima-connect-recon-card">
          <CardHeader>{__('Shop takings per day', 'prima-connect')}</CardHeader>
          <CardBody>
            <DayBars reports={reports} />
          </CardBody>
        </Card>
      ) : null}
      {findings.length > 0 ? (
        <Card className="prima-connect-recon-card">
          <CardHeader>{__('To check', 'prima-connect')}</CardHeader>
          <CardBody>
            <table
              className="widefat striped prima-connect-recon-findings"
              aria-label={__('Reconciliation findings', 'prima-connect')}
            >
              <thead>
                <tr>
                  <th>{__('Day', 'prima-connect')}</th>
                  <th>{__('Order', 'prima-connect')}</th>
                  <th>{__('Prima order', 'prima-connect')}</th>
                  <th>{__('Shop amount', 'prima-connect')}</th>
                  <th>{__('What we found', 'prima-connect')}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={`${f.report.day}-${f.storefrontOrderId}-${f.kind}`}>
                    <td>{f.report.day}</td>
                    <td>{f.storefrontOrderNumber}</td>
                    <td>{f.primaOrderNumber ?? '—'}</td>
                    <td>{f.storeMinor === undefined ? '—' : amount(f.report, f.storeMinor)}</td>
                    <td>
                      {f.message} <HandbookLink code={f.code} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
