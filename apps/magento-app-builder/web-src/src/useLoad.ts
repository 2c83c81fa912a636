import { useCallback, useEffect, useState } from 'react';

/** Loads once, exposes reload; errors are kept as text for an alert a clerk can read. */
export function useLoad<T>(load: () => Promise<T>): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && (setData(d), setError(undefined)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: reload is driven by `tick`
  }, [tick]);
  return { data, error, reload: useCallback(() => setTick((t) => t + 1), []) };
}
