import { Button, Flex, FlexItem } from '@wordpress/components';
import type { Action, Field, View } from '@wordpress/dataviews';
import { useMemo, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { errorMessage, useApi, useLoad } from '../api';
import { ErrorNotice, MessageNotice, type Msg } from '../components/notices';
import { type ItemKind, ItemKindSelect, PrimaItemFields } from '../components/PrimaItemFields';
import { createActionModal, RowsTable } from '../components/RowsTable';
import { itemText } from '../format';
import { useAction } from '../hooks/useAction';
import type { ItemRefView, MappingRow, MappingStatus } from '../types';

const STATUS_LABEL: Record<MappingStatus, string> = {
  shared_or_missing_sku: __('SKU missing or shared', 'prima-connect'),
  unmapped: __('Not mapped', 'prima-connect'),
  pattern: __('Mapped by SKU pattern', 'prima-connect'),
  mapped: __('Mapped', 'prima-connect'),
};

/** "Map to Prima" works on one row at a time. */
function MapFirst({ items, onDone }: { items: MappingRow[]; onDone: () => void }) {
  const row = items[0];
  return row ? <MapForm row={row} onSaved={onDone} /> : <span />;
}
const MapAction = createActionModal<MappingRow>(MapFirst);

const DEFAULT_VIEW: View = {
  type: 'table',
  page: 1,
  perPage: 25,
  fields: ['status', 'title', 'prima'],
  titleField: 'sku',
};

/** Saves a text as a file in the browser (CSV export). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** FileReader rather than Blob.text(): it works in every browser WordPress supports (and in jsdom). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error(__('The file could not be read.', 'prima-connect')));
    reader.readAsText(file);
  });
}

export function Mappings() {
  const api = useApi();
  const { data, error, loading, reload } = useLoad<{ rows: MappingRow[] }>('/mappings');
  const [view, setView] = useState<View>(DEFAULT_VIEW);
  const [notice, setNotice] = useState<Msg>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const fields = useMemo<Field<MappingRow>[]>(
    () => [
      {
        id: 'sku',
        label: __('SKU', 'prima-connect'),
        getValue: ({ item }) => item.sku || __('(no SKU)', 'prima-connect'),
        enableHiding: false,
      },
      {
        id: 'status',
        label: __('Status', 'prima-connect'),
        getValue: ({ item }) => item.status,
        render: ({ item }) => (
          <span className={`prima-connect-badge is-${item.status}`}>{STATUS_LABEL[item.status]}</span>
        ),
        elements: (Object.keys(STATUS_LABEL) as MappingStatus[]).map((value) => ({
          value,
          label: STATUS_LABEL[value],
        })),
        filterBy: { operators: ['isAny'] },
        enableSorting: false,
      },
      { id: 'title', label: __('Variation', 'prima-connect'), getValue: ({ item }) => item.title },
      {
        id: 'prima',
        label: __('Prima product / matrix', 'prima-connect'),
        getValue: ({ item }) => itemText(item.mapping?.item ?? item.patternItem),
      },
    ],
    [],
  );

  const actions = useMemo<Action<MappingRow>[]>(
    () => [
      {
        id: 'map',
        label: __('Map to Prima', 'prima-connect'),
        isPrimary: true,
        isEligible: (item) => item.sku !== '',
        RenderModal: MapAction.Modal,
      },
    ],
    [],
  );

  const exportCsv = async () => {
    try {
      const r = await api.request<{ csv: string }>('/mappings/export');
      download('prima-mappings.csv', r.csv);
    } catch (e) {
      setNotice({ status: 'error', text: errorMessage(e) });
    }
  };

  const importCsv = async (file: File) => {
    try {
      const csv = await readText(file);
      const r = await api.request<{
        imported: number;
        errors: { row: number; column: string; message: string }[];
      }>('/mappings/import', {
        method: 'POST',
        data: { csv },
      });
      if (r.errors.length > 0) {
        setNotice({
          status: 'warning',
          text: sprintf(
            __('Nothing was imported: %d rows need fixing first.', 'prima-connect'),
            r.errors.length,
          ),
          details: r.errors
            .slice(0, 10)
            .map((e) => sprintf(__('Line %1$d, %2$s: %3$s', 'prima-connect'), e.row, e.column, e.message)),
        });
      } else {
        setNotice({
          status: 'success',
          text: sprintf(__('%d mappings imported.', 'prima-connect'), r.imported),
        });
        reload();
      }
    } catch (e) {
      setNotice({ status: 'error', text: errorMessage(e) });
    }
  };

  const rows = data?.rows ?? [];
  const unmapped = rows.filter((r) => r.status === 'unmapped' || r.status === 'shared_or_missing_sku').length;
  return (
    <div className="prima-connect-mappings">
      <MessageNotice msg={notice} onRemove={() => setNotice(null)} />
      <ErrorNotice error={error} />
      <Flex justify="space-between" className="prima-connect-toolbar">
        <FlexItem>
          <strong>
            {unmapped > 0
              ? sprintf(
                  __('%1$d of %2$d variations cannot be sent to Prima yet.', 'prima-connect'),
                  unmapped,
                  rows.length,
                )
              : sprintf(__('All %d variations are mapped.', 'prima-connect'), rows.length)}
          </strong>
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" onClick={exportCsv}>
            {__('Export CSV', 'prima-connect')}
          </Button>{' '}
          <Button variant="secondary" onClick={() => fileInput.current?.click()}>
            {__('Import CSV', 'prima-connect')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            hidden
            data-testid="csv-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importCsv(f);
              e.target.value = '';
            }}
          />
        </FlexItem>
      </Flex>
      <MapAction.AfterDone
        value={() => {
          setNotice({ status: 'success', text: __('Mapping saved.', 'prima-connect') });
          reload();
        }}
      >
        <RowsTable<MappingRow>
          rows={rows}
          fields={fields}
          view={view}
          onChangeView={setView}
          actions={actions}
          loading={loading}
          getItemId={(item) => item.variantId}
        />
      </MapAction.AfterDone>
    </div>
  );
}

/** Suggests the Prima codes from the SKU's "<PRODUCT>-<MTRX1>-<MTRX2>" shape when nothing is mapped yet. */
function suggestion(row: MappingRow): ItemRefView {
  if (row.mapping?.item) return row.mapping.item;
  if (row.patternItem) return row.patternItem;
  const [product = '', m1 = '', m2 = ''] = row.sku.split('-');
  return { product, matrix: [m1, m2, '', ''] };
}

function MapForm({ row, onSaved }: { row: MappingRow; onSaved: () => void }) {
  const api = useApi();
  const start = suggestion(row);
  const [kind, setKind] = useState<ItemKind>(row.mapping?.kind === 'non_stock' ? 'non_stock' : 'stock');
  const [product, setProduct] = useState(start.product);
  const [matrix, setMatrix] = useState<ItemRefView['matrix']>(start.matrix);
  // Saving closes the modal, so the failure is the only outcome shown here.
  const { busy, msg, run } = useAction();
  const setLevel = (i: number, v: string) =>
    setMatrix((m) => m.map((x, j) => (j === i ? v : x)) as ItemRefView['matrix']);
  const save = () =>
    run(async () => {
      await api.request('/mappings/save', {
        method: 'POST',
        data: { rows: [{ sku: row.sku, kind, item: { product, matrix } }] },
      });
      onSaved();
    });
  return (
    <div className="prima-connect-map-form">
      <p>
        <strong>{row.sku}</strong> {row.title}
      </p>
      <MessageNotice msg={msg} />
      <ItemKindSelect kind={kind} onChange={setKind} stockLabel={__('Stock item', 'prima-connect')} />
      <PrimaItemFields product={product} onProduct={setProduct} matrix={matrix} onLevel={setLevel} />
      <Button variant="primary" disabled={product.trim() === '' || busy} isBusy={busy} onClick={save}>
        {__('Save mapping', 'prima-connect')}
      </Button>
    </div>
  );
}
