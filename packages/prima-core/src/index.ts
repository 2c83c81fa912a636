export * from './model/index.js';
export * from './monitor/problems.js';
export * from './ports.js';
export * from './settings.js';
