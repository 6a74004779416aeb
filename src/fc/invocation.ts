// The invocation engine: one InvokeFunction call through the attempt loop, ending in a typed
// outcome (answered, API error, or failed) that `run`, the batch and the programmatic API
// all consume. Interrupts and fcinvoke's own failures are thrown, never made outcomes.
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ApiError, FcInvokeError, NetworkError } from '../errors.js';
import { sendWithRetries, type AttemptEnvironment, type AttemptInfo } from './attempts.js';
import { classifyFailure, type Deadline } from './failure-wording.js';
import type { ApiConnection, FcApi, InvokeSpec, SignedRequest } from './fc-api.js';
import type { Secrets } from './redact.js';
import { answerScrub, scrubApiError, scrubHeaders, scrubMeta, type Scrub } from './answer-scrub.js';
import type { InvocationMeta, ResponseHeaders } from './response.js';
import type { RetryPolicy } from './retry.js';
import { wasNotSent } from './transport-error.js';

/** What stays the same for many invocations: the API, where and as whom, the pool. */
export interface InvocationClient {
  api: FcApi;
  connection: ApiConnection;
  dispatcher: Dispatcher;
  /** Every signature sent is added here, so that later output can be scrubbed of it. */
  secrets?: Secrets | undefined;
  environment?: Partial<AttemptEnvironment> | undefined;
}

/** One call: the invocation itself, its body, and the limits it runs under. */
export interface InvocationCall extends InvokeSpec {
  /** A fresh body for each attempt (null for an empty one). */
  openBody: () => Readable | Buffer | null;
  policy: RetryPolicy;
  /** Aborts the attempts: an interrupt (its reason is rethrown) or the deadline running out. */
  signal?: AbortSignal | undefined;
  deadline?: Deadline | undefined;
  /** What makes a call safely retryable, as the caller's user names it (see FailureFacts). */
  retryHint: string | null;
}

export interface InvocationHooks {
  /** Before each attempt is sent (for --verbose). */
  onRequest?: ((request: SignedRequest) => void) | undefined;
  /** Before waiting for a retry. */
  onRetry?: ((info: AttemptInfo) => void) | undefined;
}

/** The last HTTP answer as it came (for --verbose). */
export interface LastResponse {
  status: number;
  headers: ResponseHeaders;
}

/** The service answered 2xx; the body is not read yet. */
export interface AnsweredOutcome {
  kind: 'answered';
  status: number;
  meta: InvocationMeta;
  body: Readable;
  attempts: number;
  request: SignedRequest;
  response: LastResponse;
  /** This answer's scrub (the run's secrets and this request's signature), for what is made of its body. */
  scrub: Scrub;
  /**
   * A retried async call with an ID was refused as a duplicate (`refusal`): an earlier
   * attempt was accepted after all, and was not sent twice. `status` is then the API's
   * accepted status and `body` is empty.
   */
  acceptedEarlier: boolean;
  refusal?: ApiError | undefined;
}

/** The service refused (HTTP >= 400), after the retries the rule allowed. */
export interface ApiErrorOutcome {
  kind: 'api-error';
  error: ApiError;
  meta: InvocationMeta;
  attempts: number;
  request: SignedRequest;
  response: LastResponse;
  /** This answer's scrub, as for AnsweredOutcome. */
  scrub: Scrub;
  /** A refusal for load (the batch slows down for it). */
  throttled: boolean;
}

/** No usable answer: a transport failure or the deadline. */
export interface FailedOutcome {
  kind: 'failed';
  error: NetworkError;
  /** False only when the request provably never left. */
  mayHaveRun: boolean;
  requestId: string | null;
  /** Attempts sent (0 when none was built). */
  attempts: number;
}

export type InvocationOutcome = AnsweredOutcome | ApiErrorOutcome | FailedOutcome;

/** Runs one invocation to its outcome; throws only interrupts, fcinvoke's own errors and bugs. */
export async function invokeFunction(client: InvocationClient, call: InvocationCall, hooks: InvocationHooks = {}): Promise<InvocationOutcome> {
  const { api, connection } = client;
  const async = call.async || call.asyncId !== undefined;
  let attempts = 0;
  let url = connection.baseUrl;
  try {
    const result = await sendWithRetries({
      api,
      buildRequest: (stamp) => api.buildInvoke(connection, call, stamp),
      openBody: call.openBody,
      dispatcher: client.dispatcher,
      signal: call.signal,
      policy: call.policy,
      idempotent: call.asyncId !== undefined,
      environment: client.environment,
      onRequest: (request) => {
        attempts++;
        url = request.url;
        client.secrets?.addSignature(api.signatureOf(request));
        hooks.onRequest?.(request);
      },
      onRetry: hooks.onRetry,
    });
    const { request } = result;
    const { credentials } = connection;
    const scrub = answerScrub(client.secrets, [api.signatureOf(request), credentials.accessKeySecret, credentials.securityToken]);
    if (result.kind === 'response') {
      const { response } = result;
      return {
        kind: 'answered',
        status: response.status,
        meta: scrubMeta(api.decodeInvocation(response.headers), scrub),
        body: response.body,
        attempts: result.attempts,
        request,
        response: { status: response.status, headers: scrubHeaders(response.headers, scrub) },
        scrub,
        acceptedEarlier: false,
      };
    }
    const { status, headers } = result;
    const meta = scrubMeta(api.decodeInvocation(headers), scrub);
    const error = withRunNote(scrubApiError(result.error, scrub), { async, throttled: result.throttled, retryHint: call.retryHint });
    const response = { status, headers: scrubHeaders(headers, scrub) };
    if (call.asyncId !== undefined && result.attempts > 1 && api.isDuplicateAsyncId(status, error.code)) {
      meta.asyncInvocationId = call.asyncId;
      const body = Readable.from([]);
      return { kind: 'answered', status: api.acceptedStatus, meta, body, attempts: result.attempts, request, response, scrub, acceptedEarlier: true, refusal: error };
    }
    return { kind: 'api-error', error, meta, attempts: result.attempts, request, response, scrub, throttled: result.throttled };
  } catch (error) {
    return settleFailure(error, { ...call, async }, { requestId: null, url, attempts });
  }
}

/**
 * A synchronous call refused with a server error (500, 502, 504; not a throttling refusal)
 * may have run the function before the answer was lost, so a blind retry could run it
 * twice: the message says so, as for a transport failure (failure-wording.ts).
 */
function withRunNote(error: ApiError, call: { async: boolean; throttled: boolean; retryHint: string | null }): ApiError {
  if (call.async || call.throttled || error.status < 500 || error.note !== '') return error;
  const hint = call.retryHint ? `; use ${call.retryHint} for safely retryable invocations` : '';
  return new ApiError(error.code, error.serviceMessage, error.status, error.requestId, { note: ` (not retried: the function may have run${hint})` });
}

/** What settleFailure needs of the call. */
export type FailureContext = Pick<InvocationCall, 'async' | 'signal' | 'deadline' | 'retryHint'>;

/**
 * The failed outcome for an error of an invocation, during the attempts or while its
 * answer is read: fcinvoke's own errors (a changed event file, an interrupt) and anything
 * that is not a transport failure or the deadline are rethrown as they are; an aborted
 * signal before the deadline is an interrupt, rethrown with its reason.
 */
export function settleFailure(error: unknown, call: FailureContext, facts: { requestId: string | null; url: string; attempts: number }): FailedOutcome {
  if (error instanceof FcInvokeError && !(error instanceof NetworkError)) throw error;
  const timedOut = call.deadline?.expired() ?? false;
  if (!timedOut && call.signal?.aborted) throw call.signal.reason ?? error;
  const failure = classifyFailure(error, { async: call.async, requestId: facts.requestId, url: facts.url, deadline: call.deadline, retryHint: call.retryHint });
  if (!failure) throw error;
  return { kind: 'failed', error: failure, mayHaveRun: timedOut || !wasNotSent(failure), requestId: failure.requestId, attempts: facts.attempts };
}
