/**
 * The wizard's progress rules, pure: which steps are done, which may be completed now, and whether the
 * store may go live. Progress lives in the tenant's settings (`settings.onboarding`) so it survives
 * restarts and the wizard resumes where it was left.
 */
import {
  ONBOARDING_STEPS,
  type OnboardingProgress,
  type OnboardingStep,
  type Settings,
} from '../settings.js';

export type { OnboardingStep } from '../settings.js';
export { ONBOARDING_STEPS } from '../settings.js';

export interface OnboardingState {
  steps: { step: OnboardingStep; done: boolean; at?: string; by?: string }[];
  /** The first step not done yet; null when the store is live. */
  next: OnboardingStep | null;
  postingEnabled: boolean;
  stockEnabled: boolean;
  lastConnectionTest?: OnboardingProgress['lastConnectionTest'];
  previewedAt?: string;
  /** Set up before the wizard existed (no progress record, already switched on): nothing to walk through. */
  predatesWizard?: true;
}

export type StepCheck = { ok: true } | { ok: false; missing: string[] };

export const emptyProgress = (): OnboardingProgress => ({ steps: {} });

export function onboardingState(settings: Settings | null): OnboardingState {
  const progress = settings?.onboarding ?? emptyProgress();
  const steps = ONBOARDING_STEPS.map((step) => {
    const done = progress.steps[step];
    return done ? { step, done: true, at: done.at, by: done.by } : { step, done: false };
  });
  const state: OnboardingState = {
    steps,
    next: steps.find((s) => !s.done)?.step ?? null,
    postingEnabled: settings?.orders.postingEnabled ?? false,
    stockEnabled: settings?.stock.enabled ?? false,
  };
  if (settings && !settings.onboarding && (state.postingEnabled || state.stockEnabled)) {
    state.next = null;
    state.predatesWizard = true;
  }
  if (progress.lastConnectionTest) state.lastConnectionTest = progress.lastConnectionTest;
  if (progress.previewedAt) state.previewedAt = progress.previewedAt;
  return state;
}

const STEP_WORDS: Record<OnboardingStep, string> = {
  connect: 'Connect Prima',
  catalogue: 'Read the catalogues',
  mappings: 'Map products',
  maps: 'Map shipping, payment and locations',
  preview: 'Preview the first stock push',
  'go-live': 'Switch on',
};

export const stepTitle = (step: OnboardingStep): string => STEP_WORDS[step];

/** Whether `step` may be marked done now: earlier steps done, and the step's own evidence present. */
export function checkStep(settings: Settings | null, step: OnboardingStep): StepCheck {
  const missing: string[] = [];
  if (!settings) return { ok: false, missing: ['Connect Prima first: no connection is saved yet.'] };
  const progress = settings.onboarding ?? emptyProgress();
  for (const earlier of ONBOARDING_STEPS.slice(0, ONBOARDING_STEPS.indexOf(step))) {
    if (!progress.steps[earlier]) missing.push(`Finish "${stepTitle(earlier)}" first.`);
  }
  if (step === 'connect' && progress.lastConnectionTest?.ok !== true) {
    missing.push('The Prima connection test has not passed yet.');
  }
  if (step === 'maps') {
    const m = settings.maps;
    if (Object.keys(m.shipping).length === 0)
      missing.push('Map at least one shipping method to a Prima charge.');
    if (Object.keys(m.payment).length === 0)
      missing.push('Map at least one payment method to a Prima pay method.');
    if (Object.keys(m.locations).length === 0)
      missing.push('Link at least one store location to a Prima warehouse.');
    if (settings.orders.defaultWarehouse === '')
      missing.push('Choose the Prima warehouse orders are sent to.');
  }
  if (step === 'preview' && !progress.previewedAt) missing.push('Look at the stock preview first.');
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/** Settings with `step` recorded as done (by, at). */
export function withStepDone(settings: Settings, step: OnboardingStep, by: string, at: string): Settings {
  const progress = settings.onboarding ?? emptyProgress();
  return { ...settings, onboarding: { ...progress, steps: { ...progress.steps, [step]: { at, by } } } };
}

/** Going live: the only change that switches order posting and stock sync on. */
export function goLiveSettings(settings: Settings, by: string, at: string): Settings {
  const done = withStepDone(settings, 'go-live', by, at);
  return {
    ...done,
    orders: { ...done.orders, postingEnabled: true },
    stock: { ...done.stock, enabled: true },
  };
}
