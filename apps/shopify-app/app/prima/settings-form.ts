/**
 * The Settings page form <-> prima-core Settings. Maps are edited as "store value = Prima value" lines;
 * the whole result goes through prima-core's zod settingsSchema before anything is saved.
 */
import { type Maps, type Settings, settingsSchema } from '@prima-connect/prima-core';
import { z } from 'zod';
import type { SettingsForm } from './view-models.js';

const DEFAULT_URL = '';

export function settingsToForm(s: Settings | null): SettingsForm {
  const lines = (rec: Record<string, string>) =>
    Object.entries(rec)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n');
  return {
    primaUrl: s?.prima.url ?? DEFAULT_URL,
    companyId: s?.prima.companyId ?? '',
    vatInclusive: s?.orders.vatInclusive ?? true,
    postingEnabled: s?.orders.postingEnabled ?? false,
    trigger: s?.orders.trigger ?? 'paid',
    holdWindowMinutes: s?.orders.holdWindowMinutes ?? 0,
    cutoffState: s?.orders.cutoffState ?? 'released',
    orderNumberPrefix: s?.orders.orderNumberPrefix ?? 'W',
    stockEnabled: s?.stock.enabled ?? false,
    stockIntervalMinutes: s?.stock.intervalMinutes ?? 15,
    bufferKind: s?.stock.defaultBuffer.kind ?? 'fixed',
    bufferValue: s?.stock.defaultBuffer.value ?? 0,
    writeBackNote: s?.writeBack.note ?? true,
    writeBackTag: s?.writeBack.tag ?? true,
    writeBackMetafield: s?.writeBack.metafield ?? true,
    shippingMap: lines(
      Object.fromEntries(
        Object.entries(s?.maps.shipping ?? {}).map(([k, v]) => [
          k,
          [v.charge, v.carrier, v.service].filter(Boolean).join(' / '),
        ]),
      ),
    ),
    paymentMap: lines(
      Object.fromEntries(
        Object.entries(s?.maps.payment ?? {}).map(([k, v]) => [
          k,
          [v.payMethod, v.subPayMethod, v.provider].filter(Boolean).join(' / '),
        ]),
      ),
    ),
    locationMap: lines(s?.maps.locations ?? {}),
    statusMap: lines(s?.maps.status ?? {}),
    alertsEnabled: s?.alerts?.enabled ?? false,
    alertEmails: (s?.alerts?.emailTo ?? []).join(', '),
    alertWebhookUrl: s?.alerts?.webhookUrl ?? '',
    alertThreshold: s?.alerts?.openExceptionsThreshold ?? 10,
  };
}

/** "a = b" lines; a line without "=" is an error naming it. */
export function parseMapLines(
  text: string,
  label: string,
): { map: Record<string, string[]>; errors: string[] } {
  const map: Record<string, string[]> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = line.indexOf('=');
    if (at <= 0) {
      errors.push(`${label}, line ${i + 1}: write it as “store value = Prima value”.`);
      return;
    }
    map[line.slice(0, at).trim()] = line
      .slice(at + 1)
      .split('/')
      .map((p) => p.trim());
  });
  return { map, errors };
}

/**
 * "Standard = RM48 / DPD / NEXT" lines -> the shipping map; "shopify_payments = CC" lines -> the payment
 * map. Prima's charge and pay-method codes are upper case, so they are stored that way however typed.
 */
export function shippingMapOf(lines: Record<string, string[]>): Maps['shipping'] {
  return Object.fromEntries(
    Object.entries(lines).map(([k, [charge = '', carrier = '', service = '']]) => [
      k,
      { charge: charge.toUpperCase(), carrier, service },
    ]),
  );
}

export function paymentMapOf(lines: Record<string, string[]>): Maps['payment'] {
  return Object.fromEntries(
    Object.entries(lines).map(([k, [payMethod = '', subPayMethod = '', provider = '']]) => [
      k,
      { payMethod: payMethod.toUpperCase(), subPayMethod, provider },
    ]),
  );
}

/** A SKU pattern rule as the forms show it: the separator, a space, the matrix levels ("- 1,2"). */
export const patternText = (p: { separator: string; matrixLevels: number[] } | undefined): string =>
  p ? `${p.separator} ${p.matrixLevels.join(',')}` : '';

const bool = z.enum(['true', 'false', 'on']).transform((v) => v !== 'false');
const formSchema = z.object({
  primaUrl: z.string().trim(),
  companyId: z.string().trim().default(''),
  vatInclusive: bool,
  postingEnabled: bool,
  trigger: z.enum(['paid', 'authorized', 'created']),
  holdWindowMinutes: z.coerce.number(),
  cutoffState: z.enum(['allocated', 'released']),
  orderNumberPrefix: z.string().trim(),
  stockEnabled: bool,
  stockIntervalMinutes: z.coerce.number(),
  bufferKind: z.enum(['fixed', 'percent']),
  bufferValue: z.coerce.number(),
  writeBackNote: bool,
  writeBackTag: bool,
  writeBackMetafield: bool,
  shippingMap: z.string().default(''),
  paymentMap: z.string().default(''),
  locationMap: z.string().default(''),
  statusMap: z.string().default(''),
  // Optional so a form posted by an older page still saves (the existing alert settings are kept).
  alertsEnabled: bool.optional(),
  alertEmails: z.string().optional(),
  alertWebhookUrl: z.string().trim().optional(),
  alertThreshold: z.string().trim().optional(),
});

/** "a@x.com, b@y.com" or one a line -> the addresses; prima-core's schema then checks each. */
export const emailList = (text: string): string[] =>
  text
    .split(/[,;\r\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);

export type FormResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Form fields -> validated Settings; keeps settings the form does not show (rounding, pattern, shards...). */
export function formToSettings(fields: Record<string, unknown>, existing: Settings | null): FormResult {
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const f = parsed.data;
  const shipping = parseMapLines(f.shippingMap, 'Shipping map');
  const payment = parseMapLines(f.paymentMap, 'Payment map');
  const locations = parseMapLines(f.locationMap, 'Location map');
  const status = parseMapLines(f.statusMap, 'Status map');
  const mapErrors = [...shipping.errors, ...payment.errors, ...locations.errors, ...status.errors];
  if (mapErrors.length) return { ok: false, errors: mapErrors };
  const candidate = {
    ...(existing ?? {}),
    prima: {
      ...(existing?.prima ?? {}),
      url: f.primaUrl,
      ...(f.companyId ? { companyId: f.companyId } : { companyId: undefined }),
    },
    orders: {
      ...(existing?.orders ?? {}),
      postingEnabled: f.postingEnabled,
      trigger: f.trigger,
      holdWindowMinutes: f.holdWindowMinutes,
      cutoffState: f.cutoffState,
      orderNumberPrefix: f.orderNumberPrefix,
      vatInclusive: f.vatInclusive,
    },
    stock: {
      ...(existing?.stock ?? {}),
      enabled: f.stockEnabled,
      intervalMinutes: f.stockIntervalMinutes,
      defaultBuffer: { kind: f.bufferKind, value: f.bufferValue },
    },
    writeBack: { note: f.writeBackNote, tag: f.writeBackTag, metafield: f.writeBackMetafield },
    alerts: {
      ...(existing?.alerts ?? {}),
      ...(f.alertsEnabled !== undefined ? { enabled: f.alertsEnabled } : {}),
      ...(f.alertEmails !== undefined ? { emailTo: emailList(f.alertEmails) } : {}),
      ...(f.alertWebhookUrl !== undefined ? { webhookUrl: f.alertWebhookUrl } : {}),
      // Kept as typed (not coerced) so "ten" is refused in words, not saved as 0.
      ...(f.alertThreshold !== undefined
        ? {
            openExceptionsThreshold: /^\d+$/.test(f.alertThreshold)
              ? Number(f.alertThreshold)
              : f.alertThreshold,
          }
        : {}),
    },
    maps: {
      ...(existing?.maps ?? {}),
      shipping: shippingMapOf(shipping.map),
      payment: paymentMapOf(payment.map),
      locations: Object.fromEntries(Object.entries(locations.map).map(([k, v]) => [k, v.join('/')])),
      status: Object.fromEntries(Object.entries(status.map).map(([k, v]) => [k, v.join('/')])),
    },
  };
  const checked = settingsSchema.safeParse(candidate);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((i) => {
        const where = i.path.join('.');
        if (where === 'prima.url')
          return 'Prima URL: enter the full address, starting with http:// or https://';
        // prima-core words the alert fields for merchants already.
        return where.startsWith('alerts.') ? i.message : `${where}: ${i.message}`;
      }),
    };
  }
  return { ok: true, settings: checked.data };
}
