/**
 * An in-memory Store honouring every semantic documented in ports.ts: atomic createIfAbsent and
 * recordIfNew, compare-and-swap link updates, exception de-duplication per (tenant, subject, code),
 * and tenant deletion that removes everything the tenant owns.
 *
 * Atomicity comes from JavaScript's single thread: no method awaits between its check and its write.
 * Every value goes in and out as a deep copy, so a caller mutating what it got back cannot change the
 * stored state behind the store's back (a real database would not let it either).
 */

import type { SkuMapping } from '../model/index.js';
import type { ProblemCode } from '../monitor/problems.js';
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
  SettingsRepo,
  SnapshotRepo,
  StockSnapshot,
  Store,
  Tenant,
  TenantRepo,
} from '../ports.js';
import type { Settings } from '../settings.js';

const copy = <T>(value: T): T => structuredClone(value);
const TERMINAL_PRIMA_STATES = new Set(['despatched', 'cancelled']);

interface TenantData {
  settings: Settings | null;
  mappings: Map<string, SkuMapping>;
  links: Map<string, OrderLink>;
  events: Map<string, InboundEvent>;
  exceptions: Map<string, ExceptionRecord>;
  snapshots: Map<string, StockSnapshot>;
  lastFullReplyRows: number | null;
  lastSyncAt: string | null;
  audit: AuditEntry[];
}

function emptyTenantData(): TenantData {
  return {
    settings: null,
    mappings: new Map(),
    links: new Map(),
    events: new Map(),
    exceptions: new Map(),
    snapshots: new Map(),
    lastFullReplyRows: null,
    lastSyncAt: null,
    audit: [],
  };
}

export interface MemoryStore extends Store {
  /** Test helper: how many tenants hold any data (proves forgetTenant left nothing behind). */
  tenantDataCount(): number;
}

export function createMemoryStore(): MemoryStore {
  const tenants = new Map<string, Tenant>();
  const data = new Map<string, TenantData>();
  let exceptionSeq = 0;

  const of = (tenantId: string): TenantData => {
    let d = data.get(tenantId);
    if (!d) {
      d = emptyTenantData();
      data.set(tenantId, d);
    }
    return d;
  };
  const peek = (tenantId: string): TenantData | undefined => data.get(tenantId);

  const tenantRepo: TenantRepo = {
    async get(tenantId) {
      const t = tenants.get(tenantId);
      return t ? copy(t) : null;
    },
    async put(tenant) {
      tenants.set(tenant.id, copy(tenant));
    },
    async list() {
      return [...tenants.values()].map(copy);
    },
    async delete(tenantId) {
      tenants.delete(tenantId);
      data.delete(tenantId);
    },
  };

  const settingsRepo: SettingsRepo = {
    async get(tenantId) {
      const s = peek(tenantId)?.settings;
      return s ? copy(s) : null;
    },
    async put(tenantId, settings) {
      of(tenantId).settings = copy(settings);
    },
  };

  const mappingRepo: MappingRepo = {
    async list(tenantId) {
      return [...(peek(tenantId)?.mappings.values() ?? [])]
        .sort((a, b) => a.sku.localeCompare(b.sku))
        .map(copy);
    },
    async get(tenantId, sku) {
      const m = peek(tenantId)?.mappings.get(sku.trim());
      return m ? copy(m) : null;
    },
    async upsertMany(tenantId, rows) {
      const d = of(tenantId);
      for (const row of rows) d.mappings.set(row.sku.trim(), copy({ ...row, sku: row.sku.trim() }));
    },
    async delete(tenantId, sku) {
      peek(tenantId)?.mappings.delete(sku.trim());
    },
  };

  const linkRepo: LinkRepo = {
    async get(tenantId, storefrontOrderId) {
      const l = peek(tenantId)?.links.get(storefrontOrderId);
      return l ? copy(l) : null;
    },
    async getByPrimaNumber(tenantId, primaOrderNumber) {
      for (const l of peek(tenantId)?.links.values() ?? [])
        if (l.primaOrderNumber === primaOrderNumber) return copy(l);
      return null;
    },
    async createIfAbsent(link) {
      const d = of(link.tenantId);
      const existing = d.links.get(link.storefrontOrderId);
      if (existing) return { link: copy(existing), created: false };
      const stored: OrderLink = { ...copy(link), version: 1 };
      d.links.set(link.storefrontOrderId, stored);
      return { link: copy(stored), created: true };
    },
    async update(link) {
      const d = peek(link.tenantId);
      const current = d?.links.get(link.storefrontOrderId);
      if (!d || !current || current.version !== link.version) return null;
      const stored: OrderLink = { ...copy(link), version: current.version + 1 };
      d.links.set(link.storefrontOrderId, stored);
      return copy(stored);
    },
    async listByState(tenantId, state, limit) {
      return [...(peek(tenantId)?.links.values() ?? [])]
        .filter((l) => l.state === state)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
        .slice(0, limit)
        .map(copy);
    },
    async listDueForPoll(tenantId, nowIso, limit) {
      const now = Date.parse(nowIso);
      return [...(peek(tenantId)?.links.values() ?? [])]
        .filter(
          (l) =>
            l.state === 'posted' &&
            !TERMINAL_PRIMA_STATES.has(l.primaState ?? '') &&
            l.nextPollAt !== undefined &&
            Date.parse(l.nextPollAt) <= now,
        )
        .sort((a, b) => (a.nextPollAt ?? '').localeCompare(b.nextPollAt ?? ''))
        .slice(0, limit)
        .map(copy);
    },
    async listReceivedBetween(tenantId, fromIso, toIso) {
      const from = Date.parse(fromIso);
      const to = Date.parse(toIso);
      return [...(peek(tenantId)?.links.values() ?? [])]
        .filter((l) => {
          const at = Date.parse(l.receivedAt);
          return at >= from && at < to;
        })
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
        .map(copy);
    },
    async deleteTenant(tenantId) {
      peek(tenantId)?.links.clear();
    },
  };

  const eventRepo: EventRepo = {
    async recordIfNew(event) {
      const d = of(event.tenantId);
      if (d.events.has(event.eventKey)) return false;
      d.events.set(event.eventKey, copy(event));
      return true;
    },
    async countSince(tenantId, sinceIso) {
      const since = Date.parse(sinceIso);
      let n = 0;
      for (const e of peek(tenantId)?.events.values() ?? []) if (Date.parse(e.receivedAt) >= since) n++;
      return n;
    },
  };

  const exceptionRepo: ExceptionRepo = {
    async raise(record) {
      const d = of(record.tenantId);
      for (const ex of d.exceptions.values()) {
        if (ex.status === 'open' && ex.subject === record.subject && ex.code === record.code) {
          const updated: ExceptionRecord = {
            ...ex,
            problem: copy(record.problem),
            lastSeenAt: record.lastSeenAt,
            attempts: ex.attempts + 1,
            ...(record.correlationId !== undefined ? { correlationId: record.correlationId } : {}),
          };
          d.exceptions.set(ex.id, updated);
          return copy(updated);
        }
      }
      exceptionSeq += 1;
      const created: ExceptionRecord = {
        ...copy(record),
        id: `ex-${exceptionSeq}`,
        status: 'open',
        attempts: 1,
        firstSeenAt: record.lastSeenAt,
      };
      d.exceptions.set(created.id, created);
      return copy(created);
    },
    async get(tenantId, id) {
      const ex = peek(tenantId)?.exceptions.get(id);
      return ex ? copy(ex) : null;
    },
    async list(tenantId, filter) {
      const rows = [...(peek(tenantId)?.exceptions.values() ?? [])]
        .filter(
          (ex) =>
            (filter.status === undefined || ex.status === filter.status) &&
            (filter.code === undefined || ex.code === filter.code) &&
            (filter.subject === undefined || ex.subject === filter.subject),
        )
        .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
      return (filter.limit === undefined ? rows : rows.slice(0, filter.limit)).map(copy);
    },
    async resolve(tenantId, id, by, note, atIso) {
      const d = peek(tenantId);
      const ex = d?.exceptions.get(id);
      if (!d || !ex) return null;
      if (ex.status === 'resolved') return copy(ex);
      const resolved: ExceptionRecord = {
        ...ex,
        status: 'resolved',
        resolvedAt: atIso,
        resolvedBy: by,
        resolutionNote: note,
      };
      d.exceptions.set(id, resolved);
      return copy(resolved);
    },
    async resolveSubject(tenantId, subject, by, note, atIso) {
      const d = peek(tenantId);
      let n = 0;
      for (const ex of d?.exceptions.values() ?? []) {
        if (ex.status === 'open' && ex.subject === subject) {
          d?.exceptions.set(ex.id, {
            ...ex,
            status: 'resolved',
            resolvedAt: atIso,
            resolvedBy: by,
            resolutionNote: note,
          });
          n++;
        }
      }
      return n;
    },
    async countOpenByCode(tenantId) {
      const counts: Partial<Record<ProblemCode, number>> = {};
      for (const ex of peek(tenantId)?.exceptions.values() ?? []) {
        if (ex.status === 'open') counts[ex.code] = (counts[ex.code] ?? 0) + 1;
      }
      return counts;
    },
  };

  const snapshotKey = (s: Pick<StockSnapshot, 'variantId' | 'locationId'>) =>
    `${s.variantId}@${s.locationId}`;
  const snapshotRepo: SnapshotRepo = {
    async all(tenantId) {
      return [...(peek(tenantId)?.snapshots.values() ?? [])].map(copy);
    },
    async putMany(tenantId, rows) {
      const d = of(tenantId);
      for (const row of rows) d.snapshots.set(snapshotKey(row), copy(row));
    },
    async getLastFullReplyRows(tenantId) {
      return peek(tenantId)?.lastFullReplyRows ?? null;
    },
    async setLastFullReplyRows(tenantId, rows, atIso) {
      const d = of(tenantId);
      d.lastFullReplyRows = rows;
      d.lastSyncAt = atIso;
    },
    async lastSyncAt(tenantId) {
      return peek(tenantId)?.lastSyncAt ?? null;
    },
  };

  const auditRepo: AuditRepo = {
    async append(entry) {
      of(entry.tenantId).audit.push(copy(entry));
    },
    async list(tenantId, filter) {
      // Newest first (by `at`, later appends first on ties), like an activity feed.
      const rows = [...(peek(tenantId)?.audit ?? [])]
        .reverse()
        .sort((a, b) => b.at.localeCompare(a.at))
        .filter(
          (e) =>
            (filter.subject === undefined || e.subject === filter.subject) &&
            (filter.action === undefined || e.action === filter.action),
        );
      return (filter.limit === undefined ? rows : rows.slice(0, filter.limit)).map(copy);
    },
  };

  return {
    tenants: tenantRepo,
    settings: settingsRepo,
    mappings: mappingRepo,
    links: linkRepo,
    events: eventRepo,
    exceptions: exceptionRepo,
    snapshots: snapshotRepo,
    audit: auditRepo,
    tenantDataCount: () =>
      [...data.values()].filter(
        (d) =>
          d.links.size + d.events.size + d.exceptions.size + d.audit.length + d.mappings.size > 0 ||
          d.settings !== null,
      ).length,
  };
}
