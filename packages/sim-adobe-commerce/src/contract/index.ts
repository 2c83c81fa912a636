// Adobe Commerce's published REST contract, as a validator both the emulator and the gateway tests use.
export * from './rest-validator.js';
export * from './schema-source.js';
