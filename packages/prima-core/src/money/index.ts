// Public API of the money room: exact money as integer minor units of an ISO currency.

export { allocate, allocateEvenly, scaleMinor } from './allocate.js';
export { currencyExponent, KNOWN_CURRENCIES } from './currency.js';
export {
  describeMoney,
  formatDecimalMinor,
  formatMinor,
  type ParseOptions,
  parseDecimalMinor,
  parseMinor,
  type RoundingMode,
} from './decimal.js';
