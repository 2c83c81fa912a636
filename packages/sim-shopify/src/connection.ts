/** Relay-style cursor paging over an in-memory list, as Shopify's connections page. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export const MAX_PAGE_SIZE = 250;

export function encodeCursor(index: number): string {
  return Buffer.from(`i:${index}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^i:(\d+)$/.exec(raw);
  if (!m) throw new Error(`Invalid cursor: ${cursor}`);
  return Number(m[1]);
}

export function connection<T>(all: T[], args: PageArgs) {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first === null && last === null) throw new Error('you must provide one of first or last');
  if ((first ?? 0) > MAX_PAGE_SIZE || (last ?? 0) > MAX_PAGE_SIZE)
    throw new Error(`first/last cannot exceed ${MAX_PAGE_SIZE}`);
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? decodeCursor(args.before) : all.length;
  if (first !== null) end = Math.min(end, start + first);
  if (last !== null) start = Math.max(start, end - last);
  const slice = all.slice(start, end);
  const edges = slice.map((node, i) => ({ node, cursor: encodeCursor(start + i) }));
  return {
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
