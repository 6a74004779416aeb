// The one abortable sleep: retries, polls and waits all sleep through it.

/**
 * Resolves after `ms`, or rejects with the reason of the first signal that is (or gets)
 * aborted; leaves no listener behind either way.
 */
export function abortableSleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const watched = signals.filter((s): s is AbortSignal => s !== undefined);
    const aborted = watched.find((s) => s.aborted);
    if (aborted) return reject(aborted.reason);
    const cleanup = () => {
      clearTimeout(timer);
      for (const s of watched) s.removeEventListener('abort', onAbort);
    };
    function onAbort(this: AbortSignal) {
      cleanup();
      reject(this.reason);
    }
    const timer = setTimeout(() => {
      cleanup();
      resolve();
    }, ms);
    for (const s of watched) s.addEventListener('abort', onAbort, { once: true });
  });
}

/** A sleep as the retry loop and the poll loops take it (tests and the batch pass their own). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
