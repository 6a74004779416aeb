// The end of a --wait that did not see every invocation end: Ctrl-C, the --timeout budget
// running out, or the list call failing. The lines still pending get an error document.
import { ApiError, NetworkError } from '../errors.js';
import type { FanOutWaiter } from './async-fanout.js';

export interface SettleInput {
  stopped: boolean;
  timeoutSeconds: number | undefined;
  prefix: string;
  /** The target as `fcinvoke list` takes it (FcApi.targetArgs). */
  targetArgs: string;
}

/** Ends the wait for the invocations still pending: interrupted, out of time, or the list call failed. */
export function settleWait(waiter: FanOutWaiter, failure: unknown, input: SettleInput): void {
  const check = `fcinvoke list ${input.targetArgs} --prefix ${input.prefix}-`;
  if (input.stopped) {
    waiter.giveUp({ code: 'Interrupted', message: `stopped waiting; the invocation goes on. Check with: ${check}`, status: null }, null);
  } else if (failure instanceof ApiError || failure instanceof NetworkError) {
    const status = failure instanceof ApiError ? failure.status : null;
    waiter.giveUp({ code: failure.code, message: `waiting failed: ${failure.message}`, status }, failure instanceof ApiError ? 'api' : 'transport');
  } else if (failure === null || isAbort(failure)) {
    waiter.giveUp(
      { code: 'Timeout', message: `not ended within --timeout ${input.timeoutSeconds} s of waiting; the invocation goes on. Check with: ${check}`, status: null },
      'transport',
    );
  } else {
    throw failure;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
