import { useCallback, useEffect, useRef, useState } from 'react';

/** Loads on mount and on reload(); errors are kept as text for a note a clerk can read. */
export function useLoad<T>(load: () => Promise<T>): {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  // The latest loader, without making every render a new effect.
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    void tick;
    loader.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [tick]);
  return { data, error, reload: useCallback(() => setTick((t) => t + 1), []) };
}
