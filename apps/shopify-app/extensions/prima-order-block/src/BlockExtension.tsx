/**
 * The block staff see on a Shopify order: is it in Prima, under which number, what status, which dispatch
 * and tracking, and if something went wrong, why, with a Retry button. Data comes from the app's own API.
 */
import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type BlockModel, loadOrderBlock, retryOrder } from './order-block-logic.js';

export default async () => {
  render(<Extension />, document.body);
};

function Extension() {
  const orderGid = shopify.data.selected[0]?.id ?? '';
  const [model, setModel] = useState<BlockModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadOrderBlock(fetch, orderGid).then(setModel, (e: Error) => setError(e.message));
  }, [orderGid]);

  async function retry() {
    setBusy(true);
    try {
      setModel(await retryOrder(fetch, orderGid));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (error) {
    return (
      <s-admin-block heading="Prima">
        <s-banner tone="critical">{error}</s-banner>
      </s-admin-block>
    );
  }
  if (!model) {
    return (
      <s-admin-block heading="Prima">
        <s-text>Loading…</s-text>
      </s-admin-block>
    );
  }
  return (
    <s-admin-block heading={model.heading} collapsedSummary={model.summary}>
      <s-stack gap="base">
        <s-stack direction="inline" gap="base">
          <s-badge tone={model.tone === 'neutral' ? 'neutral' : model.tone}>{model.status}</s-badge>
          {model.primaOrderNumber ? (
            <s-text type="strong">Prima order {model.primaOrderNumber}</s-text>
          ) : null}
        </s-stack>
        {model.primaStatus ? <s-text>Prima says: {model.primaStatus}</s-text> : null}
        {model.dispatches.map((d) =>
          d.trackingUrl ? (
            <s-link key={d.label} href={d.trackingUrl} target="_blank">
              {d.label}
            </s-link>
          ) : (
            <s-text key={d.label}>{d.label}</s-text>
          ),
        )}
        {model.error ? (
          <s-banner tone="critical" heading={model.error.message}>
            {model.error.action}
            {model.error.handbookUrl ? (
              <s-link href={model.error.handbookUrl} target="_blank">
                What to do
              </s-link>
            ) : null}
          </s-banner>
        ) : null}
        {model.canRetry ? (
          <s-button onClick={retry} loading={busy} disabled={busy}>
            Retry
          </s-button>
        ) : null}
      </s-stack>
    </s-admin-block>
  );
}
