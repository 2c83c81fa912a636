/** Realistic replies of the connector's admin API, shared by the unit tests and the preview page. */
import type { DashboardReply, ExceptionView, MappingRow, OrderView, ReconciliationReply } from './types';

export const dashboardFixture: DashboardReply = {
  metrics: {
    ordersReceived: 128,
    ordersPosted: 121,
    acceptanceRate: 0.968,
    postingLatencyMs: { p50: 850, p95: 2400 },
    stockFreshnessSeconds: 240,
    lastStockSyncAt: new Date(Date.now() - 240_000).toISOString(),
    openExceptionsByCode: { unmapped_sku: 2, money_mismatch: 1 },
    duplicateEventsSuppressed: 9,
    manualInterventionRate: 0.023,
    queue: { pending: 3, active: 1, dead: 0 },
    daily: [
      { day: '2026-11-20', posted: 41, failed: 1 },
      { day: '2026-11-21', posted: 52, failed: 2 },
      { day: '2026-11-22', posted: 28, failed: 0 },
    ],
  },
  lastWebhookAt: new Date(Date.now() - 60_000).toISOString(),
  lastPollAt: new Date(Date.now() - 300_000).toISOString(),
};

export const mappingFixture: MappingRow[] = [
  {
    variantId: '12',
    productId: '10',
    sku: 'ETOS-H-090',
    title: 'Etos - H, 9',
    options: { Width: 'H', Size: '9' },
    mapping: null,
    patternItem: null,
    status: 'unmapped',
  },
  {
    variantId: '11',
    productId: '10',
    sku: 'ETOS-G-085',
    title: 'Etos - G, 8.5',
    options: { Width: 'G', Size: '8.5' },
    mapping: null,
    patternItem: { product: 'ETOS', matrix: ['G', '085', '', ''] },
    status: 'pattern',
  },
  {
    variantId: '13',
    productId: '10',
    sku: 'ETOS-G-080',
    title: 'Etos - G, 8',
    options: { Width: 'G', Size: '8' },
    mapping: { sku: 'ETOS-G-080', kind: 'stock', item: { product: 'ETOS', matrix: ['G', '080', '', ''] } },
    patternItem: null,
    status: 'mapped',
  },
];

export const exceptionFixture: ExceptionView[] = [
  {
    id: 'exc-1',
    code: 'unmapped_sku',
    subject: 'order:4521',
    problem: {
      code: 'unmapped_sku',
      message: 'Order 4521: SKU ETOS-H-090 is not mapped to a Prima product.',
      action: 'Map the SKU in Mappings, then retry.',
      retryable: false,
    },
    status: 'open',
    attempts: 1,
    firstSeenAt: '2026-11-22T06:00:00.000Z',
    lastSeenAt: '2026-11-22T06:00:00.000Z',
  },
  {
    id: 'exc-2',
    code: 'prima_unreachable',
    subject: 'order:4522',
    problem: {
      code: 'prima_unreachable',
      message: 'Prima did not answer when order 4522 was sent.',
      action: 'Nothing to do: it is retried automatically.',
      retryable: true,
    },
    status: 'open',
    attempts: 3,
    firstSeenAt: '2026-11-22T05:00:00.000Z',
    lastSeenAt: '2026-11-22T06:10:00.000Z',
  },
];

export const orderFixture: OrderView = {
  storefrontOrderId: '4521',
  storefrontOrderNumber: '4521',
  state: 'posted',
  primaOrderNumber: 'W4521',
  primaState: 'despatched',
  primaRawStatus: 'Despatched',
  dispatches: [
    {
      dispatchId: 'D-1',
      carrier: 'Royal Mail',
      trackingNumber: 'RM123456789GB',
      trackingUrl: 'https://track.example/RM123456789GB',
      at: '2026-11-22T08:00:00.000Z',
    },
  ],
  canRetry: false,
};

/** Two kept days: yesterday does not reconcile (one order missing in Prima), the day before does. */
export const reconciliationFixture: ReconciliationReply = {
  reports: [
    {
      day: '2026-11-21',
      currency: 'GBP',
      storeOrders: 52,
      storeTotalMinor: 412_350,
      inPrima: 51,
      primaTotalMinor: 404_350,
      reconciled: false,
      findings: [
        {
          kind: 'missing_in_prima',
          storefrontOrderId: '4530',
          storefrontOrderNumber: '4530',
          storeMinor: 8000,
          message:
            'Order 4530 was paid in the store but never reached Prima Connect (its notification was lost).',
          code: 'reconciliation_gap',
        },
      ],
    },
    {
      day: '2026-11-20',
      currency: 'GBP',
      storeOrders: 41,
      storeTotalMinor: 123_450,
      inPrima: 41,
      primaTotalMinor: 123_450,
      reconciled: true,
      findings: [],
    },
  ],
  csv:
    'Day,Finding,Store order,Prima order,Store amount,Prima amount,Currency,Details\n' +
    '2026-11-21,missing_in_prima,4530,,80.00,,GBP,Order 4530 was paid in the store but never reached Prima Connect (its notification was lost).\n' +
    '2026-11-20,reconciled,,,1234.50,1234.50,GBP,"41 store orders, 41 in Prima"\n',
};
