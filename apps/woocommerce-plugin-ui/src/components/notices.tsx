/** The notices every screen shows: the outcome of the last action, a failed load, the wait before data. */
import { Notice, Spinner } from '@wordpress/components';

/** The outcome of the last action; `details` become a list under the text (e.g. CSV lines to fix). */
export type Msg = {
  status: 'success' | 'error' | 'warning' | 'info';
  text: string;
  details?: string[];
} | null;

/** With `onRemove` the person can close it; without, it stays until the next action replaces it. */
export function MessageNotice({ msg, onRemove }: { msg: Msg; onRemove?: () => void }) {
  if (!msg) return null;
  const body = msg.details ? (
    <>
      <p>{msg.text}</p>
      <ul>
        {msg.details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </>
  ) : (
    msg.text
  );
  return onRemove ? (
    <Notice status={msg.status} onRemove={onRemove}>
      {body}
    </Notice>
  ) : (
    <Notice status={msg.status} isDismissible={false}>
      {body}
    </Notice>
  );
}

/** A failure that stays on screen while it holds (a load that failed, a save that was refused). */
export function ErrorNotice({
  error,
  status = 'error',
}: {
  error: string | null;
  status?: 'error' | 'warning';
}) {
  return <MessageNotice msg={error ? { status, text: error } : null} />;
}

/**
 * What a screen shows before its data is there (`if (!data) return <LoadFallback … />`): a spinner while
 * loading, then the load error, else nothing.
 */
export function LoadFallback({
  loading,
  error,
  status = 'error',
}: {
  loading: boolean;
  error: string | null;
  status?: 'error' | 'warning';
}) {
  if (loading) return <Spinner />;
  return <ErrorNotice error={error} status={status} />;
}
