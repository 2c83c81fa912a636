import { fail, ok, problem, type Result } from '../monitor/problems.js';
import type { Maps } from '../settings.js';

/**
 * Lookups in the merchant's maps (settings.maps). Keys are matched exactly first, then trimmed and
 * case-insensitively, because storefront codes drift in case ("PayPal" vs "paypal") between API versions.
 */
function lookup<V>(map: Readonly<Record<string, V>>, key: string): V | undefined {
  if (Object.hasOwn(map, key)) return map[key];
  const want = key.trim().toLowerCase();
  for (const k of Object.keys(map)) if (k.trim().toLowerCase() === want) return map[k];
  return undefined;
}

export type ShippingMapping = Maps['shipping'][string];
export type PaymentMapping = Maps['payment'][string];
export type FeeMapping = Maps['fees'][string];

export function mapShippingMethod(code: string, map: Maps['shipping']): Result<ShippingMapping> {
  const hit = lookup(map, code);
  return hit
    ? ok(hit)
    : fail(
        problem(
          'unknown_shipping_method',
          `The shipping method "${code}" has no Prima charge code.`,
          'Add it under Shipping in Mappings (Prima charge code, and carrier and service if used), then retry.',
          { shippingMethod: code },
        ),
      );
}

export function mapPaymentGateway(gateway: string, map: Maps['payment']): Result<PaymentMapping> {
  const hit = lookup(map, gateway);
  return hit
    ? ok(hit)
    : fail(
        problem(
          'unknown_payment_method',
          `The payment method "${gateway}" has no Prima pay method.`,
          'Add it under Payments in Mappings (Prima PayMethod, and SubPayMethod and provider if used), then retry.',
          { gateway },
        ),
      );
}

/** Fees and gift cards: a Prima non-stock product (sent as a line) or a Prima charge code. */
export function mapFee(code: string, map: Maps['fees']): Result<FeeMapping> {
  const hit = lookup(map, code);
  return hit
    ? ok(hit)
    : fail(
        problem(
          'invalid_mapping',
          `The fee or non-stock item "${code}" has no Prima product or charge code.`,
          'Add it under Fees in Mappings (as a Prima non-stock product or a charge code), then retry.',
          { fee: code },
        ),
      );
}

/**
 * Storefront location -> Prima warehouse. No location (the storefront did not say): the default warehouse,
 * which may be '' (Prima then picks its own, as the public plugin always did). A location the storefront
 * names but nobody mapped is refused: guessing a warehouse would ship from the wrong place.
 */
export function warehouseForLocation(
  locationId: string | undefined,
  locations: Maps['locations'],
  defaultWarehouse: string,
): Result<string> {
  if (locationId === undefined || locationId.trim() === '') return ok(defaultWarehouse);
  const hit = lookup(locations, locationId);
  return hit
    ? ok(hit)
    : fail(
        problem(
          'invalid_warehouse',
          `The store location "${locationId}" is not linked to a Prima warehouse.`,
          'Link the location to a Prima warehouse under Locations in Mappings, then retry.',
          { locationId },
        ),
      );
}

/** Prima warehouse -> the storefront locations mapped to it (sorted, for deterministic output). */
export function locationsForWarehouse(warehouse: string, locations: Maps['locations']): string[] {
  const want = warehouse.trim().toUpperCase();
  return Object.entries(locations)
    .filter(([, wh]) => wh.trim().toUpperCase() === want)
    .map(([loc]) => loc)
    .sort();
}

/** What staff see when Prima has said nothing yet (empty text): never an empty status. */
export const UNKNOWN_STATUS = 'unknown';

/**
 * Prima status text -> storefront status word, case-insensitive and trimmed ("DESPATCHED" = "Despatched").
 * Unmapped text is kept as Prima wrote it (trimmed) so nothing is hidden; an empty text or an empty mapped
 * value never produces an empty status (the public plugin's empty status turned paid orders into "pending").
 */
export function storefrontStatusFor(
  primaStatus: string,
  statusMap: Maps['status'],
  fallback: string = UNKNOWN_STATUS,
): string {
  const text = primaStatus.trim();
  const safeFallback = fallback.trim() === '' ? UNKNOWN_STATUS : fallback.trim();
  if (text === '') return safeFallback;
  const mapped = lookup(statusMap, text)?.trim();
  return mapped !== undefined && mapped !== '' ? mapped : text;
}
