import { Button, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useApi, useLoad } from '../api';
import { LoadFallback, MessageNotice } from '../components/notices';
import { HandbookLink } from '../handbook';
import { useAction } from '../hooks/useAction';
import type { OrderView } from '../types';

const STATE_LABEL: Record<OrderView['state'], string> = {
  received: __('Waiting to be sent to Prima', 'prima-connect'),
  posting: __('Being sent to Prima', 'prima-connect'),
  posted: __('In Prima', 'prima-connect'),
  exception: __('Needs attention', 'prima-connect'),
  cancelled: __('Cancelled before reaching Prima', 'prima-connect'),
  unknown: __('Not seen by Prima Connect yet', 'prima-connect'),
};

/** The live Prima status inside the order screen's "Prima" box, with Retry when it can help. */
export function OrderWidget({ orderId }: { orderId: string }) {
  const api = useApi();
  const { data, error, loading, reload } = useLoad<OrderView>(`/orders/${encodeURIComponent(orderId)}`);
  // Retry says nothing when it works: the reloaded status shows what happened.
  const { busy, msg, run } = useAction({ clearMessage: true });
  const retry = () =>
    run(async () => {
      await api.request(`/orders/${encodeURIComponent(orderId)}/repost`, { method: 'POST' });
      reload();
    });
  // A warning, not an error: the order itself is fine, only its Prima status could not be read.
  if (!data) return <LoadFallback loading={loading} error={error} status="warning" />;
  return (
    <div className="prima-connect-order-widget">
      <p className={`prima-connect-state is-${data.state}`}>
        <strong>{STATE_LABEL[data.state]}</strong>
      </p>
      {data.primaOrderNumber ? (
        <p>{sprintf(__('Prima order %s', 'prima-connect'), data.primaOrderNumber)}</p>
      ) : null}
      {data.primaRawStatus ? (
        <p>{sprintf(__('Prima status: %s', 'prima-connect'), data.primaRawStatus)}</p>
      ) : null}
      {data.dispatches.map((d) => (
        <p key={d.dispatchId}>
          {sprintf(__('Despatched with %s', 'prima-connect'), d.carrier)}{' '}
          {d.trackingUrl ? (
            <a href={d.trackingUrl} target="_blank" rel="noreferrer">
              {d.trackingNumber ?? __('tracking', 'prima-connect')}
            </a>
          ) : (
            d.trackingNumber
          )}
        </p>
      ))}
      {data.lastProblem ? (
        <Notice status="error" isDismissible={false}>
          <p>{data.lastProblem.message}</p>
          <p>
            {data.lastProblem.action} <HandbookLink code={data.lastProblem.code} />
          </p>
        </Notice>
      ) : null}
      <MessageNotice msg={msg} />
      {data.canRetry ? (
        <Button variant="secondary" isBusy={busy} disabled={busy} onClick={retry}>
          {__('Send to Prima again', 'prima-connect')}
        </Button>
      ) : null}
    </div>
  );
}
