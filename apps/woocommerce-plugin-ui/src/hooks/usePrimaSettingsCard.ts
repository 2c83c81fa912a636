import { useApi, useLoad } from '../api';
import type { PrimaSettings } from '../types';
import { type Action, useAction } from './useAction';

type SettingsReply = { settings: PrimaSettings | null };

/**
 * A Settings card that edits part of the one Prima settings object (the Prima card, the Alerts card):
 * what was saved when the card opened, and a save that re-reads the latest settings first, so saving one
 * card never undoes what another card saved since the page loaded.
 */
export function usePrimaSettingsCard(): Action & {
  saved: SettingsReply | null;
  /** Still waiting for the first load (the card shows a spinner). */
  loading: boolean;
  /**
   * Saves what `build` makes of the latest saved settings (null: none saved yet), then says `savedText`.
   * `build` throws, with words for the person, when there is nothing it can save.
   */
  save: (build: (latest: PrimaSettings | null) => PrimaSettings, savedText: string) => Promise<void>;
} {
  const api = useApi();
  const { data, loading } = useLoad<SettingsReply>('/prima-settings');
  const action = useAction();
  const save = (build: (latest: PrimaSettings | null) => PrimaSettings, savedText: string) =>
    action.run(async () => {
      const latest = await api.request<SettingsReply>('/prima-settings');
      await api.request('/prima-settings/save', { method: 'POST', data: build(latest.settings) });
      action.setMsg({ status: 'success', text: savedText });
    });
  return { ...action, saved: data, loading: loading && !data, save };
}
