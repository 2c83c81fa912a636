import { Button, Flex, TextareaControl } from '@wordpress/components';
import type { Action, Field, View } from '@wordpress/dataviews';
import { useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { errorMessage, useApi, useLoad } from '../api';
import { ErrorNotice, MessageNotice, type Msg } from '../components/notices';
import { createActionModal, RowsTable } from '../components/RowsTable';
import { age } from '../format';
import { HandbookLink } from '../handbook';
import { useAction } from '../hooks/useAction';
import type { ExceptionView } from '../types';

const ResolveAction = createActionModal<ExceptionView>(ResolveForm);

const DEFAULT_VIEW: View = {
  type: 'table',
  page: 1,
  perPage: 20,
  sort: { field: 'lastSeenAt', direction: 'desc' },
  fields: ['message', 'action', 'subject', 'attempts', 'lastSeenAt'],
  titleField: 'title',
};

export function Exceptions() {
  const api = useApi();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const { data, error, loading, reload } = useLoad<{ exceptions: ExceptionView[] }>(
    `/exceptions?status=${status}`,
  );
  const [view, setView] = useState<View>(DEFAULT_VIEW);
  const [notice, setNotice] = useState<Msg>(null);

  const fields = useMemo<Field<ExceptionView>[]>(
    () => [
      {
        id: 'title',
        label: __('Problem', 'prima-connect'),
        getValue: ({ item }) => item.code.replaceAll('_', ' '),
        enableHiding: false,
      },
      {
        id: 'message',
        label: __('What happened', 'prima-connect'),
        getValue: ({ item }) => item.problem.message,
      },
      {
        id: 'action',
        label: __('What to do', 'prima-connect'),
        getValue: ({ item }) => item.problem.action,
        render: ({ item }) => (
          <span>
            {item.problem.action} <HandbookLink code={item.code} />
          </span>
        ),
      },
      { id: 'subject', label: __('Concerns', 'prima-connect'), getValue: ({ item }) => item.subject },
      {
        id: 'attempts',
        label: __('Attempts', 'prima-connect'),
        type: 'integer',
        getValue: ({ item }) => item.attempts,
      },
      {
        id: 'lastSeenAt',
        label: __('Last seen', 'prima-connect'),
        getValue: ({ item }) => item.lastSeenAt,
        render: ({ item }) => <span>{age(item.lastSeenAt)}</span>,
      },
    ],
    [],
  );

  const actions = useMemo<Action<ExceptionView>[]>(
    () => [
      {
        id: 'retry',
        label: __('Retry', 'prima-connect'),
        isPrimary: true,
        isEligible: (item) => item.status === 'open',
        callback: async (items) => {
          try {
            for (const item of items)
              await api.request(`/exceptions/${encodeURIComponent(item.id)}/retry`, { method: 'POST' });
            setNotice({
              status: 'success',
              text: __('Sent again. The result shows here in a moment.', 'prima-connect'),
            });
          } catch (e) {
            setNotice({ status: 'error', text: errorMessage(e) });
          }
          reload();
        },
      },
      {
        id: 'resolve',
        label: __('Mark resolved', 'prima-connect'),
        isEligible: (item) => item.status === 'open',
        RenderModal: ResolveAction.Modal,
      },
    ],
    [api, reload],
  );

  const rows = data?.exceptions ?? [];
  return (
    <div className="prima-connect-exceptions">
      <MessageNotice msg={notice} onRemove={() => setNotice(null)} />
      <ErrorNotice error={error} />
      <Flex justify="flex-start">
        <Button variant={status === 'open' ? 'primary' : 'secondary'} onClick={() => setStatus('open')}>
          {__('Open', 'prima-connect')}
        </Button>
        <Button
          variant={status === 'resolved' ? 'primary' : 'secondary'}
          onClick={() => setStatus('resolved')}
        >
          {__('Resolved', 'prima-connect')}
        </Button>
      </Flex>
      {!loading && rows.length === 0 ? (
        <p className="prima-connect-empty">
          {status === 'open'
            ? __('Nothing needs attention. Every order reached Prima.', 'prima-connect')
            : __('No resolved exceptions yet.', 'prima-connect')}
        </p>
      ) : (
        <ResolveAction.AfterDone value={reload}>
          <RowsTable<ExceptionView>
            rows={rows}
            fields={fields}
            view={view}
            onChangeView={setView}
            actions={actions}
            loading={loading}
            getItemId={(item) => item.id}
          />
        </ResolveAction.AfterDone>
      )}
    </div>
  );
}

function ResolveForm({ items, onDone }: { items: ExceptionView[]; onDone: () => void }) {
  const api = useApi();
  const [note, setNote] = useState('');
  // Done closes the modal, so the failure is the only outcome shown here.
  const { busy, msg, run } = useAction();
  const save = () =>
    run(async () => {
      for (const item of items)
        await api.request(`/exceptions/${encodeURIComponent(item.id)}/resolve`, {
          method: 'POST',
          data: { note },
        });
      onDone();
    });
  return (
    <div>
      <MessageNotice msg={msg} />
      <TextareaControl
        __nextHasNoMarginBottom
        label={__('How was it resolved?', 'prima-connect')}
        help={__('Kept in the audit trail with your name.', 'prima-connect')}
        value={note}
        onChange={setNote}
      />
      <Button variant="primary" disabled={note.trim() === '' || busy} isBusy={busy} onClick={save}>
        {__('Mark resolved', 'prima-connect')}
      </Button>
    </div>
  );
}
