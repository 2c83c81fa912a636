/**
 * Commerce's `searchCriteria` query string: filter groups are ANDed, filters inside a group ORed.
 * Both spellings Commerce accepts are read (`filterGroups`/`filter_groups`, `conditionType`/`condition_type`).
 */
export interface Filter {
  field: string;
  value: string;
  conditionType: string;
}

export interface SearchCriteria {
  filterGroups: Filter[][];
  pageSize?: number;
  currentPage: number;
}

export function parseSearchCriteria(query: URLSearchParams): SearchCriteria {
  const groups = new Map<number, Map<number, Partial<Filter>>>();
  let pageSize: number | undefined;
  let currentPage = 1;
  for (const [key, value] of query) {
    const f =
      /^searchCriteria\[(?:filterGroups|filter_groups)\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|conditionType|condition_type)\]$/.exec(
        key,
      );
    if (f) {
      const g = groups.get(Number(f[1])) ?? new Map<number, Partial<Filter>>();
      groups.set(Number(f[1]), g);
      const filter = g.get(Number(f[2])) ?? {};
      g.set(Number(f[2]), filter);
      const name = f[3] === 'condition_type' ? 'conditionType' : (f[3] as keyof Filter);
      filter[name] = value;
      continue;
    }
    if (/^searchCriteria\[(pageSize|page_size)\]$/.test(key)) pageSize = Number(value);
    if (/^searchCriteria\[(currentPage|current_page)\]$/.test(key))
      currentPage = Math.max(1, Number(value) || 1);
  }
  const filterGroups = [...groups.values()].map((g) =>
    [...g.values()]
      .filter((f): f is Filter & { field: string } => typeof f.field === 'string')
      .map((f) => ({ field: f.field, value: f.value ?? '', conditionType: f.conditionType ?? 'eq' })),
  );
  return { filterGroups, ...(pageSize !== undefined ? { pageSize } : {}), currentPage };
}

function compare(actual: unknown, f: Filter): boolean {
  const a = actual === undefined || actual === null ? '' : String(actual);
  const numeric = a !== '' && f.value !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(f.value));
  const cmp = numeric ? Number(a) - Number(f.value) : a < f.value ? -1 : a > f.value ? 1 : 0;
  switch (f.conditionType) {
    case 'eq':
      return a === f.value;
    case 'neq':
      return a !== f.value;
    case 'gt':
      return cmp > 0;
    case 'gteq':
    case 'from':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'lteq':
    case 'to':
      return cmp <= 0;
    case 'in':
      return f.value.split(',').includes(a);
    case 'nin':
      return !f.value.split(',').includes(a);
    case 'like':
      return new RegExp(
        `^${f.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*')}$`,
        'i',
      ).test(a);
    default:
      return false;
  }
}

export function applyCriteria<T extends Record<string, unknown>>(
  rows: T[],
  criteria: SearchCriteria,
): { page: T[]; total: number } {
  const matching = rows.filter((row) =>
    criteria.filterGroups.every((group) => group.length === 0 || group.some((f) => compare(row[f.field], f))),
  );
  if (criteria.pageSize === undefined || criteria.pageSize <= 0)
    return { page: matching, total: matching.length };
  const start = (criteria.currentPage - 1) * criteria.pageSize;
  return { page: matching.slice(start, start + criteria.pageSize), total: matching.length };
}

/** Echo of the criteria in Commerce's snake_case response shape (`framework-search-criteria-interface`). */
export function criteriaEcho(c: SearchCriteria): Record<string, unknown> {
  return {
    filter_groups: c.filterGroups.map((g) => ({
      filters: g.map((f) => ({ field: f.field, value: f.value, condition_type: f.conditionType })),
    })),
    ...(c.pageSize !== undefined ? { page_size: c.pageSize } : {}),
    current_page: c.currentPage,
  };
}
