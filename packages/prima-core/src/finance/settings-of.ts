/**
 * The finance and alert settings of a tenant, with their defaults when absent: settings stored before these
 * sections existed (a key-value host that keeps raw JSON) must not break refunds or the daily run.
 */
import {
  type AlertSettings,
  alertSettingsSchema,
  type FinanceSettings,
  financeSettingsSchema,
  type Settings,
} from '../settings.js';

const FINANCE_DEFAULTS = financeSettingsSchema.parse({});
const ALERT_DEFAULTS = alertSettingsSchema.parse({});

export function financeOf(settings: Settings): FinanceSettings {
  return (settings as Partial<Settings>).finance ?? FINANCE_DEFAULTS;
}

export function alertsOf(settings: Settings): AlertSettings {
  return (settings as Partial<Settings>).alerts ?? ALERT_DEFAULTS;
}
