/** The fields that name a Prima item for a SKU: used by Mappings' map form and Setup's in-place fix. */
import { SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { ItemRefView } from '../types';

export type ItemKind = 'stock' | 'non_stock';

/** Stock or non-stock item; `stockLabel` says what "stock item" means where the form needs it. */
export function ItemKindSelect({
  kind,
  onChange,
  stockLabel,
}: {
  kind: ItemKind;
  onChange: (kind: ItemKind) => void;
  stockLabel: string;
}) {
  return (
    <SelectControl
      __nextHasNoMarginBottom
      label={__('Kind', 'prima-connect')}
      value={kind}
      options={[
        { value: 'stock', label: stockLabel },
        { value: 'non_stock', label: __('Non-stock item (gift card, service)', 'prima-connect') },
      ]}
      onChange={(v) => onChange(v === 'non_stock' ? 'non_stock' : 'stock')}
    />
  );
}

/** The Prima product code and its four matrix codes (a level left empty is unused). */
export function PrimaItemFields({
  product,
  onProduct,
  matrix,
  onLevel,
}: {
  product: string;
  onProduct: (product: string) => void;
  matrix: ItemRefView['matrix'];
  onLevel: (level: number, code: string) => void;
}) {
  return (
    <>
      <TextControl
        __nextHasNoMarginBottom
        label={__('Prima product code', 'prima-connect')}
        value={product}
        onChange={onProduct}
      />
      {matrix.map((code, i) => (
        <TextControl
          // biome-ignore lint/suspicious/noArrayIndexKey: the four matrix levels are fixed positions.
          key={i}
          __nextHasNoMarginBottom
          label={sprintf(__('Matrix code %d', 'prima-connect'), i + 1)}
          value={code}
          onChange={(v) => onLevel(i, v)}
        />
      ))}
    </>
  );
}
