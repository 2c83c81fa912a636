// The app run locally (playground, tests): action handlers behind one HTTP server, screens, timers.

export type { AppWiring } from '../runtime/wiring.js';
export { createFileKv } from '../state/file-kv.js';
export { createMemoryKv } from '../state/kv.js';
export { type LocalApp, type LocalAppOptions, startLocalApp } from './local-app.js';
