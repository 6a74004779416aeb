// One invocation with the retry rule: each attempt re-opens the event and is signed afresh.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { NetworkError } from '../errors.js';
import type { SignedRequest } from './request.js';
import { backoffDelay, isRetryable, parseRetryAfter, type RetryPolicy } from './retry.js';
import { sendRequest, type SentResponse } from './send.js';
import { wasNotSent } from './transport-error.js';

export interface AttemptInfo {
  attempt: number;
  delayMs: number;
  reason: string;
  /** The HTTP status that is being retried; absent for a transport failure. */
  status?: number;
}

export interface InvokeWithRetriesInput {
  /** Builds the signed request for an attempt (with a fresh Date). */
  buildRequest: () => SignedRequest;
  openBody: () => Readable | Buffer | null;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  /** True when a retry after the body was sent cannot run the function twice (async with an ID). */
  idempotent: boolean;
  random?: () => number;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each sent request (for --verbose). */
  onRequest?: (request: SignedRequest) => void;
  /** Called before waiting for a retry. */
  onRetry?: (info: AttemptInfo) => void;
}

export interface InvokeResult {
  request: SignedRequest;
  response: SentResponse;
  attempts: number;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function firstHeader(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Sends until success, a non-retryable answer, or the retries run out. */
export async function invokeWithRetries(input: InvokeWithRetriesInput): Promise<InvokeResult> {
  const random = input.random ?? Math.random;
  const now = input.now ?? (() => new Date());
  const sleep = input.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const request = input.buildRequest();
    input.onRequest?.(request);
    let response: SentResponse;
    try {
      response = await sendRequest(request, input.openBody(), { dispatcher: input.dispatcher, signal: input.signal });
    } catch (error) {
      const outcome = wasNotSent(error) ? { kind: 'not-sent' as const } : { kind: 'transport-after-send' as const };
      if (!(error instanceof NetworkError) || attempt >= input.policy.retries || !isRetryable(outcome, input.idempotent)) {
        throw error;
      }
      const delayMs = backoffDelay(attempt, input.policy, random, null);
      input.onRetry?.({ attempt: attempt + 1, delayMs, reason: error.message });
      await sleep(delayMs, input.signal);
      continue;
    }
    const outcome = { kind: 'status' as const, status: response.status };
    if (response.status < 400 || attempt >= input.policy.retries || !isRetryable(outcome, input.idempotent)) {
      return { request, response, attempts: attempt + 1 };
    }
    response.body.resume();
    const retryAfter = parseRetryAfter(firstHeader(response.headers['retry-after']), now());
    const delayMs = backoffDelay(attempt, input.policy, random, retryAfter);
    input.onRetry?.({ attempt: attempt + 1, delayMs, reason: `HTTP ${response.status}`, status: response.status });
    await sleep(delayMs, input.signal);
  }
}
