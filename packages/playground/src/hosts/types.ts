import type { Engine, OnboardingEngine, Platform, Store } from '@prima-connect/prima-core';
import type { OrderScenario } from '../traffic/scenarios.js';

export interface PlacedOrder {
  storefrontOrderId: string;
  orderNumber: string;
  /** The storefront's grand total, as the customer paid it. */
  totalMinor: number;
}

/**
 * Fault injection for tests and demos (the traffic generator never uses it). `eventLost`: the storefront
 * records the order or refund, but its webhook / event never reaches the host, as when a delivery is lost.
 */
export interface DeliveryFault {
  eventLost?: boolean;
}

/**
 * Changes to a storefront that nothing tells the host about: the edit's or deletion's event was lost.
 * For tests and demos of the daily reconciliation only.
 */
export interface StorefrontFaults {
  /**
   * The clerk changes the order's shipping charge (the amount as `placeOrder` takes a scenario's shipping)
   * after it reached Prima, and the edit's event is lost. Returns the order's new total.
   */
  repriceShipping(storefrontOrderId: string, amountMinor: number): Promise<number>;
  /** The order disappears from the store (deleted), and the deletion's event is lost. */
  deleteOrder(storefrontOrderId: string): Promise<void>;
}

/** What the playground does as a shopper and a shop clerk on one emulated storefront. */
export interface StorefrontDriver {
  placeOrder(scenario: OrderScenario, fault?: DeliveryFault): Promise<PlacedOrder>;
  /** 'unsupported' when this platform's host has no path for it yet (see README). */
  cancelOrder(storefrontOrderId: string): Promise<'done' | 'unsupported'>;
  refundLine(
    storefrontOrderId: string,
    sku: string,
    quantity: number,
    fault?: DeliveryFault,
  ): Promise<'done' | 'unsupported'>;
  faults: StorefrontFaults;
  /** Tracking numbers the storefront shows for the order (fulfilments, shipments or tracking notes). */
  trackingNumbers(storefrontOrderId: string): string[];
  stockOf(sku: string): number | undefined;
  /** Stock-writing API calls the storefront has received. */
  stockCalls(): number;
}

/**
 * 'done': the tenant is set up as after the wizard (settings, mappings, posting and stock on).
 * 'fresh': the tenant is registered with its storefront and nothing more, so the app's wizard starts empty.
 */
export type OnboardingMode = 'fresh' | 'done';

export interface HostUrl {
  name: string;
  url: string;
  note?: string;
}

/** One platform's slice of the playground: its emulator, its host (engine and HTTP front) and its screens. */
export interface PlatformStack {
  platform: Platform;
  tenantId: string;
  engine: Engine;
  /** The same engine's wizard methods (what each app's setup wizard calls). */
  onboarding: OnboardingEngine;
  store: Store;
  driver: StorefrontDriver;
  urls: HostUrl[];
  /** Mapped SKUs the storefront sells: how many the first full stock sync must cover. */
  variantCount: number;
  /** One worker round: due jobs, due status polls, a stock sync when one is due. */
  tick(): Promise<void>;
  close(): Promise<void>;
}
