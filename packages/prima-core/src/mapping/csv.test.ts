import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemRef } from '../model/item.js';
import type { SkuMapping } from '../model/mapping.js';
import { exportMappingsCsv, importMappingsCsv, parseComponents } from './csv.js';
import { EXPLICIT_MAPPINGS, NOW } from './test-fixtures.js';

describe('mapping CSV', () => {
  it('round-trips stock, non-stock and bundle rows', () => {
    const csv = exportMappingsCsv(EXPLICIT_MAPPINGS);
    expect(csv.split('\n')[0]).toBe('sku,kind,product,mtrx1,mtrx2,mtrx3,mtrx4,components');
    expect(csv).toContain('GIFTSET-ETOS,bundle,,,,,,ETOS/G/080*1@7999;BELT/NONE/32IN*1@2500');
    const back = importMappingsCsv(csv, { now: NOW });
    expect(back.errors).toEqual([]);
    const bySku = (rows: SkuMapping[]) => [...rows].sort((a, b) => a.sku.localeCompare(b.sku));
    expect(bySku(back.rows).map(({ source: _s, ...r }) => r)).toEqual(
      bySku(EXPLICIT_MAPPINGS).map(({ source: _s, ...r }) => r),
    );
    expect(back.rows.every((r) => r.source === 'import' && r.updatedAt === NOW)).toBe(true);
  });

  it('reports each bad row with its line and column and keeps every good row', () => {
    const csv = [
      'SKU,Kind,Product,Mtrx1,Mtrx2,Mtrx3,Mtrx4,Components,Notes',
      'ETOS-G-080,stock,ETOS,G,080,,,,fine',
      ',stock,ETOS,G,085,,,,no sku',
      'ETOS-G-090,shoe,ETOS,G,090,,,,bad kind',
      'ETOS-G-095,stock,,,,,,,no product',
      'KIT1,bundle,,,,,,POLISH/NONE/ONE*two,bad quantity',
      'KIT2,non-stock,GIFT25,NONE,ONE,,,,dash kind is fine',
      'ETOS-G-080,stock,ETOS,H,080,,,,duplicate',
      'KIT3,bundle,,,,,,POLISH/NONE/ONE*2;BRUSH*1,fine',
      'ETOS-G-100,stock,ET/OS,G,100,,,,reserved character',
    ].join('\n');
    const r = importMappingsCsv(csv, { now: NOW });
    expect(r.rows.map((x) => x.sku)).toEqual(['ETOS-G-080', 'KIT2', 'KIT3']);
    expect(r.rows[0]?.item).toEqual(itemRef('ETOS', 'G', '080'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'sku'],
      [4, 'kind'],
      [5, 'product'],
      [6, 'components'],
      [8, 'sku'],
      [10, 'product'],
    ]);
    expect(r.errors[3]?.message).toContain('POLISH/NONE/ONE*two');
    expect(r.errors[4]?.message).toContain('line 2');
  });

  it('survives a broken quote: reports it, keeps the rows before it', () => {
    const r = importMappingsCsv('sku,kind,product\nA-G-080,stock,A\n"B-G-080,stock,B\n', { now: NOW });
    expect(r.rows.map((x) => x.sku)).toEqual(['A-G-080']);
    expect(r.errors[0]?.message).toMatch(/unreadable CSV/);
  });

  it('refuses a file without the sku or kind columns', () => {
    expect(importMappingsCsv('product,mtrx1\nETOS,G\n', { now: NOW }).errors[0]).toMatchObject({
      row: 1,
      column: 'header',
    });
    expect(importMappingsCsv('', { now: NOW }).errors[0]?.message).toContain('empty');
  });

  it('parses component lists with optional trailing matrix codes and weights', () => {
    expect(parseComponents('SOCK3/NONE/ONE*2; BELT*1')).toEqual({
      ok: true,
      value: [
        { item: itemRef('SOCK3', 'NONE', 'ONE'), quantity: 2 },
        { item: itemRef('BELT'), quantity: 1 },
      ],
    });
    expect(parseComponents('').ok).toBe(false);
    expect(parseComponents('A/B/C/D/E/F*1').ok).toBe(false);
  });

  it('round-trips any valid stock row (property)', () => {
    const code = fc.stringMatching(/^[A-Z0-9][A-Z0-9 .-]{0,8}[A-Z0-9]$/);
    const matrixCode = fc.oneof(fc.constant(''), code);
    fc.assert(
      fc.property(
        code,
        code,
        matrixCode,
        matrixCode,
        matrixCode,
        matrixCode,
        (sku, product, m1, m2, m3, m4) => {
          const row: SkuMapping = {
            sku,
            kind: 'stock',
            item: { product, matrix: [m1, m2, m3, m4] },
            source: 'import',
            updatedAt: NOW,
          };
          const back = importMappingsCsv(exportMappingsCsv([row]), { now: NOW });
          expect(back.errors).toEqual([]);
          expect(back.rows).toEqual([row]);
        },
      ),
    );
  });
});
