// Waiting for a stateful async invocation to end: poll with a growing delay and report
// each status change through a callback; the caller decides how to show it.
import { ApiError } from '../errors.js';
import { isTerminalStatus, pollDelay, type AsyncInvocation } from './async-invocation.js';
import type { FetchedInvocation } from './async-api.js';

export interface WaitInput {
  /** One GetStatefulAsyncInvocation. */
  fetch: () => Promise<FetchedInvocation>;
  /** Ends the wait (Ctrl-C, --timeout): the sleep rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called on the first answer and whenever the status differs from the last one. */
  onStatus?: (invocation: AsyncInvocation, previous: string | null) => void;
  /**
   * How long a NotFound is taken for "not visible yet" until the invocation was seen once
   * (the ID is known from an accepted invocation); 0 = a NotFound is final.
   */
  notFoundGraceMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /NotFound$/.test(error.code) && !/^(Service|Function|Alias|Version)NotFound$/.test(error.code);
}

/** Polls until the status is terminal; resolves with the last answer. */
export async function waitForInvocation(input: WaitInput): Promise<FetchedInvocation> {
  const now = input.now ?? Date.now;
  const sleep = input.sleep ?? abortableSleep;
  const started = now();
  let previous: string | null = null;
  for (let poll = 0; ; poll++) {
    let fetched: FetchedInvocation | null = null;
    try {
      fetched = await input.fetch();
    } catch (error) {
      const grace = input.notFoundGraceMs ?? 0;
      if (!(previous === null && isNotFound(error) && now() - started < grace)) throw error;
    }
    if (fetched) {
      const { invocation } = fetched;
      if (invocation.status !== previous) input.onStatus?.(invocation, previous);
      previous = invocation.status;
      if (isTerminalStatus(invocation.status)) return fetched;
    }
    await sleep(pollDelay(poll), input.signal);
  }
}
