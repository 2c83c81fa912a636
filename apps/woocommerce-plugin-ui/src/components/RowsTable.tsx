/** The DataViews lists (Mappings, Exceptions): rows already in memory, and actions that open a modal. */
import {
  type Action,
  DataViews,
  type Field,
  filterSortAndPaginate,
  type RenderModalProps,
  type View,
} from '@wordpress/dataviews';
import { createContext, useContext } from '@wordpress/element';
import type { ComponentType, ReactElement } from 'react';

/**
 * DataViews with the props these lists use. Its own props branch on whether Item has an `id`, which
 * TypeScript cannot settle for a generic Item; both branches take getItemId, so this narrower view is sound.
 */
const Table = DataViews as unknown as <Item>(props: {
  data: Item[];
  fields: Field<Item>[];
  view: View;
  onChangeView: (view: View) => void;
  actions: Action<Item>[];
  isLoading: boolean;
  paginationInfo: { totalItems: number; totalPages: number };
  defaultLayouts: { table: Record<string, never> };
  getItemId: (item: Item) => string;
}) => ReactElement | null;

/**
 * A table over rows already loaded: filtered, sorted and paged here. The view is the caller's state, so
 * filters and sorting survive the table being swapped for an empty-list message and back.
 */
export function RowsTable<Item>({
  rows,
  fields,
  view,
  onChangeView,
  actions,
  loading,
  getItemId,
}: {
  rows: Item[];
  fields: Field<Item>[];
  view: View;
  onChangeView: (view: View) => void;
  actions: Action<Item>[];
  loading: boolean;
  getItemId: (item: Item) => string;
}) {
  const { data, paginationInfo } = filterSortAndPaginate(rows, view, fields);
  return (
    <Table<Item>
      data={data}
      fields={fields}
      view={view}
      onChangeView={onChangeView}
      actions={actions}
      isLoading={loading}
      paginationInfo={paginationInfo}
      defaultLayouts={{ table: {} }}
      getItemId={getItemId}
    />
  );
}

/**
 * An action's modal for DataViews, which renders it as a component of its own: `Form` gets the chosen
 * rows, and when it is done the modal closes and the list does what `AfterDone` gives it (reload, say so).
 */
export function createActionModal<Item>(Form: ComponentType<{ items: Item[]; onDone: () => void }>) {
  const After = createContext<() => void>(() => {});
  function ActionModal({ items, closeModal }: RenderModalProps<Item>) {
    const after = useContext(After);
    return (
      <Form
        items={items}
        onDone={() => {
          closeModal?.();
          after();
        }}
      />
    );
  }
  return { Modal: ActionModal, AfterDone: After.Provider };
}
