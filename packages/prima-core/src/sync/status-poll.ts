/**
 * Status back from Prima: poll only posted orders that are due (the link's nextPollAt, backing off while
 * nothing changes, never after despatched/cancelled), turn each new Prima dispatch into one storefront
 * fulfilment (once per dispatch id), and write the new status onto the storefront order.
 */
import type { Dispatch, PrimaOrderStatus } from '../model/index.js';
import { ProblemError, problem } from '../monitor/problems.js';
import type { OrderLink } from '../ports.js';
import type { Settings } from '../settings.js';
import {
  audit,
  type EngineContext,
  orderSubject,
  raiseException,
  resolveOpen,
  updateLink,
} from './context.js';
import { nextPollAt, pollStepsOf } from './poll-schedule.js';
import { writeBackOrEnqueue } from './post-order.js';

export async function pollStatuses(
  ctx: EngineContext,
  tenantId: string,
  limit = 100,
): Promise<{ polled: number; changed: number }> {
  const settings = await ctx.store.settings.get(tenantId);
  if (!settings) return { polled: 0, changed: 0 };
  const due = await ctx.store.links.listDueForPoll(tenantId, ctx.clock.now().toISOString(), limit);
  let polled = 0;
  let changed = 0;
  for (const link of due) {
    polled++;
    if (await pollOne(ctx, link, settings)) changed++;
  }
  return { polled, changed };
}

async function pollOne(ctx: EngineContext, link: OrderLink, settings: Settings): Promise<boolean> {
  const { tenantId, storefrontOrderId } = link;
  const subject = orderSubject(storefrontOrderId);
  const correlationId = `poll:${link.primaOrderNumber}`;
  const prima = await ctx.prima(tenantId, settings);
  const status = await prima.getOrderStatus(link.primaOrderNumber);
  const now = ctx.clock.now();
  if (!status) {
    await raiseException(
      ctx,
      tenantId,
      subject,
      problem(
        'reconciliation_gap',
        `Order ${link.storefrontOrderNumber} was posted as ${link.primaOrderNumber}, but Prima no longer finds it.`,
        'Check the order in Prima (was the database restored?). Re-post it from the order page if it is missing.',
        { primaOrderNumber: link.primaOrderNumber },
      ),
      correlationId,
    );
    await updateLink(ctx, tenantId, storefrontOrderId, (l) => ({
      ...l,
      nextPollAt: nextPollAt(
        l.primaState,
        new Date(l.primaChangedAt ?? l.postedAt ?? now),
        now,
        pollStepsOf(settings),
      ) as string,
    }));
    return false;
  }

  const fresh = status.dispatches.filter((d) => !link.appliedDispatches.includes(d.dispatchId));
  const applied = await applyDispatches(ctx, link, fresh, correlationId);
  // Prima's text is the truth (the state is derived from it); comparing it also ignores a held part_despatched.
  const stateChanged = status.rawStatus !== link.primaRawStatus;
  const changed = stateChanged || applied.length > 0;

  const stored = await updateLink(ctx, tenantId, storefrontOrderId, (l) => {
    const lastChange = changed ? now : new Date(l.primaChangedAt ?? l.postedAt ?? now.toISOString());
    // A dispatch the store refused keeps the order polled, so the fulfilment is tried again: until it is
    // shown, a despatched order is held at part_despatched (terminal states are never polled).
    const pending = fresh.length > applied.length;
    const next: OrderLink = {
      ...l,
      primaState: pending && status.state === 'despatched' ? 'part_despatched' : status.state,
      primaRawStatus: status.rawStatus,
      appliedDispatches: [...new Set([...l.appliedDispatches, ...applied])],
      primaChangedAt: lastChange.toISOString(),
    };
    const poll = nextPollAt(next.primaState, lastChange, now, pollStepsOf(settings));
    if (poll) next.nextPollAt = poll;
    else delete next.nextPollAt;
    return next;
  });
  if (changed && stored) {
    await audit(ctx, {
      tenantId,
      action: 'order.status_changed',
      subject,
      detail: {
        primaOrderNumber: link.primaOrderNumber,
        from: link.primaRawStatus ?? null,
        to: status.rawStatus,
        state: status.state,
      },
      correlationId,
    });
    const order = await (await ctx.storefront(tenantId)).getOrder(storefrontOrderId);
    if (order) await writeBackOrEnqueue(ctx, stored, order, settings, correlationId);
  }
  return changed;
}

/** Creates one storefront fulfilment per new dispatch; returns the dispatch ids the store accepted. */
async function applyDispatches(
  ctx: EngineContext,
  link: OrderLink,
  dispatches: Dispatch[],
  correlationId: string,
): Promise<string[]> {
  if (dispatches.length === 0) return [];
  const { tenantId, storefrontOrderId } = link;
  const subject = orderSubject(storefrontOrderId);
  const storefront = await ctx.storefront(tenantId);
  const order = await storefront.getOrder(storefrontOrderId);
  if (!order) return [];
  const applied: string[] = [];
  for (const dispatch of dispatches) {
    try {
      const { fulfilmentId } = await storefront.createFulfilment(order, dispatch);
      applied.push(dispatch.dispatchId);
      await audit(ctx, {
        tenantId,
        action: 'order.dispatched',
        subject,
        detail: {
          dispatchId: dispatch.dispatchId,
          fulfilmentId,
          carrier: dispatch.carrier,
          trackingNumber: dispatch.trackingNumber ?? null,
          trackingUrl: dispatch.trackingUrl ?? null,
          dispatchedAt: dispatch.dispatchedAt,
        },
        correlationId,
      });
    } catch (error) {
      const why = error instanceof ProblemError ? error.problem.message : String(error);
      await raiseException(
        ctx,
        tenantId,
        subject,
        problem(
          'fulfilment_failed',
          `Dispatch ${dispatch.dispatchId} of order ${link.storefrontOrderNumber} (${dispatch.carrier}${dispatch.trackingNumber ? `, tracking ${dispatch.trackingNumber}` : ''}) could not be shown in the store: ${why}`,
          'The connector tries again at the next status check. If it keeps failing (e.g. an unknown carrier), fulfil the order by hand in the store.',
          { dispatchId: dispatch.dispatchId, carrier: dispatch.carrier },
        ),
        correlationId,
      );
    }
  }
  if (applied.length === dispatches.length) {
    await resolveOpen(ctx, tenantId, subject, 'Dispatch shown in the store.', ['fulfilment_failed']);
  }
  return applied;
}

export type { PrimaOrderStatus };
