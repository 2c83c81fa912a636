import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  AuditRepo,
  EventRepo,
  ExceptionRecord,
  ExceptionRepo,
  InboundEvent,
  LinkRepo,
  MappingRepo,
  OrderLink,
  ProblemCode,
  Settings,
  SettingsRepo,
  SkuMapping,
  SnapshotRepo,
  StockSnapshot,
  Store,
  Tenant,
  TenantRepo,
} from '@prima-connect/prima-core';
import { type Kv, keySegment, MAX_TTL_SECONDS } from './kv.js';
import { createMutex } from './mutex.js';

/**
 * prima-core's Store on a key-value store shaped like aio-lib-state. One record per key:
 *   <prefix>-tenant.<tenant>              tenant (its own prefix: no tenant id can collide with it)
 *   <prefix>.<tenant>.settings            settings
 *   <prefix>.<tenant>.map.<sku>           SKU mapping
 *   <prefix>.<tenant>.link.<orderId>      order link (index by state/poll time: list + filter)
 *   <prefix>.<tenant>.evt.<eventKey>      inbound event (dedupe)
 *   <prefix>.<tenant>.exc.<id>            exception
 *   <prefix>.<tenant>.snap.<variant@loc>  stock snapshot
 *   <prefix>.<tenant>.meta.stock          last full reply rows + last sync
 *   <prefix>.<tenant>.aud.<seq>           audit entry
 * Indexes are a key-prefix listing plus a filter: right for one store's volumes (thousands of open
 * links), the price of a KV with no secondary indexes. Records are rewritten with the maximum TTL
 * (365 days) on every write; aio-lib-state has no "never expire".
 */
export interface KvStoreOptions {
  prefix?: string;
  ttlSeconds?: number;
}

const TERMINAL_PRIMA_STATES = new Set(['despatched', 'cancelled']);

export function createKvStore(kv: Kv, options: KvStoreOptions = {}): Store {
  const prefix = options.prefix ?? 'pc';
  const ttl = options.ttlSeconds ?? MAX_TTL_SECONDS;
  const lock = createMutex();
  let auditSeq = 0;

  const tk = (tenantId: string, ...parts: string[]) => [prefix, keySegment(tenantId), ...parts].join('.');
  const tenantKey = (tenantId: string) => `${prefix}-tenant.${keySegment(tenantId)}`;

  async function read<T>(key: string): Promise<T | null> {
    const got = await kv.get(key);
    return got ? (JSON.parse(got.value) as T) : null;
  }
  const write = (key: string, value: unknown) => kv.put(key, JSON.stringify(value), { ttl });
  async function keys(match: string): Promise<string[]> {
    const out: string[] = [];
    for await (const page of kv.list({ match, countHint: 1000 })) out.push(...page.keys);
    return out;
  }
  async function all<T>(match: string): Promise<T[]> {
    const rows: (T | null)[] = await Promise.all((await keys(match)).map((k) => read<T>(k)));
    return rows.filter((r): r is T => r !== null);
  }
  async function deleteMatching(match: string): Promise<void> {
    for (const k of await keys(match)) await kv.delete(k);
  }

  const tenants: TenantRepo = {
    get: (tenantId) => read<Tenant>(tenantKey(tenantId)),
    put: async (tenant) => {
      await write(tenantKey(tenant.id), tenant);
    },
    list: () => all<Tenant>(`${prefix}-tenant.*`),
    delete: async (tenantId) => {
      await kv.delete(tenantKey(tenantId));
      await deleteMatching(`${tk(tenantId)}.*`);
    },
  };

  const settings: SettingsRepo = {
    get: (tenantId) => read<Settings>(tk(tenantId, 'settings')),
    put: async (tenantId, value) => {
      await write(tk(tenantId, 'settings'), value);
    },
  };

  const mappings: MappingRepo = {
    list: async (tenantId) =>
      (await all<SkuMapping>(tk(tenantId, 'map', '*'))).sort((a, b) => a.sku.localeCompare(b.sku)),
    get: (tenantId, sku) => read<SkuMapping>(tk(tenantId, 'map', keySegment(sku.trim()))),
    upsertMany: async (tenantId, rows) => {
      for (const row of rows)
        await write(tk(tenantId, 'map', keySegment(row.sku.trim())), { ...row, sku: row.sku.trim() });
    },
    delete: async (tenantId, sku) => {
      await kv.delete(tk(tenantId, 'map', keySegment(sku.trim())));
    },
  };

  const linkKey = (tenantId: string, orderId: string) => tk(tenantId, 'link', keySegment(orderId));
  const allLinks = (tenantId: string) => all<OrderLink>(tk(tenantId, 'link', '*'));
  const links: LinkRepo = {
    get: (tenantId, id) => read<OrderLink>(linkKey(tenantId, id)),
    getByPrimaNumber: async (tenantId, number) =>
      (await allLinks(tenantId)).find((l) => l.primaOrderNumber === number) ?? null,
    createIfAbsent: (link) =>
      lock(async () => {
        const existing = await read<OrderLink>(linkKey(link.tenantId, link.storefrontOrderId));
        if (existing) return { link: existing, created: false };
        const stored: OrderLink = { ...link, version: 1 };
        await write(linkKey(link.tenantId, link.storefrontOrderId), stored);
        return { link: stored, created: true };
      }),
    update: (link) =>
      lock(async () => {
        const current = await read<OrderLink>(linkKey(link.tenantId, link.storefrontOrderId));
        if (!current || current.version !== link.version) return null;
        const stored: OrderLink = { ...link, version: current.version + 1 };
        await write(linkKey(link.tenantId, link.storefrontOrderId), stored);
        return stored;
      }),
    listByState: async (tenantId, state, limit) =>
      (await allLinks(tenantId))
        .filter((l) => l.state === state)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
        .slice(0, limit),
    listDueForPoll: async (tenantId, nowIso, limit) => {
      const now = Date.parse(nowIso);
      return (await allLinks(tenantId))
        .filter(
          (l) =>
            l.state === 'posted' &&
            !TERMINAL_PRIMA_STATES.has(l.primaState ?? '') &&
            l.nextPollAt !== undefined &&
            Date.parse(l.nextPollAt) <= now,
        )
        .sort((a, b) => (a.nextPollAt ?? '').localeCompare(b.nextPollAt ?? ''))
        .slice(0, limit);
    },
    listReceivedBetween: async (tenantId, fromIso, toIso) => {
      const [from, to] = [Date.parse(fromIso), Date.parse(toIso)];
      return (await allLinks(tenantId))
        .filter((l) => Date.parse(l.receivedAt) >= from && Date.parse(l.receivedAt) < to)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    },
    deleteTenant: (tenantId) => deleteMatching(tk(tenantId, 'link', '*')),
  };

  const events: EventRepo = {
    recordIfNew: (event) =>
      lock(async () => {
        const key = tk(event.tenantId, 'evt', keySegment(event.eventKey));
        if (await kv.get(key)) return false;
        await write(key, event);
        return true;
      }),
    countSince: async (tenantId, sinceIso) => {
      const since = Date.parse(sinceIso);
      return (await all<InboundEvent>(tk(tenantId, 'evt', '*'))).filter(
        (e) => Date.parse(e.receivedAt) >= since,
      ).length;
    },
  };

  const excKey = (tenantId: string, id: string) => tk(tenantId, 'exc', keySegment(id));
  const allExceptions = (tenantId: string) => all<ExceptionRecord>(tk(tenantId, 'exc', '*'));
  const exceptions: ExceptionRepo = {
    raise: (record) =>
      lock(async () => {
        const open = (await allExceptions(record.tenantId)).find(
          (e) => e.status === 'open' && e.subject === record.subject && e.code === record.code,
        );
        if (open) {
          const updated: ExceptionRecord = {
            ...open,
            problem: record.problem,
            lastSeenAt: record.lastSeenAt,
            attempts: open.attempts + 1,
            ...(record.correlationId !== undefined ? { correlationId: record.correlationId } : {}),
          };
          await write(excKey(record.tenantId, open.id), updated);
          return updated;
        }
        const created: ExceptionRecord = {
          ...record,
          id: `ex-${randomUUID()}`,
          status: 'open',
          attempts: 1,
          firstSeenAt: record.lastSeenAt,
        };
        await write(excKey(record.tenantId, created.id), created);
        return created;
      }),
    get: (tenantId, id) => read<ExceptionRecord>(excKey(tenantId, id)),
    list: async (tenantId, filter) => {
      const rows = (await allExceptions(tenantId))
        .filter(
          (e) =>
            (filter.status === undefined || e.status === filter.status) &&
            (filter.code === undefined || e.code === filter.code) &&
            (filter.subject === undefined || e.subject === filter.subject),
        )
        .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
      return filter.limit === undefined ? rows : rows.slice(0, filter.limit);
    },
    resolve: (tenantId, id, by, note, atIso) =>
      lock(async () => {
        const ex = await read<ExceptionRecord>(excKey(tenantId, id));
        if (!ex) return null;
        if (ex.status === 'resolved') return ex;
        const resolved: ExceptionRecord = {
          ...ex,
          status: 'resolved',
          resolvedAt: atIso,
          resolvedBy: by,
          resolutionNote: note,
        };
        await write(excKey(tenantId, id), resolved);
        return resolved;
      }),
    resolveSubject: (tenantId, subject, by, note, atIso) =>
      lock(async () => {
        let n = 0;
        for (const ex of await allExceptions(tenantId)) {
          if (ex.status !== 'open' || ex.subject !== subject) continue;
          await write(excKey(tenantId, ex.id), {
            ...ex,
            status: 'resolved',
            resolvedAt: atIso,
            resolvedBy: by,
            resolutionNote: note,
          });
          n++;
        }
        return n;
      }),
    countOpenByCode: async (tenantId) => {
      const counts: Partial<Record<ProblemCode, number>> = {};
      for (const ex of await allExceptions(tenantId))
        if (ex.status === 'open') counts[ex.code] = (counts[ex.code] ?? 0) + 1;
      return counts;
    },
  };

  interface StockMeta {
    lastFullReplyRows: number | null;
    lastSyncAt: string | null;
  }
  const metaKey = (tenantId: string) => tk(tenantId, 'meta', 'stock');
  const snapshots: SnapshotRepo = {
    all: (tenantId) => all<StockSnapshot>(tk(tenantId, 'snap', '*')),
    putMany: async (tenantId, rows) => {
      for (const row of rows)
        await write(tk(tenantId, 'snap', keySegment(`${row.variantId}@${row.locationId}`)), row);
    },
    getLastFullReplyRows: async (tenantId) =>
      (await read<StockMeta>(metaKey(tenantId)))?.lastFullReplyRows ?? null,
    setLastFullReplyRows: async (tenantId, rows, atIso) => {
      await write(metaKey(tenantId), { lastFullReplyRows: rows, lastSyncAt: atIso } satisfies StockMeta);
    },
    lastSyncAt: async (tenantId) => (await read<StockMeta>(metaKey(tenantId)))?.lastSyncAt ?? null,
  };

  interface StoredAudit extends AuditEntry {
    seq: number;
  }
  const audit: AuditRepo = {
    append: async (entry) => {
      // Time-ordered keys; the sequence breaks ties between entries written in the same millisecond.
      auditSeq += 1;
      const seq = Date.now() * 1000 + (auditSeq % 1000);
      await write(
        tk(entry.tenantId, 'aud', `${entry.at.replace(/[^0-9]/g, '')}-${seq}-${randomUUID().slice(0, 8)}`),
        { ...entry, seq },
      );
    },
    list: async (tenantId, filter) => {
      const rows = (await all<StoredAudit>(tk(tenantId, 'aud', '*')))
        .filter(
          (e) =>
            (filter.subject === undefined || e.subject === filter.subject) &&
            (filter.action === undefined || e.action === filter.action),
        )
        .sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq)
        .map(({ seq: _seq, ...entry }) => entry);
      return filter.limit === undefined ? rows : rows.slice(0, filter.limit);
    },
  };

  return { tenants, settings, mappings, links, events, exceptions, snapshots, audit };
}
