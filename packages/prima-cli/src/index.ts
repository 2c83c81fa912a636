// Public API of the CLI package (for tests and for embedding the checks elsewhere).
export { runCli, parseItem, type Output } from './run.js';
export { parseCommandLine, USAGE, type Command } from './args.js';
