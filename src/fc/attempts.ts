// The attempt loop: send, and send again while the retry rule allows (fc2-protocol §5.3);
// each attempt re-opens the body and is signed afresh with its own date and nonce.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { type ApiError, NetworkError } from '../errors.js';
import { readApiError } from './api-error.js';
import type { FcApi, SignedRequest, SignStamp } from './fc-api.js';
import { isServiceAnswer, unexpectedStatusError } from './final-status.js';
import { firstHeader, type ResponseHeaders } from './response.js';
import { backoffDelay, isRetryable, parseRetryAfter, type RetryPolicy } from './retry.js';
import { sendRequest, type SentResponse } from './send.js';
import { abortableSleep, type Sleep } from './sleep.js';
import { isFinalTransport, isLocalLimit, wasNotSent } from './transport-error.js';

export interface AttemptInfo {
  attempt: number;
  delayMs: number;
  reason: string;
  /** The HTTP status that is being retried; absent for a transport failure. */
  status?: number;
  /** The service refused for load (the batch slows down for these). */
  throttled: boolean;
  /** This machine ran out of file descriptors before sending (the batch opens fewer connections at once). */
  localLimit?: boolean;
}

/** What the loop reads from outside, injectable for tests: clock, randomness, nonces, sleep. */
export interface AttemptEnvironment {
  now: () => Date;
  random: () => number;
  nonce: () => string;
  sleep: Sleep;
}

const DEFAULT_ENVIRONMENT: AttemptEnvironment = {
  now: () => new Date(),
  random: Math.random,
  nonce: randomUUID,
  sleep: abortableSleep,
};

/**
 * What an answer is, for calls whose every answer belongs to the caller (HTTP triggers: the
 * function's status, whatever it is): returned as it came, or sent again while attempts remain.
 */
export type AnswerJudge = (status: number, headers: ResponseHeaders) => { retry: false } | { retry: true; throttled: boolean };

/**
 * How answers are read: by an API's rules (below 400 an answer, the rest an ApiError read by
 * `api`), or by `judgeAnswer` alone.
 */
export type AnswerRules = { api: FcApi; judgeAnswer?: undefined } | { api?: undefined; judgeAnswer: AnswerJudge };

/**
 * Extra attempts for a connection this machine could not open for lack of file descriptors
 * (nothing was sent, and the batch is opening fewer connections meanwhile).
 */
const LOCAL_LIMIT_RETRIES = 8;
/** Backoff stops growing here (200 ms × 2⁶ is past the 10 s cap anyway). */
const RETRY_EXPONENT_CAP = 6;

export type AttemptLoopInput = AnswerRules & {
  /** The signed request of one attempt. */
  buildRequest: (stamp: SignStamp) => SignedRequest;
  openBody: () => Readable | Buffer | null;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  /** True when a retry after the body was sent cannot run the function twice (async with an ID). */
  idempotent: boolean;
  environment?: Partial<AttemptEnvironment> | undefined;
  /** Called before each sent request. */
  onRequest?: ((request: SignedRequest) => void) | undefined;
  /** Called before waiting for a retry. */
  onRetry?: ((info: AttemptInfo) => void) | undefined;
};

export type AttemptResult =
  | { kind: 'response'; request: SignedRequest; response: SentResponse; attempts: number }
  | { kind: 'api-error'; request: SignedRequest; status: number; headers: ResponseHeaders; error: ApiError; throttled: boolean; attempts: number };

/**
 * Sends until a 2xx answer (with a judge: an answer it does not send again, or the last), an
 * API error that is not retried (without a judge a final 1xx or 3xx is one: see
 * final-status.ts), or a transport failure that is not; the last is thrown (a NetworkError),
 * as is anything that ends the wait (the signal's reason) and a failure of the body stream
 * itself.
 */
export async function sendWithRetries(input: AttemptLoopInput): Promise<AttemptResult> {
  const env = input.environment ? { ...DEFAULT_ENVIRONMENT, ...input.environment } : DEFAULT_ENVIRONMENT;
  const { api, policy } = input;
  // Attempts that ran out of file descriptors before connecting do not use up the budget (up to a cap).
  let localExtra = 0;
  for (let attempt = 0; ; attempt++) {
    const request = input.buildRequest({ date: env.now(), nonce: env.nonce() });
    input.onRequest?.(request);
    const attempts = attempt + 1;
    let response: SentResponse;
    try {
      response = await sendRequest(request, input.openBody(), { dispatcher: input.dispatcher, signal: input.signal });
    } catch (error) {
      const outcome = wasNotSent(error) ? { kind: 'not-sent' as const } : { kind: 'transport-after-send' as const };
      const local = isLocalLimit(error);
      if (local && policy.retries > 0 && localExtra < LOCAL_LIMIT_RETRIES) localExtra++;
      if (!(error instanceof NetworkError) || attempt >= policy.retries + localExtra || isFinalTransport(error) || !isRetryable(outcome, input.idempotent)) throw error;
      const delayMs = backoffDelay(Math.min(attempt, RETRY_EXPONENT_CAP), policy, env.random, null);
      input.onRetry?.({ attempt: attempts, delayMs, reason: error.message, throttled: false, ...(local ? { localLimit: true } : {}) });
      await env.sleep(delayMs, input.signal);
      continue;
    }
    const { status, headers } = response;
    const last = attempt >= policy.retries;
    const judged = input.judgeAnswer?.(status, headers);
    if (judged) {
      // Every answer is the caller's (an HTTP trigger's 3xx is the function's): shown, never followed.
      if (!judged.retry || last) return { kind: 'response', request, response, attempts };
    } else {
      if (!isServiceAnswer(status)) {
        // Not FC's answer (a redirect, a stray 1xx): a refusal of its own, never retried or followed.
        response.body.resume();
        return { kind: 'api-error', request, status, headers, error: unexpectedStatusError(status, headers), throttled: false, attempts };
      }
      if (status < 400) return { kind: 'response', request, response, attempts };
    }
    const retryAfter = parseRetryAfter(firstHeader(headers, 'retry-after'), env.now());
    const retry = async (throttled: boolean): Promise<void> => {
      const delayMs = backoffDelay(attempt, policy, env.random, retryAfter);
      input.onRetry?.({ attempt: attempts, delayMs, reason: `HTTP ${status}`, status, throttled });
      await env.sleep(delayMs, input.signal);
    };
    if (judged || !api) {
      // A refusal the judge sends again (`api` is absent only with a judge): its body is not needed.
      response.body.resume();
      await retry(judged?.retry === true && judged.throttled);
      continue;
    }
    let error: ApiError;
    try {
      error = await readApiError(api, status, headers, response.body, env.now());
    } catch (failure) {
      // The refusal arrived, its body did not: retried as its status alone says, else thrown.
      const throttled = api.isThrottling(status);
      if (last || !isRetryable({ kind: 'status', status, throttled }, input.idempotent)) throw failure;
      await retry(throttled);
      continue;
    }
    const throttled = api.isThrottling(status, error.code);
    if (last || !isRetryable({ kind: 'status', status, throttled }, input.idempotent)) {
      return { kind: 'api-error', request, status, headers, error, throttled, attempts };
    }
    await retry(throttled);
  }
}
