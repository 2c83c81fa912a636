// Public API of the onboarding room: the first-run wizard's rules (pure) and its engine methods.
export {
  type ConnectionTestResult,
  type PrimaConnectionInput,
  pingPrima,
  testPrimaConnection,
} from './connection.js';
export { createOnboardingMethods } from './engine-methods.js';
export {
  applyProposalsInputSchema,
  manualMappingInputSchema,
  onboardingMapsInputSchema,
} from './inputs.js';
export {
  levelKey,
  previewStockPush,
  type StockPreview,
  type StockPreviewInput,
  type StockPreviewRow,
} from './preview.js';
export {
  checkStep,
  goLiveSettings,
  type OnboardingState,
  onboardingState,
  type StepCheck,
  stepTitle,
  withStepDone,
} from './progress.js';
export {
  type AmbiguousVariant,
  type MappingProposals,
  type ProposedMapping,
  type ProposeMappingsInput,
  proposeMappings,
  SEPARATORS,
  SUGGEST_PATTERN_SHARE,
  type SuggestedPattern,
  suggestPattern,
  type UnmappedVariant,
} from './propose.js';
