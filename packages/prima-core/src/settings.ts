import { z } from 'zod';

/**
 * A tenant's connection settings: what the merchant chooses in the app's Settings page.
 * Validated with zod wherever it enters (admin APIs, stored rows, environment defaults).
 * Secrets (none exist for Prima "No Auth"; storefront tokens live with the tenant) are kept out of here.
 */

export const bufferRuleSchema = z.object({
  kind: z.enum(['fixed', 'percent']),
  /** Units held back (fixed) or percent of Prima's figure held back, rounded up (percent). */
  value: z.number().int().min(0).max(100_000),
});
export type BufferRule = z.infer<typeof bufferRuleSchema>;

export const primaConnectionSchema = z.object({
  /** The SOAP service address, or a WSDL URL (classic `.../<inst>/<inst>/wsdl?targetURI=urn:omlink` or `/soap/wsdl?...`). */
  url: z.string().url(),
  /** Set for multi-company sites: calls go through `comwsomhandler` with this company. */
  companyId: z.string().max(20).optional(),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Calls in flight to Prima at once, for this tenant. */
  maxConcurrency: z.number().int().min(1).max(64).default(4),
});

export const orderSettingsSchema = z.object({
  postingEnabled: z.boolean().default(false),
  /** When an order is sent to Prima: on capture (paid), on authorisation, or on creation. */
  trigger: z.enum(['paid', 'authorized', 'created']).default('paid'),
  /** Minutes to wait after the trigger before posting, so quick edits and cancellations land first. */
  holdWindowMinutes: z.number().int().min(0).max(1440).default(0),
  /** Prima order number = prefix + storefront order number (non-alphanumerics dropped). */
  orderNumberPrefix: z
    .string()
    .regex(/^[A-Za-z0-9]*$/)
    .max(10)
    .default('W'),
  orderNumberMaxLength: z.number().int().min(6).max(30).default(20),
  channel: z.string().max(30).default('WEB'),
  orderType: z.string().max(30).default(''),
  /** Must match Prima's price book VAT setting, or Prima rejects with E:548. */
  vatInclusive: z.boolean().default(true),
  /** How a difference of a few minor units between our sum and the storefront total is absorbed. */
  rounding: z
    .object({
      mode: z.enum(['adjust_line', 'charge']).default('adjust_line'),
      chargeCode: z.string().max(20).default('ROUND'),
      /** Largest difference absorbed; anything larger is quarantined as a money mismatch. */
      maxMinor: z.number().int().min(0).max(100).default(2),
    })
    .default({ mode: 'adjust_line', chargeCode: 'ROUND', maxMinor: 2 }),
  defaultWarehouse: z.string().max(20).default(''),
  /** Prima customer account to post every order to (B2C cash account), or '' to let Prima create/match. */
  customerCode: z.string().max(20).default(''),
  /** Send orders into Prima on hold when the storefront flags them (fraud review, unpaid). */
  holdFlaggedOrders: z.boolean().default(true),
  /** Prima states at or after which a storefront change is no longer passed on (the warehouse cut-off). */
  cutoffState: z.enum(['allocated', 'released']).default('released'),
  /**
   * Minutes between status polls of an open order, growing while nothing changes (the last step repeats).
   * Prima has no push: shorter steps show dispatches sooner at the cost of more OrderStatus calls.
   */
  statusPollMinutes: z.array(z.number().int().min(1).max(1440)).min(1).max(8).default([5, 15, 60, 240]),
});

export const stockSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Minutes between full syncs; targeted syncs run on demand. */
  intervalMinutes: z.number().int().min(1).max(1440).default(15),
  /**
   * Minutes a full sync reuses the storefront's variant list before reading it again (0: every sync).
   * New variants are still picked up at once by the sync that follows their first order.
   */
  catalogueRefreshMinutes: z.number().int().min(0).max(1440).default(60),
  defaultBuffer: bufferRuleSchema.default({ kind: 'fixed', value: 0 }),
  /** Overrides the buffer during a peak window (e.g. a sale weekend). */
  peakBuffer: z
    .object({ from: z.string().datetime(), to: z.string().datetime(), rule: bufferRuleSchema })
    .optional(),
  /** A reply with fewer than this share of the last full reply's rows is not trusted to zero missing SKUs. */
  shortReplyRatio: z.number().min(0).max(1).default(0.9),
  /** Product-code shards for the full catalogue pull, e.g. [["A","M"],["N","Z"]]; empty = one call. */
  shards: z.array(z.tuple([z.string(), z.string()])).default([]),
});

export const writeBackSettingsSchema = z.object({
  note: z.boolean().default(true),
  tag: z.boolean().default(true),
  metafield: z.boolean().default(true),
});

export const maps = z.object({
  /** Storefront shipping method code -> Prima charge code (and optional carrier/service). */
  shipping: z
    .record(
      z.string(),
      z.object({
        charge: z.string().min(1),
        carrier: z.string().default(''),
        service: z.string().default(''),
      }),
    )
    .default({}),
  /** Storefront payment gateway -> Prima PayMethod / SubPayMethod / PayProvider. */
  payment: z
    .record(
      z.string(),
      z.object({
        payMethod: z.string().min(1),
        subPayMethod: z.string().default(''),
        provider: z.string().default(''),
      }),
    )
    .default({}),
  /** Storefront location id -> Prima warehouse code (and back, for stock). */
  locations: z.record(z.string(), z.string().min(1)).default({}),
  /** Prima status text (case-insensitive) -> storefront status word, per platform conventions. */
  status: z.record(z.string(), z.string()).default({}),
  /** Storefront fee name -> Prima non-stock product code (gift wrap, gift cards) or charge code. */
  fees: z
    .record(z.string(), z.object({ kind: z.enum(['charge', 'product']), code: z.string().min(1) }))
    .default({}),
  /**
   * Whole-catalogue rule for SKUs not in the explicit table: SKU = product + separator + matrix codes,
   * e.g. "ETOS-G-080" with separator "-" and levels [1, 2] -> product ETOS, MtrxCode1 G, MtrxCode2 080.
   */
  pattern: z
    .object({
      separator: z.string().min(1).max(3),
      matrixLevels: z.array(z.number().int().min(1).max(4)).max(4),
    })
    .optional(),
});

/** Nominal (general ledger) codes a payout's summary journal is posted to, one per kind of money. */
export const payoutNominalsSchema = z.object({
  bank: z.string().min(1).max(20).default('1200'),
  grossSales: z.string().min(1).max(20).default('4000'),
  shipping: z.string().min(1).max(20).default('4100'),
  tax: z.string().min(1).max(20).default('2200'),
  fees: z.string().min(1).max(20).default('7900'),
  refunds: z.string().min(1).max(20).default('4010'),
  chargebacks: z.string().min(1).max(20).default('4020'),
  adjustments: z.string().min(1).max(20).default('9999'),
});

export const financeSettingsSchema = z.object({
  /**
   * Prima charge code for refund money that is not a refunded item or shipping (goodwill, amount-only
   * refunds). '' = spread such amounts over the order's lines instead, in proportion to what is left on them.
   */
  refundChargeCode: z.string().max(20).default(''),
  /** Payout journals: posted to Prima (assumed NewJournal request) or only offered as a CSV for import. */
  payoutJournal: z.enum(['post', 'csv']).default('csv'),
  nominals: payoutNominalsSchema.default(payoutNominalsSchema.parse({})),
  /** An order not in Prima this many hours after it was received counts as stuck in the daily reconciliation. */
  stuckAfterHours: z.number().int().min(1).max(720).default(4),
});

function isWebAddress(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

// The alert fields are typed by merchants in each app's Settings: their messages are shown as they are.
export const alertSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Who gets alert e-mails (finance, operations). */
  emailTo: z
    .array(z.email({ error: (iss) => `That is not an e-mail address: ${String(iss.input)}` }))
    .max(20, 'Alerts can go to at most 20 e-mail addresses.')
    .default([]),
  emailFrom: z
    .email({ error: (iss) => `The sender is not an e-mail address: ${String(iss.input)}` })
    .default('prima-connect@localhost.localdomain'),
  /** A JSON webhook (Slack incoming webhook, Teams, a ticketing system); '' = none. */
  webhookUrl: z
    .string()
    .max(2000, 'The webhook address is too long.')
    .refine((v) => v === '' || isWebAddress(v), {
      error: (iss) =>
        `The webhook address must be a full web address starting with https://: ${String(iss.input)}`,
    })
    .default(''),
  /** Alert when this many exceptions are open at once (0 = never on count alone). */
  openExceptionsThreshold: z
    .number({ error: 'The alert level must be a whole number (0 = never).' })
    .int('The alert level must be a whole number (0 = never).')
    .min(0, 'The alert level cannot be below 0 (0 = never).')
    .max(100_000, 'The alert level can be at most 100,000.')
    .default(10),
  /**
   * Where alerts link to the handbook: an absolute http(s) address (the business's own copy) is used as is;
   * otherwise the copy the app serves, when the host passes its address (createEngine's handbookUrl).
   */
  handbookUrl: z.string().max(500).default('docs/handbook/exceptions.md'),
});

/** The first-run wizard's steps, in order (onboarding/README in prima-core README "Onboarding"). */
export const ONBOARDING_STEPS = ['connect', 'catalogue', 'mappings', 'maps', 'preview', 'go-live'] as const;

/** Progress through the first-run wizard: which steps are done, when and by whom, so it can be resumed. */
export const onboardingProgressSchema = z.object({
  steps: z
    .partialRecord(
      z.enum(ONBOARDING_STEPS),
      z.object({ at: z.string().datetime(), by: z.string().min(1).max(200) }),
    )
    .default({}),
  /** Last connection test: only a passing test lets the connect step be completed. */
  lastConnectionTest: z
    .object({ at: z.string().datetime(), ok: z.boolean(), company: z.string().optional() })
    .optional(),
  /** When the stock preview was last shown: the preview step needs one. */
  previewedAt: z.string().datetime().optional(),
});

export const settingsSchema = z.object({
  prima: primaConnectionSchema,
  orders: orderSettingsSchema.default(orderSettingsSchema.parse({})),
  stock: stockSettingsSchema.default(stockSettingsSchema.parse({})),
  writeBack: writeBackSettingsSchema.default(writeBackSettingsSchema.parse({})),
  maps: maps.default(maps.parse({})),
  finance: financeSettingsSchema.default(financeSettingsSchema.parse({})),
  alerts: alertSettingsSchema.default(alertSettingsSchema.parse({})),
  /** Optional: tenants set up before the wizard existed have none (and are treated as already live). */
  onboarding: onboardingProgressSchema.optional(),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type OrderSettings = Settings['orders'];
export type StockSettings = Settings['stock'];
export type Maps = Settings['maps'];
export type FinanceSettings = Settings['finance'];
export type AlertSettings = Settings['alerts'];
export type OnboardingProgress = z.infer<typeof onboardingProgressSchema>;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export function parseSettings(input: unknown): Settings {
  return settingsSchema.parse(input);
}
