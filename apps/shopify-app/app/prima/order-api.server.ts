import type { OrderSyncView } from '@prima-connect/prima-core';
import { problemHandbookUrl } from './handbook.server.js';

/**
 * The order view plus, when it shows a problem, the absolute link to that problem's handbook entry.
 * Kept out of the route file: Remix strips only loader/action from client bundles, so a route's other
 * exports must not reach server-only modules.
 */
export function withHandbook(
  view: OrderSyncView,
  request: Request,
): OrderSyncView & { handbookUrl?: string } {
  const url = view.lastProblem ? problemHandbookUrl(view.lastProblem.code, request) : undefined;
  return url ? { ...view, handbookUrl: url } : view;
}
