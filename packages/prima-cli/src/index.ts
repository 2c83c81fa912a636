// Public API of the CLI package (for tests and for embedding the checks elsewhere).

export { type Command, parseCommandLine, USAGE } from './args.js';
export { type Output, parseItem, runCli } from './run.js';
