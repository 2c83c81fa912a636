import { Button, Card, CardBody, CardHeader, Flex, FlexItem, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useApi, useLoad } from '../api';
import { LoadFallback, MessageNotice } from '../components/notices';
import { age, percent } from '../format';
import { useAction } from '../hooks/useAction';
import type { DashboardReply } from '../types';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card size="small" className="prima-connect-figure">
      <CardBody>
        <div className="prima-connect-figure__label">{label}</div>
        <div className="prima-connect-figure__value">{value}</div>
        {hint ? <div className="prima-connect-figure__hint">{hint}</div> : null}
      </CardBody>
    </Card>
  );
}

export function Dashboard() {
  const api = useApi();
  const { data, error, loading, reload } = useLoad<DashboardReply>('/dashboard');
  const { busy, msg: notice, setMsg: setNotice, run: runAction } = useAction({ clearMessage: true });
  // Which of the two buttons is running: that one spins, both wait.
  const [running, setRunning] = useState<'stock' | 'catch-up' | null>(null);

  const run = (what: 'stock' | 'catch-up') => {
    setRunning(what);
    return runAction(async () => {
      if (what === 'stock') {
        const r = await api.request<{ changed: number; pushed: number }>('/stock/sync', {
          method: 'POST',
          data: {},
        });
        setNotice({
          status: 'success',
          text: sprintf(
            __('Stock sync done: %1$d changed, %2$d pushed.', 'prima-connect'),
            r.changed,
            r.pushed,
          ),
        });
      } else {
        const r = await api.request<{ found: number; enqueued: number }>('/catch-up', { method: 'POST' });
        setNotice({
          status: 'success',
          text: sprintf(
            __('Checked WooCommerce: %1$d orders found, %2$d queued for Prima.', 'prima-connect'),
            r.found,
            r.enqueued,
          ),
        });
      }
      reload();
    });
  };

  if (!data) return <LoadFallback loading={loading} error={error} />;
  const m = data.metrics;
  const openExceptions = Object.values(m.openExceptionsByCode).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <div className="prima-connect-dashboard">
      <MessageNotice msg={notice} onRemove={() => setNotice(null)} />
      {m.queue.dead > 0 ? (
        <Notice status="warning" isDismissible={false}>
          {sprintf(
            __('%d jobs gave up after retrying. Open Exceptions to see why.', 'prima-connect'),
            m.queue.dead,
          )}
        </Notice>
      ) : null}
      <div className="prima-connect-figures">
        <Figure label={__('Orders received', 'prima-connect')} value={String(m.ordersReceived)} />
        <Figure
          label={__('Orders in Prima', 'prima-connect')}
          value={String(m.ordersPosted)}
          hint={sprintf(__('acceptance %s', 'prima-connect'), percent(m.acceptanceRate))}
        />
        <Figure label={__('Open exceptions', 'prima-connect')} value={String(openExceptions)} />
        <Figure label={__('Stock last synced', 'prima-connect')} value={age(m.lastStockSyncAt)} />
        <Figure label={__('Waiting to send', 'prima-connect')} value={String(m.queue.pending)} />
        <Figure
          label={__('Last webhook', 'prima-connect')}
          value={age(data.lastWebhookAt)}
          hint={sprintf(__('last check for missed orders: %s', 'prima-connect'), age(data.lastPollAt))}
        />
      </div>
      <Card>
        <CardHeader>{__('Last days', 'prima-connect')}</CardHeader>
        <CardBody>
          <table className="widefat striped prima-connect-daily">
            <thead>
              <tr>
                <th>{__('Day', 'prima-connect')}</th>
                <th>{__('Sent to Prima', 'prima-connect')}</th>
                <th>{__('Needed attention', 'prima-connect')}</th>
              </tr>
            </thead>
            <tbody>
              {m.daily.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.posted}</td>
                  <td>{d.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardBody>
      </Card>
      <Flex justify="flex-start" className="prima-connect-actions">
        <FlexItem>
          <Button
            variant="primary"
            isBusy={busy && running === 'stock'}
            disabled={busy}
            onClick={() => run('stock')}
          >
            {__('Sync stock now', 'prima-connect')}
          </Button>
        </FlexItem>
        <FlexItem>
          <Button
            variant="secondary"
            isBusy={busy && running === 'catch-up'}
            disabled={busy}
            onClick={() => run('catch-up')}
          >
            {__('Check for missed orders', 'prima-connect')}
          </Button>
        </FlexItem>
      </Flex>
    </div>
  );
}
