import { useState } from '@wordpress/element';
import { errorMessage } from '../api';
import type { Msg } from '../components/notices';

export interface Action {
  busy: boolean;
  msg: Msg;
  setMsg: (m: Msg) => void;
  /** Runs one call with the busy flag up; a failure becomes an error message (what `describe` reads). */
  run: (fn: () => Promise<void>) => Promise<void>;
}

/**
 * One button's call: busy while it runs, its failure as a message. `clearMessage` hides the previous
 * message as the call starts; without it the old one stays until the outcome replaces it.
 */
export function useAction({
  describe = errorMessage,
  clearMessage = false,
}: {
  describe?: (err: unknown) => string;
  clearMessage?: boolean;
} = {}): Action {
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    if (clearMessage) setMsg(null);
    try {
      await fn();
    } catch (e) {
      setMsg({ status: 'error', text: describe(e) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, msg, setMsg, run };
}
