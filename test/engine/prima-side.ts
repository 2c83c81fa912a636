/**
 * The Prima the cross-app engine tests talk to, behind one small interface: the in-process fake (same
 * business rules, no network) and the sandbox over HTTP through prima-core's real OMLink gateway.
 */
import type { PrimaGateway } from '@prima-connect/prima-core';
import { itemRef } from '@prima-connect/prima-core';
import { createFakePrima } from '@prima-connect/prima-core/testing';

export interface OpenedPrima {
  /** What goes into settings.prima.url. */
  url: string;
  gateway(): PrimaGateway;
  /** Order numbers Prima holds, sorted. */
  orderNumbers(): string[];
  orderLines(orderNumber: string): { product: string; matrix1: string; matrix2: string; quantity: number }[];
  /** Order-creating requests Prima received (a second send would show here even if refused). */
  newOrderCalls(): number;
  setOutage(down: boolean): void;
  close(): Promise<void>;
}

export interface PrimaBackend {
  name: string;
  open(): Promise<OpenedPrima>;
}

const fake: PrimaBackend = {
  name: 'fake Prima (in process)',
  async open() {
    const prima = createFakePrima();
    prima.setStock(itemRef('ETOS', 'G', '080'), 50);
    prima.setStock(itemRef('ETOS', 'H', '090'), 50);
    return {
      url: 'http://127.0.0.1:9/unused/wsdl',
      gateway: () => prima,
      orderNumbers: () => [...prima.orders.keys()].sort(),
      orderLines: (n) =>
        (prima.orders.get(n)?.order.lines ?? []).map((l) => ({
          product: l.item.product,
          matrix1: l.item.matrix[0],
          matrix2: l.item.matrix[1],
          quantity: l.quantity,
        })),
      newOrderCalls: () => prima.calls.postOrders,
      setOutage: (down) => prima.setOutage(down),
      close: async () => {},
    };
  },
};

export function primaBackends(): PrimaBackend[] {
  return [fake];
}
