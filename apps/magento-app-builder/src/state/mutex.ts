/**
 * Serialises check-then-write sections inside one process. aio-lib-state has no compare-and-swap, so this
 * is what makes createIfAbsent / recordIfNew / update atomic within an action invocation; across concurrent
 * invocations see the README ("State on App Builder").
 */
export function createMutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
