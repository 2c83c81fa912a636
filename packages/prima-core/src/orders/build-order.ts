import { splitBundle } from '../mapping/bundles.js';
import { mapFee, mapPaymentGateway, mapShippingMethod, warehouseForLocation } from '../mapping/maps.js';
import { sharedSku } from '../mapping/problems.js';
import type { SkuResolver } from '../mapping/sku-resolver.js';
import type { ItemRef } from '../model/item.js';
import { itemRef } from '../model/item.js';
import type { Order, OrderLine } from '../model/order.js';
import type { PrimaOrderCharge, PrimaOrderLine, PrimaSalesOrder } from '../model/prima-order.js';
import { allocate } from '../money/allocate.js';
import { currencyExponent } from '../money/currency.js';
import { describeMoney } from '../money/decimal.js';
import { fail, ok, type Problem, problem, type Result } from '../monitor/problems.js';
import type { Settings } from '../settings.js';
import { missingAddress, missingAddressFields, toPrimaContact } from './contacts.js';
import { exactLines } from './exact-lines.js';
import { primaOrderNumber } from './order-number.js';
import { toPrimaBasis } from './vat-basis.js';

export interface BuildContext {
  settings: Settings;
  resolver: SkuResolver;
  /** A Prima account matched for this customer; default settings.orders.customerCode ('' = Prima creates one). */
  customerCode?: string;
}

/** Something the builder changed on its own, kept for the audit trail (AuditEntry "order.money_adjusted"). */
export interface OrderAdjustment {
  kind: 'rounding_line' | 'rounding_charge' | 'order_discount_allocated' | 'vat_basis_converted';
  amountMinor: number;
  note: string;
}

export interface BuiltOrder {
  order: PrimaSalesOrder;
  adjustments: OrderAdjustment[];
}

/** Gift card lines not in the SKU table are looked up in the fee map under their SKU, then under this key. */
export const GIFT_CARD_FEE_KEY = 'gift_card';
/** Orders with no payment at all (fully discounted) use the payment map entry under this key. */
export const NO_PAYMENT_KEY = 'none';

interface DraftLine {
  item: ItemRef;
  quantity: number;
  valueMinor: number;
  discountMinor: number;
  warehouse: string;
  narrative: string;
  reference: string;
}

const int = (n: number) => Number.isSafeInteger(n);

function invalid(orderNumber: string, why: string, detail: Problem['detail'] = {}): Problem {
  return problem(
    'invalid_order',
    `Order ${orderNumber} ${why}.`,
    'Correct the order in the store (or post it by hand in Prima), then retry.',
    {
      orderNumber,
      ...detail,
    },
  );
}

/** Every Problem names the order, so an exception list entry reads on its own. */
function forOrder(orderNumber: string, p: Problem): Problem {
  const message = p.message.startsWith(`Order ${orderNumber}`)
    ? p.message
    : `Order ${orderNumber}: ${p.message}`;
  return { ...p, message, detail: { ...(p.detail ?? {}), orderNumber } };
}

function checkShape(order: Order, n: string): Problem[] {
  const problems: Problem[] = [];
  if (order.cancelledAt !== undefined)
    problems.push(invalid(n, 'was cancelled in the store, so it is not sent to Prima'));
  if (order.lines.length === 0) problems.push(invalid(n, 'has no lines'));
  order.lines.forEach((l, i) => {
    const name = `line ${i + 1} (${l.sku || l.title})`;
    if (!int(l.quantity) || l.quantity < 1)
      problems.push(
        invalid(
          n,
          `has ${name} with quantity ${l.quantity}; quantities must be whole numbers of at least 1`,
          { sku: l.sku },
        ),
      );
    if (
      ![l.unitPriceMinor, l.discountMinor, l.taxMinor].every(int) ||
      l.unitPriceMinor < 0 ||
      l.discountMinor < 0
    ) {
      problems.push(invalid(n, `has ${name} with an impossible price or discount`, { sku: l.sku }));
    } else if (int(l.quantity) && l.discountMinor > l.unitPriceMinor * l.quantity) {
      problems.push(invalid(n, `has ${name} discounted by more than its price`, { sku: l.sku }));
    }
  });
  for (const c of order.charges) {
    if (
      ![c.amountMinor, c.discountMinor, c.taxMinor].every(int) ||
      c.amountMinor < 0 ||
      c.discountMinor < 0 ||
      c.discountMinor > c.amountMinor
    ) {
      problems.push(invalid(n, `has an impossible amount on charge "${c.title || c.code}"`));
    }
  }
  if (
    ![order.orderDiscountMinor, order.taxMinor, order.totalMinor].every(int) ||
    order.orderDiscountMinor < 0
  ) {
    problems.push(invalid(n, 'has an impossible total, tax or order discount'));
  }
  return problems;
}

/** Lines whose SKU is carried by two different variants: Prima could not tell them apart. */
function sharedInOrder(order: Order): Problem[] {
  const variants = new Map<string, Set<string>>();
  for (const l of order.lines) {
    if (l.sku.trim() === '' || l.variantId === undefined) continue;
    const key = l.sku.trim().toUpperCase();
    const set = variants.get(key) ?? new Set<string>();
    set.add(l.variantId);
    variants.set(key, set);
  }
  return [...variants.entries()]
    .filter(([, ids]) => ids.size > 1)
    .map(([sku, ids]) =>
      sharedSku(
        sku,
        [...ids].map((id) => `variant ${id}`),
      ),
    );
}

/**
 * Builds the Prima sales order for a storefront order. Pure: the same order and settings always give the
 * same result. Every validation Problem is reported at once (all unmapped SKUs, not just the first).
 * See the package README, "Money rounding policy", for how a few minor units of difference are resolved.
 */
export function buildPrimaOrder(order: Order, ctx: BuildContext): Result<BuiltOrder> {
  const { settings, resolver } = ctx;
  const s = settings.orders;
  const maps = settings.maps;
  const n = order.orderNumber;
  const problems: Problem[] = [];
  const adjustments: OrderAdjustment[] = [];
  const currency = order.currency.trim().toUpperCase();

  const exp = currencyExponent(currency);
  if (!exp.ok) problems.push(...exp.problems);
  const number = primaOrderNumber(s.orderNumberPrefix, n, s.orderNumberMaxLength);
  if (!number.ok) problems.push(...number.problems);
  const shape = checkShape(order, n);
  if (shape.length > 0 || !exp.ok) return fail(...[...problems, ...shape].map((p) => forOrder(n, p)));

  problems.push(...sharedInOrder(order));

  // Addresses: delivery is required when anything ships; the invoice falls back to the delivery address.
  const needsShipping = order.lines.some((l) => l.requiresShipping);
  const deliverySource = order.shippingAddress ?? (needsShipping ? undefined : order.billingAddress);
  const invoiceSource = order.billingAddress ?? order.shippingAddress;
  if (!deliverySource) problems.push(missingAddress(n, 'delivery', []));
  else if (missingAddressFields(deliverySource).length > 0)
    problems.push(missingAddress(n, 'delivery', missingAddressFields(deliverySource)));
  if (!invoiceSource) problems.push(missingAddress(n, 'invoice', []));
  else if (invoiceSource !== deliverySource && missingAddressFields(invoiceSource).length > 0) {
    problems.push(missingAddress(n, 'invoice', missingAddressFields(invoiceSource)));
  }

  // Order-level discount not yet on lines: spread over the lines by value, exactly.
  const lineValues = order.lines.map((l) => l.unitPriceMinor * l.quantity - l.discountMinor);
  const orderDiscountShares =
    order.orderDiscountMinor === 0 ? lineValues.map(() => 0) : allocate(order.orderDiscountMinor, lineValues);
  if (order.orderDiscountMinor !== 0) {
    adjustments.push({
      kind: 'order_discount_allocated',
      amountMinor: order.orderDiscountMinor,
      note: `Order discount ${describeMoney(order.orderDiscountMinor, currency)} spread over the lines in proportion to their value: ${orderDiscountShares.join(', ')} minor units.`,
    });
  }
  if (order.pricesIncludeTax !== s.vatInclusive) {
    adjustments.push({
      kind: 'vat_basis_converted',
      amountMinor: 0,
      note: `Store prices ${order.pricesIncludeTax ? 'include' : 'exclude'} VAT, Prima prices ${s.vatInclusive ? 'include' : 'exclude'} it: each line and charge converted with its own tax figure.`,
    });
  }

  const drafts: DraftLine[] = [];
  const charges: PrimaOrderCharge[] = [];
  const reportedSkus = new Set<string>();
  const report = (sku: string, ps: Problem[]) => {
    if (reportedSkus.has(sku)) return;
    reportedSkus.add(sku);
    problems.push(...ps);
  };

  order.lines.forEach((line: OrderLine, i) => {
    const share = orderDiscountShares[i] as number;
    const storefrontValue = (lineValues[i] as number) - share;
    if (storefrontValue < 0) {
      problems.push(
        invalid(
          n,
          `has line ${i + 1} (${line.sku || line.title}) discounted below zero by the order discount`,
        ),
      );
      return;
    }
    const { valueMinor, discountMinor } = toPrimaBasis(
      storefrontValue,
      line.discountMinor + share,
      line.taxMinor,
      order.pricesIncludeTax,
      s.vatInclusive,
    );
    if (valueMinor < 0) {
      problems.push(
        invalid(n, `has line ${i + 1} (${line.sku || line.title}) whose tax is larger than its price`),
      );
      return;
    }
    // Both the location and the SKU are checked even when one fails, so every Problem is reported at once.
    const wh = warehouseForLocation(line.locationId, maps.locations, s.defaultWarehouse);
    if (!wh.ok) report(`location:${line.locationId}`, wh.problems);
    const base = { warehouse: wh.ok ? wh.value : '', narrative: line.title, reference: line.lineId };
    const resolved = resolver.resolve(line.sku);
    if (!resolved.ok) {
      if (line.isGiftCard && resolved.problems.every((p) => p.code === 'unmapped_sku')) {
        const fee = mapFee(line.sku, maps.fees);
        const giftFee = fee.ok ? fee : mapFee(GIFT_CARD_FEE_KEY, maps.fees);
        if (giftFee.ok) {
          if (giftFee.value.kind === 'charge')
            charges.push({ code: giftFee.value.code, amountMinor: valueMinor });
          else
            drafts.push({
              ...base,
              item: itemRef(giftFee.value.code),
              quantity: line.quantity,
              valueMinor,
              discountMinor,
            });
          return;
        }
      }
      report(line.sku.trim(), resolved.problems);
      return;
    }
    const r = resolved.value;
    if (r.kind === 'bundle') {
      for (const c of splitBundle(r.components, line.quantity, valueMinor, discountMinor)) {
        drafts.push({
          ...base,
          item: c.item,
          quantity: c.quantity,
          valueMinor: c.valueMinor,
          discountMinor: c.discountMinor,
          narrative: `${line.title} (bundle part)`,
        });
      }
    } else {
      drafts.push({ ...base, item: r.item, quantity: line.quantity, valueMinor, discountMinor });
    }
  });

  // Charges: shipping through the shipping map (with carrier and service), fees through the fee map.
  let carrier = '';
  let carrierService = '';
  for (const c of order.charges) {
    const { valueMinor, discountMinor } = toPrimaBasis(
      c.amountMinor - c.discountMinor,
      c.discountMinor,
      c.taxMinor,
      order.pricesIncludeTax,
      s.vatInclusive,
    );
    if (c.kind === 'shipping') {
      const m = mapShippingMethod(c.code, maps.shipping);
      if (!m.ok) {
        report(`shipping:${c.code}`, m.problems);
        continue;
      }
      if (carrier === '' && m.value.carrier !== '') {
        carrier = m.value.carrier;
        carrierService = m.value.service;
      }
      charges.push({ code: m.value.charge, amountMinor: valueMinor });
    } else {
      const m = mapFee(c.code, maps.fees);
      if (!m.ok) {
        report(`fee:${c.code}`, m.problems);
        continue;
      }
      if (m.value.kind === 'charge') charges.push({ code: m.value.code, amountMinor: valueMinor });
      else
        drafts.push({
          item: itemRef(m.value.code),
          quantity: 1,
          valueMinor,
          discountMinor,
          warehouse: s.defaultWarehouse,
          narrative: c.title,
          reference: c.code,
        });
    }
  }

  // Payment: the largest successful payment decides the method; Prima's TranAmount is the order total.
  const usable = order.payments.filter((p) => p.status === 'captured' || p.status === 'authorized');
  const chosen = [...(usable.length > 0 ? usable : order.payments)].sort(
    (a, b) => b.amountMinor - a.amountMinor,
  )[0];
  const pay = mapPaymentGateway(chosen?.gateway ?? NO_PAYMENT_KEY, maps.payment);
  if (!pay.ok) report('payment', pay.problems);

  if (problems.length > 0 || !number.ok || !pay.ok || !deliverySource || !invoiceSource) {
    return fail(...problems.map((p) => forOrder(n, p)));
  }

  // The money check: Prima's order must add up to what the customer paid, to the minor unit.
  const taxOnTop = s.vatInclusive ? 0 : order.taxMinor;
  const ours =
    drafts.reduce((t, d) => t + d.valueMinor, 0) + charges.reduce((t, c) => t + c.amountMinor, 0) + taxOnTop;
  const diff = order.totalMinor - ours;
  if (diff !== 0) {
    const settled = settleRounding(diff, drafts, charges, s.rounding, currency, order.totalMinor);
    if (!settled.ok) {
      const p = problem(
        'money_mismatch',
        `Order ${n}: the lines and charges sent to Prima${taxOnTop === 0 ? '' : ` plus tax of ${describeMoney(taxOnTop, currency)}`} add up to ${describeMoney(ours, currency)}, but the customer paid ${describeMoney(order.totalMinor, currency)}: a difference of ${describeMoney(Math.abs(diff), currency)}, more than the ${describeMoney(s.rounding.maxMinor, currency)} we may correct for rounding.`,
        'Check the discounts, shipping and tax on the order in the store, and that the VAT setting matches Prima; correct the order (or post it by hand in Prima), then retry.',
        {
          orderNumber: n,
          storefrontTotalMinor: order.totalMinor,
          computedTotalMinor: ours,
          differenceMinor: diff,
        },
      );
      return fail(p);
    }
    adjustments.push(settled.value);
  }

  const lines: PrimaOrderLine[] = [];
  for (const d of drafts) {
    for (const part of exactLines(d.quantity, d.valueMinor, d.discountMinor)) {
      lines.push({
        lineNo: lines.length + 1,
        item: d.item,
        quantity: part.quantity,
        unitPriceMinor: part.unitPriceMinor,
        lineValueMinor: part.lineValueMinor,
        discountMinor: part.discountMinor,
        warehouse: d.warehouse,
        narrative: d.narrative,
        reference: d.reference,
      });
    }
  }

  const unpaid = order.financialStatus === 'pending' || order.financialStatus === 'partially_paid';
  const hold = s.holdFlaggedOrders && unpaid;
  const built: PrimaSalesOrder = {
    orderNumber: number.value,
    tpguid: order.storefrontOrderId,
    customerCode: ctx.customerCode ?? s.customerCode,
    channel: s.channel,
    orderType: s.orderType,
    vatInclusive: s.vatInclusive,
    hold,
    holdNarrative: hold ? `Not fully paid in the store (${order.financialStatus.replace('_', ' ')})` : '',
    currency,
    orderDate: order.createdAt,
    specialInstructions: order.note ?? '',
    orderCategory: '',
    carrier,
    carrierService,
    delivery: toPrimaContact(deliverySource, order.customer),
    invoice: toPrimaContact(invoiceSource, order.customer),
    lines,
    charges,
    payment: {
      payMethod: pay.value.payMethod,
      subPayMethod: pay.value.subPayMethod,
      provider: pay.value.provider,
      amountMinor: order.totalMinor,
      transactionId: chosen?.transactionId ?? '',
      authRef: number.value,
    },
    totalMinor: order.totalMinor,
  };
  return ok({ order: built, adjustments });
}

/**
 * THE one place a small difference between our sum and the storefront total is resolved
 * (settings.orders.rounding). Mutates the drafts/charges it is given; returns the audit record.
 * - adjust_line: the difference goes into the most valuable line (first on a tie); the later exact-line
 *   split keeps unit price x quantity === line value. Falls back to a charge when there is no line to take it.
 * - charge: a rounding charge (rounding.chargeCode) of the difference, which may be negative.
 */
function settleRounding(
  diff: number,
  drafts: DraftLine[],
  charges: PrimaOrderCharge[],
  rounding: Settings['orders']['rounding'],
  currency: string,
  total: number,
): Result<OrderAdjustment> {
  if (Math.abs(diff) > rounding.maxMinor) return fail();
  const amount = describeMoney(diff, currency);
  if (rounding.mode === 'adjust_line') {
    let target: DraftLine | undefined;
    for (const d of drafts) if (!target || d.valueMinor > target.valueMinor) target = d;
    if (target && target.valueMinor + diff >= 0) {
      target.valueMinor += diff;
      return ok({
        kind: 'rounding_line',
        amountMinor: diff,
        note: `Rounding difference of ${amount} added to the line for ${target.item.product} (${target.reference}) so the Prima order matches the store total of ${describeMoney(total, currency)}.`,
      });
    }
  }
  charges.push({ code: rounding.chargeCode, amountMinor: diff });
  return ok({
    kind: 'rounding_charge',
    amountMinor: diff,
    note: `Rounding difference of ${amount} sent as charge ${rounding.chargeCode} so the Prima order matches the store total of ${describeMoney(total, currency)}.`,
  });
}
