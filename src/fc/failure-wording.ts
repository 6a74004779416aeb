// The one wording of an invocation that got no usable answer: a transport failure or the
// caller's deadline, with the request ID when known and whether the function may have run.
import { FcInvokeError, NetworkError } from '../errors.js';
import { isTransportError, toNetworkError, wasNotSent } from './transport-error.js';

/** The caller's limit for the whole invocation. */
export interface Deadline {
  /** True once the limit has run out. */
  expired(): boolean;
  /** How the limit is named in messages: `--timeout 30 s`, `timeoutMs 500`. */
  label: string;
}

export interface FailureFacts {
  async: boolean;
  requestId: string | null;
  /** The URL of the last attempt, for the host in the message. */
  url: string;
  deadline?: Deadline | undefined;
  /**
   * What makes a call safely retryable, named as the caller's user knows it (`--async-id`);
   * null to say only that the function may have run.
   */
  retryHint: string | null;
}

/**
 * The NetworkError to report for `error`, or null when it is not a failure of the
 * connection or the deadline (a bug, an interrupt, fcinvoke's own error: the caller
 * rethrows those). A synchronous call that may have reached the function says so.
 */
export function classifyFailure(error: unknown, facts: FailureFacts): NetworkError | null {
  const id = facts.requestId ? ` (request ID ${facts.requestId})` : '';
  if (facts.deadline?.expired() && !(error instanceof NetworkError && error.code === 'Timeout')) {
    const ran = facts.async ? '' : '; the function may have run';
    return new NetworkError('Timeout', `no complete answer within ${facts.deadline.label}${ran}${id}`, { cause: error, requestId: facts.requestId });
  }
  const failure = !(error instanceof FcInvokeError) && isTransportError(error) ? toNetworkError(error, facts.url) : error;
  if (!(failure instanceof NetworkError)) return null;
  const hint = facts.retryHint ? `: use ${facts.retryHint} for safely retryable invocations` : '';
  const ran = !facts.async && !wasNotSent(failure) ? `; the function may have run${hint}` : '';
  const requestId = facts.requestId ?? failure.requestId;
  return new NetworkError(failure.code, `${failure.message}${id}${ran}`, { cause: failure.cause, requestId });
}
