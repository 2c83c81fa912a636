/**
 * The Store port's contract as a vitest suite. Every Store adapter (in-memory, Prisma/SQLite, PostgreSQL,
 * App Builder state) runs it: `describeStoreContract('prisma sqlite', async () => ({ store, cleanup }))`.
 *
 * Semantics pinned here beyond the comments in ports.ts (decisions, so adapters agree):
 * - Tests put a tenant before writing anything it owns; adapters may enforce that (foreign keys).
 * - Timestamps are UTC ISO strings as `Date#toISOString()` writes them, and come back unchanged.
 * - Optional fields that were not set come back absent (undefined), never null.
 * - `listDueForPoll` and `listByState` return the oldest first (nextPollAt / receivedAt) so `limit` is fair.
 * - `audit.list` returns the newest entries first.
 * - `snapshots.lastSyncAt` is the instant last given to `setLastFullReplyRows` (a completed full sync).
 * - After `exceptions.resolve`, raising the same (subject, code) opens a new record.
 * Each test gets a fresh store from `makeStore` and calls `cleanup` after.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SkuMapping } from '../model/index.js';
import type { ProblemCode } from '../monitor/problems.js';
import { problem } from '../monitor/problems.js';
import type { AuditEntry, InboundEvent, OrderLink, StockSnapshot, Store, Tenant } from '../ports.js';
import { parseSettings } from '../settings.js';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
/** An ISO instant `minutes` after a fixed origin: stable, comparable test times. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export function sampleTenant(id: string, over: Partial<Tenant> = {}): Tenant {
  return { id, platform: 'shopify', shop: `${id}.myshopify.com`, createdAt: at(0), ...over };
}

export function sampleLink(
  tenantId: string,
  storefrontOrderId: string,
  over: Partial<OrderLink> = {},
): Omit<OrderLink, 'version'> {
  return {
    tenantId,
    platform: 'shopify',
    storefrontOrderId,
    storefrontOrderNumber: `#${storefrontOrderId}`,
    primaOrderNumber: `W${storefrontOrderId}`,
    state: 'received',
    currency: 'GBP',
    totalMinor: 12_345,
    attempts: 0,
    appliedDispatches: [],
    receivedAt: at(0),
    dueAt: at(5),
    updatedAt: at(0),
    ...over,
  };
}

export function sampleEvent(
  tenantId: string,
  eventKey: string,
  over: Partial<InboundEvent> = {},
): InboundEvent {
  return {
    tenantId,
    eventKey,
    topic: 'orders/paid',
    storefrontOrderId: '1001',
    receivedAt: at(0),
    correlationId: `c-${eventKey}`,
    ...over,
  };
}

function mapping(sku: string, over: Partial<SkuMapping> = {}): SkuMapping {
  return {
    sku,
    kind: 'stock',
    item: { product: 'ETOS', matrix: ['G', '080', '', ''] },
    source: 'manual',
    updatedAt: at(0),
    ...over,
  };
}

function snapshot(variantId: string, locationId: string, quantity: number, pushedAt = at(1)): StockSnapshot {
  return { variantId, locationId, sku: `SKU-${variantId}`, quantity, pushedAt };
}

function audit(tenantId: string, minute: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    tenantId,
    at: at(minute),
    actor: 'system',
    action: 'order.posted',
    subject: 'order:1001',
    detail: { n: minute },
    ...over,
  };
}

const settingsInput = {
  prima: { url: 'http://prima.example.test/omlink/soap', companyId: 'ACME' },
  orders: { postingEnabled: true, holdWindowMinutes: 15 },
  stock: { enabled: true, defaultBuffer: { kind: 'percent', value: 10 } },
  maps: { shipping: { standard: { charge: 'P&P' } }, locations: { 'gid://shopify/Location/1': 'MAIN' } },
};

const unmapped = (sku: string) =>
  problem('unmapped_sku', `SKU ${sku} is not mapped to a Prima item.`, 'Map the SKU, then retry.', { sku });

export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, { timeout: 30_000 }, () => {
    let fixture: StoreFixture;
    let store: Store;
    const A = 'tenant-a';
    const B = 'tenant-b';

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
      await store.tenants.put(sampleTenant(A));
      await store.tenants.put(sampleTenant(B, { platform: 'woocommerce', shop: 'https://b.example.test' }));
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('tenants', () => {
      it('round-trips, lists and updates a tenant', async () => {
        expect(await store.tenants.get('nobody')).toBeNull();
        expect(await store.tenants.get(A)).toEqual(sampleTenant(A));
        const ids = (await store.tenants.list()).map((t) => t.id).sort();
        expect(ids).toEqual([A, B]);
        await store.tenants.put(sampleTenant(A, { uninstalledAt: at(60) }));
        expect((await store.tenants.get(A))?.uninstalledAt).toBe(at(60));
      });

      it('delete removes the tenant and everything it owns, and nothing of other tenants', async () => {
        for (const t of [A, B]) {
          await store.settings.put(t, parseSettings(settingsInput));
          await store.mappings.upsertMany(t, [mapping('SKU-1')]);
          await store.links.createIfAbsent(sampleLink(t, '1001'));
          expect(await store.events.recordIfNew(sampleEvent(t, 'evt-1'))).toBe(true);
          await store.exceptions.raise({
            tenantId: t,
            code: 'unmapped_sku',
            subject: 'sku:SKU-1',
            problem: unmapped('SKU-1'),
            lastSeenAt: at(1),
          });
          await store.snapshots.putMany(t, [snapshot('v1', 'l1', 5)]);
          await store.snapshots.setLastFullReplyRows(t, 10, at(2));
          await store.audit.append(audit(t, 1));
        }
        await store.tenants.delete(A);

        expect(await store.tenants.get(A)).toBeNull();
        expect(await store.settings.get(A)).toBeNull();
        expect(await store.mappings.list(A)).toEqual([]);
        expect(await store.links.get(A, '1001')).toBeNull();
        expect(await store.links.getByPrimaNumber(A, 'W1001')).toBeNull();
        expect(await store.events.countSince(A, at(-1))).toBe(0);
        expect(await store.exceptions.list(A, {})).toEqual([]);
        expect(await store.snapshots.all(A)).toEqual([]);
        expect(await store.snapshots.getLastFullReplyRows(A)).toBeNull();
        expect(await store.snapshots.lastSyncAt(A)).toBeNull();
        expect(await store.audit.list(A, {})).toEqual([]);

        expect(await store.tenants.get(B)).not.toBeNull();
        expect(await store.settings.get(B)).not.toBeNull();
        expect(await store.mappings.list(B)).toHaveLength(1);
        expect(await store.links.get(B, '1001')).not.toBeNull();
        expect(await store.events.countSince(B, at(-1))).toBe(1);
        expect(await store.exceptions.list(B, {})).toHaveLength(1);
        expect(await store.snapshots.all(B)).toHaveLength(1);
        expect(await store.snapshots.getLastFullReplyRows(B)).toBe(10);
        expect(await store.audit.list(B, {})).toHaveLength(1);
      });

      it('a deleted tenant can be installed again from scratch', async () => {
        await store.links.createIfAbsent(sampleLink(A, '1001'));
        await store.tenants.delete(A);
        await store.tenants.put(sampleTenant(A));
        const again = await store.links.createIfAbsent(sampleLink(A, '1001'));
        expect(again.created).toBe(true);
      });
    });

    describe('settings', () => {
      it('is null until put, then round-trips the parsed settings exactly', async () => {
        expect(await store.settings.get(A)).toBeNull();
        const settings = parseSettings(settingsInput);
        await store.settings.put(A, settings);
        expect(await store.settings.get(A)).toEqual(settings);
        expect(await store.settings.get(B)).toBeNull();
      });

      it('put replaces the previous settings', async () => {
        await store.settings.put(A, parseSettings(settingsInput));
        const next = parseSettings({
          ...settingsInput,
          orders: { postingEnabled: false, trigger: 'authorized' },
        });
        await store.settings.put(A, next);
        const got = await store.settings.get(A);
        expect(got?.orders.trigger).toBe('authorized');
        expect(got?.orders.postingEnabled).toBe(false);
        expect(got).toEqual(next);
      });
    });

    describe('mappings', () => {
      it('upserts by SKU, gets, lists and deletes', async () => {
        const bundle = mapping('BUNDLE-1', {
          kind: 'bundle',
          item: undefined,
          components: [
            { item: { product: 'SOCK', matrix: ['', '', '', ''] }, quantity: 2 },
            { item: { product: 'SHOE', matrix: ['G', '080', '', ''] }, quantity: 1, weight: 3 },
          ],
          source: 'import',
        });
        const { item: _none, ...bundleWithoutItem } = bundle;
        await store.mappings.upsertMany(A, [mapping('SKU-1'), bundleWithoutItem]);
        expect(await store.mappings.get(A, 'SKU-1')).toEqual(mapping('SKU-1'));
        expect(await store.mappings.get(A, 'BUNDLE-1')).toEqual(bundleWithoutItem);
        expect(await store.mappings.get(A, 'SKU-404')).toBeNull();

        const changed = mapping('SKU-1', {
          item: { product: 'ETOS', matrix: ['H', '080', '', ''] },
          updatedAt: at(9),
        });
        await store.mappings.upsertMany(A, [changed, mapping('SKU-2')]);
        expect(await store.mappings.get(A, 'SKU-1')).toEqual(changed);
        expect((await store.mappings.list(A)).map((m) => m.sku).sort()).toEqual([
          'BUNDLE-1',
          'SKU-1',
          'SKU-2',
        ]);

        await store.mappings.delete(A, 'SKU-2');
        expect(await store.mappings.get(A, 'SKU-2')).toBeNull();
        expect(await store.mappings.list(A)).toHaveLength(2);
      });

      it('upsertMany with nothing is a no-op', async () => {
        await store.mappings.upsertMany(A, []);
        expect(await store.mappings.list(A)).toEqual([]);
      });
    });

    describe('order links', () => {
      it('createIfAbsent creates once, then returns the stored link unchanged', async () => {
        const first = await store.links.createIfAbsent(sampleLink(A, '1001'));
        expect(first.created).toBe(true);
        expect(first.link).toMatchObject(sampleLink(A, '1001'));
        expect(typeof first.link.version).toBe('number');

        const second = await store.links.createIfAbsent(sampleLink(A, '1001', { totalMinor: 1 }));
        expect(second.created).toBe(false);
        expect(second.link).toEqual(first.link);
      });

      it('createIfAbsent under 20 concurrent calls creates exactly one link', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.links.createIfAbsent(sampleLink(A, '2002', { totalMinor: 100 + i })),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const winner = results.find((r) => r.created)?.link;
        for (const r of results) expect(r.link.totalMinor).toBe(winner?.totalMinor);
        expect(await store.links.listByState(A, 'received', 100)).toHaveLength(1);
      });

      it('round-trips every field, optional ones included, by either key', async () => {
        const full = sampleLink(A, '1001', {
          state: 'posted',
          customerCode: 'CUST01',
          primaState: 'part_despatched',
          primaRawStatus: 'Part Despatched',
          attempts: 2,
          lastProblem: unmapped('SKU-1'),
          appliedDispatches: ['D1', 'D2'],
          contentHash: 'abc123',
          postedAt: at(6),
          nextPollAt: at(30),
          primaChangedAt: at(20),
          heldLines: [
            { sku: 'ETOS-G-080', quantity: 2 },
            { sku: 'SOCK-NONE-L', quantity: 1 },
          ],
          updatedAt: at(6),
        });
        const { link } = await store.links.createIfAbsent(full);
        expect(link).toEqual({ ...full, version: link.version });
        expect(await store.links.get(A, '1001')).toEqual(link);
        expect(await store.links.getByPrimaNumber(A, 'W1001')).toEqual(link);
        expect(await store.links.get(A, '404')).toBeNull();
        expect(await store.links.getByPrimaNumber(A, 'W404')).toBeNull();
      });

      it('keeps held lines through an update, and clears them when the link no longer has them', async () => {
        const { link } = await store.links.createIfAbsent(
          sampleLink(A, '1001', { heldLines: [{ sku: 'A-1', quantity: 3 }] }),
        );
        const edited = await store.links.update({ ...link, heldLines: [{ sku: 'A-1', quantity: 1 }] });
        expect(edited?.heldLines).toEqual([{ sku: 'A-1', quantity: 1 }]);
        const { heldLines: _dropped, ...withoutLines } = edited ?? link;
        const cleared = await store.links.update(withoutLines);
        expect(cleared?.heldLines).toBeUndefined();
        expect((await store.links.get(A, '1001'))?.heldLines).toBeUndefined();
      });

      it('update is compare-and-swap on version', async () => {
        const { link } = await store.links.createIfAbsent(sampleLink(A, '1001'));
        const posted = await store.links.update({
          ...link,
          state: 'posted',
          customerCode: 'C1',
          postedAt: at(6),
          updatedAt: at(6),
        });
        expect(posted).not.toBeNull();
        expect(posted?.version).toBe(link.version + 1);
        expect(posted?.state).toBe('posted');
        expect(posted?.customerCode).toBe('C1');

        // A writer still holding the old version loses, and changes nothing.
        expect(await store.links.update({ ...link, state: 'exception' })).toBeNull();
        expect((await store.links.get(A, '1001'))?.state).toBe('posted');

        const again = await store.links.update({ ...(posted as OrderLink), attempts: 3 });
        expect(again?.version).toBe(link.version + 2);
      });

      it('update can clear optional fields', async () => {
        const { link } = await store.links.createIfAbsent(
          sampleLink(A, '1001', { lastProblem: unmapped('X'), nextPollAt: at(10) }),
        );
        const { lastProblem: _p, nextPollAt: _n, ...cleared } = link;
        const updated = await store.links.update(cleared);
        expect(updated?.lastProblem).toBeUndefined();
        expect(updated?.nextPollAt).toBeUndefined();
        expect((await store.links.get(A, '1001'))?.lastProblem).toBeUndefined();
      });

      it('only one of several concurrent updates from the same version wins', async () => {
        const { link } = await store.links.createIfAbsent(sampleLink(A, '1001'));
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.links.update({ ...link, attempts: i + 1 })),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await store.links.get(A, '1001'))?.attempts).toBe(winners[0]?.attempts);
      });

      it('update of a link that does not exist returns null', async () => {
        expect(await store.links.update({ ...sampleLink(A, '999'), version: 1 })).toBeNull();
        expect(await store.links.get(A, '999')).toBeNull();
      });

      it('listByState filters by state, oldest first, up to the limit', async () => {
        await store.links.createIfAbsent(sampleLink(A, '3', { receivedAt: at(3) }));
        await store.links.createIfAbsent(sampleLink(A, '1', { receivedAt: at(1) }));
        await store.links.createIfAbsent(sampleLink(A, '2', { receivedAt: at(2) }));
        await store.links.createIfAbsent(sampleLink(A, '4', { state: 'exception' }));
        const received = await store.links.listByState(A, 'received', 2);
        expect(received.map((l) => l.storefrontOrderId)).toEqual(['1', '2']);
        expect((await store.links.listByState(A, 'exception', 10)).map((l) => l.storefrontOrderId)).toEqual([
          '4',
        ]);
        expect(await store.links.listByState(A, 'posted', 10)).toEqual([]);
      });

      it('listDueForPoll returns due posted links, excluding terminal Prima states and not-yet-due ones', async () => {
        const now = at(100);
        const posted = { state: 'posted' as const, postedAt: at(1) };
        await store.links.createIfAbsent(
          sampleLink(A, 'due-late', { ...posted, nextPollAt: at(90), primaState: 'allocated' }),
        );
        await store.links.createIfAbsent(sampleLink(A, 'due-early', { ...posted, nextPollAt: at(50) }));
        await store.links.createIfAbsent(
          sampleLink(A, 'due-now', { ...posted, nextPollAt: now, primaState: 'part_despatched' }),
        );
        await store.links.createIfAbsent(sampleLink(A, 'future', { ...posted, nextPollAt: at(101) }));
        await store.links.createIfAbsent(
          sampleLink(A, 'despatched', { ...posted, nextPollAt: at(10), primaState: 'despatched' }),
        );
        await store.links.createIfAbsent(
          sampleLink(A, 'cancelled', { ...posted, nextPollAt: at(10), primaState: 'cancelled' }),
        );
        await store.links.createIfAbsent(
          sampleLink(A, 'not-posted', { state: 'exception', nextPollAt: at(10) }),
        );

        const due = await store.links.listDueForPoll(A, now, 10);
        expect(due.map((l) => l.storefrontOrderId)).toEqual(['due-early', 'due-late', 'due-now']);
        const limited = await store.links.listDueForPoll(A, now, 1);
        expect(limited.map((l) => l.storefrontOrderId)).toEqual(['due-early']);
      });

      it('listReceivedBetween is half-open [from, to)', async () => {
        for (const m of [0, 10, 20, 30])
          await store.links.createIfAbsent(sampleLink(A, `r${m}`, { receivedAt: at(m) }));
        const got = await store.links.listReceivedBetween(A, at(10), at(30));
        expect(got.map((l) => l.storefrontOrderId).sort()).toEqual(['r10', 'r20']);
      });

      it("deleteTenant removes that tenant's links only", async () => {
        await store.links.createIfAbsent(sampleLink(A, '1001'));
        await store.links.createIfAbsent(sampleLink(B, '1001'));
        await store.links.deleteTenant(A);
        expect(await store.links.get(A, '1001')).toBeNull();
        expect(await store.links.get(B, '1001')).not.toBeNull();
      });
    });

    describe('inbound events', () => {
      it('recordIfNew is true once per key', async () => {
        expect(await store.events.recordIfNew(sampleEvent(A, 'evt-1'))).toBe(true);
        expect(await store.events.recordIfNew(sampleEvent(A, 'evt-1', { topic: 'orders/updated' }))).toBe(
          false,
        );
        expect(await store.events.recordIfNew(sampleEvent(A, 'evt-2'))).toBe(true);
      });

      it('recordIfNew is atomic: 20 concurrent calls, exactly one true', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.events.recordIfNew(sampleEvent(A, 'evt-race'))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.events.countSince(A, at(-1))).toBe(1);
      });

      it("countSince counts this tenant's events at or after the instant", async () => {
        await store.events.recordIfNew(sampleEvent(A, 'e0', { receivedAt: at(0) }));
        await store.events.recordIfNew(
          sampleEvent(A, 'e5', { receivedAt: at(5), storefrontOrderId: undefined }),
        );
        await store.events.recordIfNew(sampleEvent(A, 'e9', { receivedAt: at(9) }));
        expect(await store.events.countSince(A, at(5))).toBe(2);
        expect(await store.events.countSince(A, at(10))).toBe(0);
      });
    });

    describe('exceptions', () => {
      const raiseUnmapped = (tenantId: string, sku: string, minute: number) =>
        store.exceptions.raise({
          tenantId,
          code: 'unmapped_sku',
          subject: `sku:${sku}`,
          problem: unmapped(sku),
          lastSeenAt: at(minute),
          correlationId: `c${minute}`,
        });

      it('raise opens a record, and raising it again counts attempts and keeps firstSeenAt', async () => {
        const first = await raiseUnmapped(A, 'SKU-1', 1);
        expect(first).toMatchObject({
          tenantId: A,
          code: 'unmapped_sku',
          subject: 'sku:SKU-1',
          status: 'open',
          attempts: 1,
          firstSeenAt: at(1),
          lastSeenAt: at(1),
        });
        expect(first.problem).toEqual(unmapped('SKU-1'));
        expect(typeof first.id).toBe('string');

        const second = await raiseUnmapped(A, 'SKU-1', 7);
        expect(second.id).toBe(first.id);
        expect(second.attempts).toBe(2);
        expect(second.firstSeenAt).toBe(at(1));
        expect(second.lastSeenAt).toBe(at(7));
        expect(await store.exceptions.get(A, first.id)).toEqual(second);
      });

      it('a different code or subject is a different record', async () => {
        const a = await raiseUnmapped(A, 'SKU-1', 1);
        const b = await raiseUnmapped(A, 'SKU-2', 1);
        const c = await store.exceptions.raise({
          tenantId: A,
          code: 'invalid_mapping',
          subject: 'sku:SKU-1',
          problem: problem('invalid_mapping', 'Mapping for SKU-1 is not valid.', 'Fix the mapping.'),
          lastSeenAt: at(2),
        });
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect(await store.exceptions.countOpenByCode(A)).toEqual({ unmapped_sku: 2, invalid_mapping: 1 });
      });

      it('concurrent raises of the same problem end as one open record counting every attempt', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => raiseUnmapped(A, 'SKU-9', i)));
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        const open = await store.exceptions.list(A, { status: 'open' });
        expect(open).toHaveLength(1);
        expect(open[0]?.attempts).toBe(10);
      });

      it('resolve closes a record with who, when and why; raising again opens a new one', async () => {
        const opened = await raiseUnmapped(A, 'SKU-1', 1);
        const resolved = await store.exceptions.resolve(A, opened.id, 'sam@shop', 'Mapped to ETOS', at(20));
        expect(resolved).toMatchObject({
          id: opened.id,
          status: 'resolved',
          resolvedBy: 'sam@shop',
          resolutionNote: 'Mapped to ETOS',
          resolvedAt: at(20),
        });
        expect(await store.exceptions.resolve(A, 'no-such-id', 'sam', 'x', at(21))).toBeNull();

        const reopened = await raiseUnmapped(A, 'SKU-1', 30);
        expect(reopened.id).not.toBe(opened.id);
        expect(reopened.attempts).toBe(1);
        expect(reopened.firstSeenAt).toBe(at(30));
        expect((await store.exceptions.get(A, opened.id))?.status).toBe('resolved');
      });

      it('resolveSubject resolves every open record on the subject and counts them', async () => {
        const subject = 'order:1001';
        await store.exceptions.raise({
          tenantId: A,
          code: 'money_mismatch',
          subject,
          problem: problem('money_mismatch', 'Total off by 3p.', 'Check tax.'),
          lastSeenAt: at(1),
        });
        await store.exceptions.raise({
          tenantId: A,
          code: 'prima_unreachable',
          subject,
          problem: problem('prima_unreachable', 'Prima is down.', 'Wait.'),
          lastSeenAt: at(2),
        });
        const other = await raiseUnmapped(A, 'SKU-1', 3);

        expect(await store.exceptions.resolveSubject(A, subject, 'engine', 'Order posted', at(10))).toBe(2);
        expect(await store.exceptions.resolveSubject(A, subject, 'engine', 'Order posted', at(11))).toBe(0);
        const list = await store.exceptions.list(A, { subject });
        expect(list.map((e) => e.status)).toEqual(['resolved', 'resolved']);
        expect(list.every((e) => e.resolvedAt === at(10) && e.resolutionNote === 'Order posted')).toBe(true);
        expect((await store.exceptions.get(A, other.id))?.status).toBe('open');
        expect(await store.exceptions.countOpenByCode(A)).toEqual({ unmapped_sku: 1 });
      });

      it('list filters by status, code and subject, and honours limit', async () => {
        const one = await raiseUnmapped(A, 'SKU-1', 1);
        await raiseUnmapped(A, 'SKU-2', 2);
        await raiseUnmapped(A, 'SKU-3', 3);
        await store.exceptions.raise({
          tenantId: A,
          code: 'money_mismatch',
          subject: 'order:7',
          problem: problem('money_mismatch', 'Off by 1p.', 'Check.'),
          lastSeenAt: at(4),
        });
        await store.exceptions.resolve(A, one.id, 'sam', 'done', at(5));

        expect(await store.exceptions.list(A, {})).toHaveLength(4);
        expect(await store.exceptions.list(A, { status: 'open' })).toHaveLength(3);
        expect((await store.exceptions.list(A, { status: 'resolved' })).map((e) => e.id)).toEqual([one.id]);
        const byCode: ProblemCode = 'money_mismatch';
        expect((await store.exceptions.list(A, { code: byCode })).map((e) => e.subject)).toEqual(['order:7']);
        expect((await store.exceptions.list(A, { subject: 'sku:SKU-2' })).map((e) => e.subject)).toEqual([
          'sku:SKU-2',
        ]);
        expect(
          await store.exceptions.list(A, { status: 'open', code: 'unmapped_sku', limit: 1 }),
        ).toHaveLength(1);
      });
    });

    describe('stock snapshots', () => {
      it('putMany upserts on (variant, location) and all() returns the latest figures', async () => {
        expect(await store.snapshots.all(A)).toEqual([]);
        await store.snapshots.putMany(A, [
          snapshot('v1', 'l1', 5),
          snapshot('v1', 'l2', 7),
          snapshot('v2', 'l1', 0),
        ]);
        await store.snapshots.putMany(A, [snapshot('v1', 'l1', 3, at(9))]);
        const rows = (await store.snapshots.all(A)).sort((x, y) =>
          `${x.variantId}${x.locationId}`.localeCompare(`${y.variantId}${y.locationId}`),
        );
        expect(rows).toEqual([
          snapshot('v1', 'l1', 3, at(9)),
          snapshot('v1', 'l2', 7),
          snapshot('v2', 'l1', 0),
        ]);
        await store.snapshots.putMany(A, []);
        expect(await store.snapshots.all(A)).toHaveLength(3);
      });

      it('remembers the last full reply size and when it was taken', async () => {
        expect(await store.snapshots.getLastFullReplyRows(A)).toBeNull();
        expect(await store.snapshots.lastSyncAt(A)).toBeNull();
        await store.snapshots.setLastFullReplyRows(A, 1200, at(15));
        await store.snapshots.setLastFullReplyRows(A, 1180, at(30));
        expect(await store.snapshots.getLastFullReplyRows(A)).toBe(1180);
        expect(await store.snapshots.lastSyncAt(A)).toBe(at(30));
        expect(await store.snapshots.getLastFullReplyRows(B)).toBeNull();
      });
    });

    describe('audit', () => {
      it('appends and lists newest first, filtered by subject and action, up to the limit', async () => {
        await store.audit.append(audit(A, 1));
        await store.audit.append(
          audit(A, 3, {
            action: 'order.money_adjusted',
            detail: { diffMinor: 1, note: 'rounded', ok: true, none: null },
            correlationId: 'c-3',
          }),
        );
        await store.audit.append(audit(A, 2, { subject: 'order:1002' }));

        const all = await store.audit.list(A, {});
        expect(all.map((e) => e.at)).toEqual([at(3), at(2), at(1)]);
        expect(all[0]).toEqual(
          audit(A, 3, {
            action: 'order.money_adjusted',
            detail: { diffMinor: 1, note: 'rounded', ok: true, none: null },
            correlationId: 'c-3',
          }),
        );
        expect((await store.audit.list(A, { subject: 'order:1001' })).map((e) => e.at)).toEqual([
          at(3),
          at(1),
        ]);
        expect((await store.audit.list(A, { action: 'order.posted' })).map((e) => e.at)).toEqual([
          at(2),
          at(1),
        ]);
        expect((await store.audit.list(A, { limit: 1 })).map((e) => e.at)).toEqual([at(3)]);
      });
    });

    describe('tenant isolation', () => {
      it('nothing of tenant A is visible or changeable through tenant B', async () => {
        await store.settings.put(A, parseSettings(settingsInput));
        await store.mappings.upsertMany(A, [mapping('SKU-1')]);
        const { link } = await store.links.createIfAbsent(
          sampleLink(A, '1001', { state: 'posted', nextPollAt: at(1) }),
        );
        await store.events.recordIfNew(sampleEvent(A, 'evt-1'));
        const exc = await raiseFor(A);
        await store.snapshots.putMany(A, [snapshot('v1', 'l1', 5)]);
        await store.snapshots.setLastFullReplyRows(A, 10, at(2));
        await store.audit.append(audit(A, 1));

        expect(await store.settings.get(B)).toBeNull();
        expect(await store.mappings.get(B, 'SKU-1')).toBeNull();
        expect(await store.mappings.list(B)).toEqual([]);
        expect(await store.links.get(B, '1001')).toBeNull();
        expect(await store.links.getByPrimaNumber(B, 'W1001')).toBeNull();
        expect(await store.links.listByState(B, 'posted', 10)).toEqual([]);
        expect(await store.links.listDueForPoll(B, at(100), 10)).toEqual([]);
        expect(await store.links.listReceivedBetween(B, at(-10), at(100))).toEqual([]);
        expect(await store.links.update({ ...link, tenantId: B })).toBeNull();
        expect(await store.events.countSince(B, at(-10))).toBe(0);
        expect(await store.exceptions.get(B, exc.id)).toBeNull();
        expect(await store.exceptions.list(B, {})).toEqual([]);
        expect(await store.exceptions.resolve(B, exc.id, 'mallory', 'x', at(5))).toBeNull();
        expect(await store.exceptions.resolveSubject(B, exc.subject, 'mallory', 'x', at(5))).toBe(0);
        expect(await store.exceptions.countOpenByCode(B)).toEqual({});
        expect(await store.snapshots.all(B)).toEqual([]);
        expect(await store.snapshots.lastSyncAt(B)).toBeNull();
        expect(await store.audit.list(B, {})).toEqual([]);
        await store.mappings.delete(B, 'SKU-1');

        // A's data is untouched by everything B tried.
        expect(await store.mappings.get(A, 'SKU-1')).not.toBeNull();
        expect((await store.links.get(A, '1001'))?.version).toBe(link.version);
        expect((await store.exceptions.get(A, exc.id))?.status).toBe('open');
      });

      it('the same keys in two tenants are independent records', async () => {
        expect((await store.links.createIfAbsent(sampleLink(A, '1001'))).created).toBe(true);
        expect(
          (await store.links.createIfAbsent(sampleLink(B, '1001', { platform: 'woocommerce' }))).created,
        ).toBe(true);
        expect(await store.events.recordIfNew(sampleEvent(A, 'evt-1'))).toBe(true);
        expect(await store.events.recordIfNew(sampleEvent(B, 'evt-1'))).toBe(true);
        const a = await raiseFor(A);
        const b = await raiseFor(B);
        expect(a.id).not.toBe(b.id);
        expect(b.attempts).toBe(1);
      });

      function raiseFor(tenantId: string) {
        return store.exceptions.raise({
          tenantId,
          code: 'unmapped_sku',
          subject: 'sku:SKU-1',
          problem: unmapped('SKU-1'),
          lastSeenAt: at(1),
        });
      }
    });
  });
}
