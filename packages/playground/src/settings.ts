/**
 * One tenant's playground settings: posting and stock on, hold window 0 (orders flow at once), the demo
 * catalogue mapped by the pattern rule "<PRODUCT>-<MTRX1>-<MTRX2>", every shipping and payment method the
 * traffic generator uses mapped, and the storefront's stock location mapped to the sandbox's MAIN.
 * Each storefront gets its own order-number prefix so three tenants share one sandbox without clashing.
 */
import { parseSettings, type Settings } from '@prima-connect/prima-core';

export const ORDER_PREFIX = { shopify: 'S', woocommerce: 'W', magento: 'M' } as const;

export const SHIPPING = {
  shopify: { paid: 'STANDARD', free: 'FREE' },
  woocommerce: { paid: 'flat_rate', free: 'free_shipping' },
  magento: { paid: 'flatrate_flatrate', free: 'freeshipping_freeshipping' },
} as const;

export const PAYMENT = { shopify: 'shopify_payments', woocommerce: 'stripe', magento: 'checkmo' } as const;

export function playgroundSettings(
  platform: keyof typeof ORDER_PREFIX,
  primaUrl: string,
  locationId: string,
): Settings {
  const ship = SHIPPING[platform];
  return parseSettings({
    prima: { url: primaUrl, timeoutMs: 5000, maxConcurrency: 4 },
    orders: {
      postingEnabled: true,
      // Adobe Commerce takes check / money order (paid later): its orders go to Prima when placed.
      trigger: platform === 'magento' ? 'created' : 'paid',
      holdWindowMinutes: 0,
      orderNumberPrefix: ORDER_PREFIX[platform],
      vatInclusive: true,
      defaultWarehouse: 'MAIN',
      // Short status polls so a dispatch reaches the storefront about a minute after the warehouse ships.
      statusPollMinutes: [1, 2, 5, 15],
    },
    stock: { enabled: true, intervalMinutes: 1 },
    maps: {
      pattern: { separator: '-', matrixLevels: [1, 2] },
      shipping: {
        [ship.paid]: { charge: 'CARR', carrier: 'DPD', service: 'NEXT' },
        [ship.free]: { charge: 'FREE', carrier: 'RM', service: '48' },
      },
      payment: { [PAYMENT[platform]]: { payMethod: 'CC' } },
      locations: { [locationId]: 'MAIN' },
    },
  });
}
