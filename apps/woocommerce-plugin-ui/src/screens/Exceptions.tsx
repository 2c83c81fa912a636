import { Button, Flex, Notice, TextareaControl } from '@wordpress/components';
import {
  type Action,
  DataViews,
  type Field,
  filterSortAndPaginate,
  type RenderModalProps,
  type View,
} from '@wordpress/dataviews';
import { createContext, useContext, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { errorMessage, useApi, useLoad } from '../api';
import { age } from '../format';
import { HandbookLink } from '../handbook';
import type { ExceptionView } from '../types';

/** What the list does after a modal action: the modal is a module-level component, so it gets it by context. */
const AfterChange = createContext<() => void>(() => {});

function ResolveModal({ items, closeModal }: RenderModalProps<ExceptionView>) {
  const reload = useContext(AfterChange);
  return (
    <ResolveForm
      items={items}
      onDone={() => {
        closeModal?.();
        reload();
      }}
    />
  );
}

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
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

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
        RenderModal: ResolveModal,
      },
    ],
    [api, reload],
  );

  const rows = data?.exceptions ?? [];
  const { data: shown, paginationInfo } = filterSortAndPaginate(rows, view, fields);
  return (
    <div className="prima-connect-exceptions">
      {notice ? (
        <Notice status={notice.status} onRemove={() => setNotice(null)}>
          {notice.text}
        </Notice>
      ) : null}
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      ) : null}
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
        <AfterChange.Provider value={reload}>
          <DataViews<ExceptionView>
            data={shown}
            fields={fields}
            view={view}
            onChangeView={setView}
            actions={actions}
            isLoading={loading}
            paginationInfo={paginationInfo}
            defaultLayouts={{ table: {} }}
            getItemId={(item) => item.id}
          />
        </AfterChange.Provider>
      )}
    </div>
  );
}

function ResolveForm({ items, onDone }: { items: ExceptionView[]; onDone: () => void }) {
  const api = useApi();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      for (const item of items)
        await api.request(`/exceptions/${encodeURIComponent(item.id)}/resolve`, {
          method: 'POST',
          data: { note },
        });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div>
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      ) : null}
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
