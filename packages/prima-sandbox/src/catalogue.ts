/**
 * The seeded demo catalogue: a small footwear-and-accessories Prima (styles x widths x sizes, like the
 * logged catalogue), a few non-matrix accessories, non-stock items (GIFTCARD, GIFTWRAP) and the components
 * of a bundle. Deterministic: the same rows, prices and stock on every run. Exported as data so storefront
 * emulators, tests and the playground use the same SKUs, spelled "<PRODUCT>-<MTRX1>-<MTRX2>".
 */
import { type ItemRef, itemRef } from '@prima-connect/prima-core';

export interface DemoItem {
  /** Storefront SKU by the demo convention "<PRODUCT>-<MTRX1>-<MTRX2>". */
  sku: string;
  item: ItemRef;
  title: string;
  /** Price-book price per unit, VAT inclusive, in pence (GBP). */
  priceMinor: number;
  /** Non-stock items (gift cards, gift wrap) are never allocated and never appear in stock replies. */
  nonStock: boolean;
  /** Units on hand per warehouse. */
  stock: Record<string, number>;
  /** Next expected delivery (dd/mm/yyyy) for items with no stock. */
  availableDate?: string;
}

export interface DemoBundle {
  /** Storefront SKU of the bundle; Prima has no such product, only its components. */
  sku: string;
  title: string;
  components: { sku: string; item: ItemRef; quantity: number }[];
}

export const DEMO_WAREHOUSES = ['MAIN', 'SHOP'] as const;
export const DEFAULT_WAREHOUSE = 'MAIN';

/** The demo SKU convention, also the pattern rule a merchant would configure: separator "-", levels 1 and 2. */
export function demoSku(item: ItemRef): string {
  return [item.product, item.matrix[0], item.matrix[1]].join('-');
}

const SHOE_STYLES: { code: string; name: string; widths: string[]; priceMinor: number }[] = [
  { code: 'ETOS', name: 'Etos Oxford', widths: ['F', 'G', 'H'], priceMinor: 8999 },
  { code: 'BRAMLEY', name: 'Bramley Derby', widths: ['G', 'H'], priceMinor: 9499 },
  { code: 'CARNABY', name: 'Carnaby Loafer', widths: ['F', 'G'], priceMinor: 7999 },
  { code: 'HOLBORN', name: 'Holborn Brogue', widths: ['G', 'H', 'EX'], priceMinor: 10999 },
  { code: 'MAYFAIR', name: 'Mayfair Chelsea Boot', widths: ['G', 'H'], priceMinor: 12999 },
  { code: 'SOHO', name: 'Soho Trainer', widths: ['E', 'G'], priceMinor: 6999 },
  { code: 'RICHMOND', name: 'Richmond Walking Shoe', widths: ['G', 'H', 'EX'], priceMinor: 8499 },
  { code: 'KEW', name: 'Kew Sandal', widths: ['F', 'G'], priceMinor: 5499 },
];
/** UK shoe sizes x10, three digits, like the logged catalogue: 060 = size 6. */
const SHOE_SIZES = [
  '060',
  '065',
  '070',
  '075',
  '080',
  '085',
  '090',
  '095',
  '100',
  '105',
  '110',
  '115',
  '120',
];

/** A tiny deterministic PRNG (mulberry32) so the seeded stock is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stockFor(random: () => number): { stock: Record<string, number>; availableDate?: string } {
  const roll = random();
  if (roll < 0.12) {
    // Out of stock, with a due date on most (the logs show dates only on zero-stock rows).
    const day = 1 + Math.floor(random() * 28);
    const date = roll < 0.09 ? `${String(day).padStart(2, '0')}/03/2027` : undefined;
    return date === undefined
      ? { stock: { MAIN: 0, SHOP: 0 } }
      : { stock: { MAIN: 0, SHOP: 0 }, availableDate: date };
  }
  return { stock: { MAIN: Math.floor(random() * 40), SHOP: Math.floor(random() * 6) } };
}

function build(): { items: DemoItem[]; bundles: DemoBundle[] } {
  const random = seededRandom(20191202);
  const items: DemoItem[] = [];
  const add = (item: ItemRef, title: string, priceMinor: number, nonStock = false): void => {
    const s = nonStock ? { stock: {} } : stockFor(random);
    const row: DemoItem = { sku: demoSku(item), item, title, priceMinor, nonStock, stock: s.stock };
    if ('availableDate' in s && s.availableDate !== undefined) row.availableDate = s.availableDate;
    items.push(row);
  };
  for (const style of SHOE_STYLES) {
    for (const width of style.widths) {
      for (const size of SHOE_SIZES) {
        add(
          itemRef(style.code, width, size),
          `${style.name}, width ${width}, size ${Number(size) / 10}`,
          style.priceMinor,
        );
      }
    }
  }
  for (const waist of ['30IN', '32IN', '34IN', '36IN', '38IN', '40IN']) {
    add(itemRef('BELT', 'NONE', waist), `Leather belt, ${waist}`, 3499);
  }
  for (const size of ['SML', 'MEDM', 'LARG', 'XLRG'])
    add(itemRef('SOCKS', 'NONE', size), `Wool socks, ${size}`, 1299);
  add(itemRef('POLISH', 'NONE', 'ONE'), 'Shoe polish', 499);
  add(itemRef('BRUSH', 'NONE', 'ONE'), 'Shoe brush', 899);
  add(itemRef('LACES', 'NONE', 'ONE'), 'Spare laces', 299);
  add(itemRef('GIFTCARD', 'NONE', 'ONE'), 'Gift card', 0, true);
  add(itemRef('GIFTWRAP', 'NONE', 'ONE'), 'Gift wrapping', 350, true);
  const find = (sku: string): DemoItem => {
    const hit = items.find((i) => i.sku === sku);
    if (!hit) throw new Error(`demo catalogue: no ${sku}`);
    return hit;
  };
  const bundles: DemoBundle[] = [
    {
      sku: 'CAREKIT',
      title: 'Shoe care kit (polish, brush, laces)',
      components: ['POLISH-NONE-ONE', 'BRUSH-NONE-ONE', 'LACES-NONE-ONE'].map((sku) => ({
        sku,
        item: find(sku).item,
        quantity: 1,
      })),
    },
    {
      sku: 'SOCKS-3PACK-MEDM',
      title: 'Wool socks, three pairs, medium',
      components: [{ sku: 'SOCKS-NONE-MEDM', item: find('SOCKS-NONE-MEDM').item, quantity: 3 }],
    },
  ];
  return { items, bundles };
}

const built = build();

/** Every demo item (a few hundred), in catalogue order. Treat as read-only. */
export const DEMO_CATALOGUE: readonly DemoItem[] = built.items;
export const DEMO_BUNDLES: readonly DemoBundle[] = built.bundles;

/** A fresh, mutable copy (the sandbox mutates its own). */
export function demoCatalogue(): DemoItem[] {
  return DEMO_CATALOGUE.map((i) => ({
    ...i,
    item: { product: i.item.product, matrix: [...i.item.matrix] },
    stock: { ...i.stock },
  }));
}
