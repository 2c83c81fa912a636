// Public API of the monitor room.

export * from './alerts.js';
export * from './alerts-channels.js';
export * from './alerts-env.js';
export * from './alerts-smtp.js';
export * from './alerts-webhook.js';
export * from './log.js';
export * from './metrics.js';
export * from './problems.js';
