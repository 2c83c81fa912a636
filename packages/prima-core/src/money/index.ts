// Public API of the money room: exact money as integer minor units of an ISO currency.
export { currencyExponent, KNOWN_CURRENCIES } from './currency.js';
export {
  type ParseOptions,
  type RoundingMode,
  describeMoney,
  formatDecimalMinor,
  formatMinor,
  parseDecimalMinor,
  parseMinor,
} from './decimal.js';
export { allocate, allocateEvenly, scaleMinor } from './allocate.js';
