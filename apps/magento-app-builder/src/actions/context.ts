import type {
  AlertersFromEnvResult,
  Clock,
  Engine,
  Logger,
  OnboardingEngine,
  Store,
} from '@prima-connect/prima-core';
import type { PublicKeyResolver } from '../events/signature.js';
import type { ActionParams } from './http.js';

/**
 * Everything an action needs, built once per invocation. Production builds it from the action's inputs
 * (runtime.ts: aio-lib-state, Commerce REST, Prima over SOAP); tests build it from the emulator and sandbox.
 */
export interface ActionContext {
  tenantId: string;
  engine: Engine;
  /** The first-run wizard's calls (the same engine object; optional so plain Engine stand-ins still fit). */
  onboarding?: OnboardingEngine;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Our I/O Events client id: events addressed to anyone else are refused. */
  recipientClientId: string;
  resolvePublicKey: PublicKeyResolver;
  workerId: string;
  /** Commerce's catalogue prices include tax (which price fields are the line prices). */
  pricesIncludeTax: boolean;
  /** Where alerts go (Settings' test alert); optional so stand-in contexts still fit. */
  alerts?: AlertersFromEnvResult;
  /** The handbook's exceptions page as deployed, when known (PRIMA_WEB_URL). */
  handbookUrl?: string;
}

export type ContextFactory = (params: ActionParams) => Promise<ActionContext>;
