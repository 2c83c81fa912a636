/**
 * The Prima the cross-app engine tests talk to, behind one small interface: the in-process fake (same
 * business rules, no network) and the sandbox over HTTP through prima-core's real OMLink gateway.
 */
import type { PrimaGateway } from '@prima-connect/prima-core';
import { createPrimaGateway, itemRef } from '@prima-connect/prima-core';
import { createFakePrima } from '@prima-connect/prima-core/testing';
import { startSandbox } from '@prima-connect/prima-sandbox';

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

const ORDER_REQUESTS = new Set(['MultiNewOrder', 'NewOrder']);

const sandbox: PrimaBackend = {
  name: 'Prima sandbox over HTTP',
  async open() {
    const sb = await startSandbox({ host: '127.0.0.1', port: 0 });
    // One gateway for the test, as a host keeps one per tenant: the WSDL is read once. No transport-level
    // retries: the engine's own retry with backoff is what is under test.
    const gateway = createPrimaGateway({ url: sb.wsdlUrl, timeoutMs: 3000, retry: { attempts: 1 } });
    return {
      url: sb.wsdlUrl,
      gateway: () => gateway,
      orderNumbers: () => [...sb.state.orders.keys()].sort(),
      orderLines: (n) =>
        (sb.state.orders.get(n)?.lines ?? []).map((l) => ({
          product: l.item.product,
          matrix1: l.item.matrix[0],
          matrix2: l.item.matrix[1],
          quantity: l.quantity,
        })),
      newOrderCalls: () => sb.state.requestLog.filter((e) => ORDER_REQUESTS.has(e.requestType)).length,
      setOutage(down) {
        // 'refused': nobody listens on the port, as when the Prima server is down.
        if (down) sb.setFaults({ outage: { mode: 'refused', durationMs: 600_000 } });
        else sb.clearFaults();
      },
      close: () => sb.close(),
    };
  },
};

export function primaBackends(): PrimaBackend[] {
  return [sandbox, fake];
}
