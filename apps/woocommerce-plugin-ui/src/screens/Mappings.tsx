import { Button, Flex, FlexItem, Notice, SelectControl, TextControl } from '@wordpress/components';
import {
  type Action,
  DataViews,
  type Field,
  filterSortAndPaginate,
  type RenderModalProps,
  type View,
} from '@wordpress/dataviews';
import { createContext, useContext, useMemo, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { errorMessage, useApi, useLoad } from '../api';
import { itemText } from '../format';
import type { ItemRefView, MappingRow, MappingStatus } from '../types';

const STATUS_LABEL: Record<MappingStatus, string> = {
  shared_or_missing_sku: __('SKU missing or shared', 'prima-connect'),
  unmapped: __('Not mapped', 'prima-connect'),
  pattern: __('Mapped by SKU pattern', 'prima-connect'),
  mapped: __('Mapped', 'prima-connect'),
};

/** What the list does after the map modal saved: given by context to the module-level modal component. */
const AfterSave = createContext<() => void>(() => {});

function MapModal({ items, closeModal }: RenderModalProps<MappingRow>) {
  const saved = useContext(AfterSave);
  const row = items[0];
  if (!row) return <span />;
  return (
    <MapForm
      row={row}
      onSaved={() => {
        closeModal?.();
        saved();
      }}
    />
  );
}

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
  const [notice, setNotice] = useState<{
    status: 'success' | 'error' | 'warning';
    text: string;
    details?: string[];
  } | null>(null);
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
        RenderModal: MapModal,
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
  const { data: shown, paginationInfo } = filterSortAndPaginate(rows, view, fields);
  return (
    <div className="prima-connect-mappings">
      {notice ? (
        <Notice status={notice.status} onRemove={() => setNotice(null)}>
          <p>{notice.text}</p>
          {notice.details ? (
            <ul>
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      ) : null}
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
      <AfterSave.Provider
        value={() => {
          setNotice({ status: 'success', text: __('Mapping saved.', 'prima-connect') });
          reload();
        }}
      >
        <DataViews<MappingRow>
          data={shown}
          fields={fields}
          view={view}
          onChangeView={setView}
          actions={actions}
          isLoading={loading}
          paginationInfo={paginationInfo}
          defaultLayouts={{ table: {} }}
          getItemId={(item) => item.variantId}
        />
      </AfterSave.Provider>
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
  const [kind, setKind] = useState<'stock' | 'non_stock'>(
    row.mapping?.kind === 'non_stock' ? 'non_stock' : 'stock',
  );
  const [product, setProduct] = useState(start.product);
  const [matrix, setMatrix] = useState<[string, string, string, string]>(start.matrix);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setLevel = (i: number, v: string) =>
    setMatrix((m) => m.map((x, j) => (j === i ? v : x)) as [string, string, string, string]);
  const save = async () => {
    setBusy(true);
    try {
      await api.request('/mappings/save', {
        method: 'POST',
        data: { rows: [{ sku: row.sku, kind, item: { product, matrix } }] },
      });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div className="prima-connect-map-form">
      <p>
        <strong>{row.sku}</strong> {row.title}
      </p>
      {error ? (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      ) : null}
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Kind', 'prima-connect')}
        value={kind}
        options={[
          { value: 'stock', label: __('Stock item', 'prima-connect') },
          { value: 'non_stock', label: __('Non-stock item (gift card, service)', 'prima-connect') },
        ]}
        onChange={(v) => setKind(v === 'non_stock' ? 'non_stock' : 'stock')}
      />
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima product code', 'prima-connect')}
        value={product}
        onChange={setProduct}
      />
      {[0, 1, 2, 3].map((i) => (
        <TextControl
          key={i}
          __nextHasNoMarginBottom
          label={sprintf(__('Matrix code %d', 'prima-connect'), i + 1)}
          value={matrix[i] ?? ''}
          onChange={(v) => setLevel(i, v)}
        />
      ))}
      <Button variant="primary" disabled={product.trim() === '' || busy} isBusy={busy} onClick={save}>
        {__('Save mapping', 'prima-connect')}
      </Button>
    </div>
  );
}
