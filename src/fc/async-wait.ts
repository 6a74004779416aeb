// Waiting for an async invocation to end: poll with a growing delay and report each status
// change through a callback; the caller decides how to show it.
import { ApiError } from '../errors.js';
import { isTerminalStatus, pollDelay, type AsyncInvocation } from './async-invocation.js';
import type { FetchedInvocation } from './async-api.js';
import { abortableSleep, type Sleep } from './sleep.js';

export interface WaitInput {
  /** One get of the invocation. */
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
  /** The API's "unknown async ID" rule; without it, any 404 NotFound counts. */
  isUnknownId?: (error: { status: number; code: string }) => boolean;
  now?: () => number;
  sleep?: Sleep;
}

function isNotFound(error: unknown, isUnknownId: WaitInput['isUnknownId']): boolean {
  return error instanceof ApiError && error.status === 404 && /NotFound$/.test(error.code) && (isUnknownId?.(error) ?? true);
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
      if (!(previous === null && isNotFound(error, input.isUnknownId) && now() - started < grace)) throw error;
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
