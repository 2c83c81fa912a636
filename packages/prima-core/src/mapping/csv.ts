import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ItemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import { skuMappingSchema } from './sku-mapping-schema.js';

/**
 * CSV of SKU mappings, for merchandisers who keep them in a spreadsheet.
 *
 *   sku,kind,product,mtrx1,mtrx2,mtrx3,mtrx4,components
 *   ETOS-G-080,stock,ETOS,G,080,,,
 *   GIFTCARD-25,non_stock,GIFT25,,,,,
 *   GIFTSET-1,bundle,,,,,,"SOCK3/NONE/ONE*2;BELT/NONE/32IN*1@1500"
 *
 * `components`: `;`-separated, each `PRODUCT/M1/M2/M3/M4*quantity` with trailing empty matrix codes
 * optional, and an optional `@weight` (an integer share of the bundle price; give it to all components
 * or none, none = equal per unit). `kind` is stock, non_stock (also "non-stock") or bundle.
 * Headers are case-insensitive, in any order; extra columns are ignored.
 */
export const MAPPING_CSV_COLUMNS = [
  'sku',
  'kind',
  'product',
  'mtrx1',
  'mtrx2',
  'mtrx3',
  'mtrx4',
  'components',
] as const;

export interface CsvRowError {
  /** Line number in the file (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

export interface MappingImport {
  rows: SkuMapping[];
  errors: CsvRowError[];
}

function formatItem(item: ItemRef): string {
  const matrix = [...item.matrix];
  while (matrix.length > 0 && matrix[matrix.length - 1] === '') matrix.pop();
  return [item.product, ...matrix].join('/');
}

export function formatComponents(components: NonNullable<SkuMapping['components']>): string {
  return components
    .map((c) => `${formatItem(c.item)}*${c.quantity}${c.weight === undefined ? '' : `@${c.weight}`}`)
    .join(';');
}

export function exportMappingsCsv(rows: readonly SkuMapping[]): string {
  const records = [...rows]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((r) => [
      r.sku,
      r.kind,
      r.kind === 'bundle' ? '' : (r.item?.product ?? ''),
      ...(r.kind === 'bundle' ? ['', '', '', ''] : (r.item?.matrix ?? ['', '', '', ''])),
      r.kind === 'bundle' ? formatComponents(r.components ?? []) : '',
    ]);
  return stringify(records, { header: true, columns: [...MAPPING_CSV_COLUMNS], record_delimiter: 'unix' });
}

type ParsedComponents =
  | { ok: true; value: NonNullable<SkuMapping['components']> }
  | { ok: false; message: string };

const COMPONENT = /^([^/*;@]+(?:\/[^/*;@]*){0,4})\*(\d+)(?:@(\d+))?$/;

export function parseComponents(text: string): ParsedComponents {
  const out: NonNullable<SkuMapping['components']> = [];
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'a bundle needs at least one component' };
  for (const part of parts) {
    const m = COMPONENT.exec(part);
    if (!m) {
      return { ok: false, message: `"${part}" is not PRODUCT/M1/M2/M3/M4*quantity (optionally @weight)` };
    }
    const [product = '', ...matrix] = (m[1] as string).split('/').map((s) => s.trim());
    const quantity = Number(m[2]);
    const c: NonNullable<SkuMapping['components']>[number] = {
      item: { product, matrix: [matrix[0] ?? '', matrix[1] ?? '', matrix[2] ?? '', matrix[3] ?? ''] },
      quantity,
    };
    if (m[3] !== undefined) c.weight = Number(m[3]);
    out.push(c);
  }
  return { ok: true, value: out };
}

/** zod issue path -> the CSV column a person should look at. */
function columnFor(path: readonly PropertyKey[]): string {
  const [head, , sub, idx] = path;
  if (head === 'item') return sub === 'matrix' && typeof idx === 'number' ? `mtrx${idx + 1}` : 'product';
  if (head === 'components') return 'components';
  return typeof head === 'string' ? head : 'row';
}

/**
 * Imports mapping rows. Every bad row becomes an error naming its line and column; good rows are
 * always kept. A SKU repeated in the file keeps its first row and reports the later ones.
 * `now` stamps `updatedAt` (no clock here: this room does no I/O).
 */
export function importMappingsCsv(text: string, opts: { now: string }): MappingImport {
  const errors: CsvRowError[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = (err as { lines?: unknown } | undefined)?.lines;
      errors.push({
        row: typeof line === 'number' ? line : 0,
        column: 'row',
        message: `unreadable CSV: ${err?.message ?? 'unknown error'}`,
      });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...body] = records;
  if (!header)
    return { rows: [], errors: [...errors, { row: 1, column: 'header', message: 'the file is empty' }] };
  const index = new Map(header.record.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const missing = ['sku', 'kind'].filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        ...errors,
        {
          row: header.info.lines,
          column: 'header',
          message: `missing column(s) ${missing.join(', ')}; expected ${MAPPING_CSV_COLUMNS.join(',')}`,
        },
      ],
    };
  }
  const cell = (rec: string[], col: string) => {
    const i = index.get(col);
    return i === undefined ? '' : (rec[i] ?? '').trim();
  };

  const rows: SkuMapping[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    const sku = cell(record, 'sku');
    const kindText = cell(record, 'kind').toLowerCase().replace('-', '_');
    const candidate: Record<string, unknown> = { sku, kind: kindText, source: 'import', updatedAt: opts.now };
    if (kindText === 'bundle') {
      const comps = parseComponents(cell(record, 'components'));
      if (!comps.ok) {
        errors.push({ row, column: 'components', message: comps.message });
        continue;
      }
      candidate.components = comps.value;
    } else if (cell(record, 'product') !== '') {
      candidate.item = {
        product: cell(record, 'product'),
        matrix: [cell(record, 'mtrx1'), cell(record, 'mtrx2'), cell(record, 'mtrx3'), cell(record, 'mtrx4')],
      };
    }
    const parsed = skuMappingSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnFor(issue.path);
        const message = column === 'kind' ? 'kind must be stock, non_stock or bundle' : issue.message;
        errors.push({ row, column, message });
      }
      continue;
    }
    const first = seen.get(parsed.data.sku);
    if (first !== undefined) {
      errors.push({
        row,
        column: 'sku',
        message: `SKU "${parsed.data.sku}" already given on line ${first}; this line was skipped`,
      });
      continue;
    }
    seen.set(parsed.data.sku, row);
    rows.push(parsed.data as SkuMapping);
  }
  return { rows, errors: errors.sort((a, b) => a.row - b.row) };
}
