// One event of a batch: sign, send with the retry rule over the shared pool, read the whole
// answer, and turn it into the line's JSON document and its outcome class. Nothing here
// throws for a failed invocation; a failure is a document.
import type { Dispatcher } from 'undici';
import type { Credentials } from '../credentials.js';
import { FcInvokeError, NetworkError } from '../errors.js';
import { readApiError, readBody } from '../fc/api-error.js';
import { invokeWithRetries, type AttemptInfo } from '../fc/invoke.js';
import type { FunctionTarget } from '../fc/names.js';
import { buildInvokeRequest } from '../fc/request.js';
import { decodeInvocationHeaders } from '../fc/response.js';
import type { RetryPolicy } from '../fc/retry.js';
import { isTransportError, toNetworkError, wasNotSent } from '../fc/transport-error.js';
import { buildInvocationDocument, type InvocationDocument } from '../ui/json-document.js';
import type { EventOutcome } from './tally.js';
import type { ThrottleController } from './throttle-controller.js';

/** The `--json` document of one invocation plus the input line it came from. */
export type LineDocument = { line: number } & InvocationDocument & {
  /** With --async --wait: the invocation object as the service listed it (null when the wait ended without it). */
  invocation?: unknown;
};

/** What stays the same for every event of a batch. */
export interface EventContext {
  baseUrl: string;
  target: FunctionTarget;
  credentials: Credentials;
  accountId: string | undefined;
  userAgent: string;
  async: boolean;
  /** `<prefix>-<line>` IDs when set. */
  asyncIdPrefix: string | undefined;
  logs: boolean;
  extraHeaders: Readonly<Record<string, string>>;
  dispatcher: Dispatcher;
  policy: RetryPolicy;
  throttle: ThrottleController;
  /** Per event; undefined = no limit. */
  timeoutMs: number | undefined;
  /** Aborted on Ctrl-C: no new attempt starts (waiting retries give up). */
  stopSignal: AbortSignal;
  /** Aborted when the grace period after Ctrl-C has run out: requests in flight are cut. */
  killSignal: AbortSignal;
  now: () => Date;
  clock: () => number;
}

export type EventResult = { document: LineDocument; outcome: EventOutcome } | { interrupted: true };

/** The async invocation ID of a line, `<prefix>-<line>`. */
export function asyncIdOf(prefix: string, line: number): string {
  return `${prefix}-${line}`;
}

/** A document for a line that was never sent (e.g. over the size limit). */
export function inputErrorResult(line: number, async: boolean, code: string, message: string): EventResult {
  const document = buildInvocationDocument({
    status: null,
    invocationType: async ? 'Async' : 'Sync',
    meta: null,
    body: null,
    error: { code, message, status: null },
    attempts: 0,
  });
  return { document: { line, ...document }, outcome: { kind: 'input', code, latencyMs: null, durationMs: null, attempts: 0 } };
}

const sleeps = new WeakMap<EventContext, (ms: number, signal?: AbortSignal) => Promise<void>>();

/** The batch's retry sleep (one per batch, not one per event). */
function sharedSleep(ctx: EventContext): (ms: number, signal?: AbortSignal) => Promise<void> {
  const known = sleeps.get(ctx);
  if (known) return known;
  // Waits for this retry's own backoff or the batch's shared pause, whichever is longer;
  // Ctrl-C (or this event's signal) ends the wait, and the event then counts as not done.
  const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    const wait = Math.max(ms, ctx.throttle.pauseRemaining());
    const signals = signal ? [signal, ctx.stopSignal] : [ctx.stopSignal];
    return new Promise((resolve, reject) => {
      const aborted = signals.find((s) => s.aborted);
      if (aborted) return reject(aborted.reason);
      const cleanup = () => {
        clearTimeout(timer);
        for (const s of signals) s.removeEventListener('abort', onAbort);
      };
      const onAbort = function (this: AbortSignal) {
        cleanup();
        reject(this.reason);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve();
      }, wait);
      for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
    });
  };
  sleeps.set(ctx, sleep);
  return sleep;
}

const never = (): boolean => false;
const nothing = (): void => {};

/**
 * The signal of one event: the batch's kill signal, plus its own --timeout. Built by hand,
 * not with AbortSignal.any, so that millions of events leave nothing behind on the
 * long-lived batch signal.
 */
function eventSignal(kill: AbortSignal, timeoutMs: number | undefined): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  if (timeoutMs === undefined) return { signal: kill, timedOut: never, dispose: nothing };
  const controller = new AbortController();
  let timedOut = false;
  const onKill = () => controller.abort(kill.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  }, timeoutMs);
  if (kill.aborted) onKill();
  else kill.addEventListener('abort', onKill, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      kill.removeEventListener('abort', onKill);
    },
  };
}

/** Sends one event and reads its whole answer into a document. */
export async function invokeEvent(ctx: EventContext, line: number, event: Buffer): Promise<EventResult> {
  const { signal, timedOut, dispose } = eventSignal(ctx.killSignal, ctx.timeoutMs);
  try {
    return await sendEvent(ctx, line, event, signal, timedOut);
  } finally {
    dispose();
  }
}

async function sendEvent(ctx: EventContext, line: number, event: Buffer, signal: AbortSignal, timedOut: () => boolean): Promise<EventResult> {
  const asyncId = ctx.asyncIdPrefix === undefined ? undefined : asyncIdOf(ctx.asyncIdPrefix, line);
  const invocationType = ctx.async ? 'Async' : 'Sync';
  const started = ctx.clock();
  let attempts = 0;
  let lastUrl = '';
  try {
    const result = await invokeWithRetries({
      buildRequest: () =>
        buildInvokeRequest({
          baseUrl: ctx.baseUrl,
          target: ctx.target,
          credentials: ctx.credentials,
          accountId: ctx.accountId,
          async: ctx.async,
          asyncId,
          logs: ctx.logs,
          extraHeaders: ctx.extraHeaders,
          contentLength: event.length,
          date: ctx.now(),
          userAgent: ctx.userAgent,
        }),
      openBody: () => (event.length === 0 ? null : event),
      dispatcher: ctx.dispatcher,
      signal,
      policy: ctx.policy,
      idempotent: asyncId !== undefined,
      sleep: sharedSleep(ctx),
      onRequest: (request) => {
        attempts++;
        lastUrl = request.url;
      },
      onRetry: (info: AttemptInfo) => {
        if (info.status === 429 || info.status === 503) ctx.throttle.onThrottled(info.delayMs);
      },
    });
    const { response } = result;
    const meta = decodeInvocationHeaders(response.headers);
    if (response.status >= 400) {
      const error = await readApiError(response.status, response.headers, response.body, ctx.now());
      // Throttled even after the retries: the rest of the batch should still back off.
      if (response.status === 429 || response.status === 503) ctx.throttle.onThrottled(ctx.policy.baseMs);
      const document = buildInvocationDocument({
        status: response.status,
        invocationType,
        meta,
        body: null,
        error: { code: error.code, message: error.message, status: response.status },
        attempts: result.attempts,
      });
      const latencyMs = ctx.clock() - started;
      return { document: { line, ...document }, outcome: { kind: 'api', code: error.code, latencyMs, durationMs: null, attempts: result.attempts } };
    }
    const body = await readBody(response.body);
    const latencyMs = ctx.clock() - started;
    ctx.throttle.onSuccess();
    const document = buildInvocationDocument({ status: response.status, invocationType, meta, body, error: null, attempts: result.attempts });
    const kind = meta.functionError === null ? 'ok' : 'function';
    return { document: { line, ...document }, outcome: { kind, latencyMs, durationMs: meta.durationMs, attempts: result.attempts } };
  } catch (error) {
    if (ctx.stopSignal.aborted && (ctx.killSignal.aborted || error === ctx.stopSignal.reason)) return { interrupted: true };
    const failure = transportFailure(error, timedOut(), ctx, lastUrl);
    const document = buildInvocationDocument({
      status: null,
      invocationType,
      meta: null,
      body: null,
      error: { code: failure.code, message: failure.message, status: null },
      attempts,
    });
    document.requestId = failure.requestId;
    const latencyMs = attempts > 0 ? ctx.clock() - started : null;
    return { document: { line, ...document }, outcome: { kind: 'transport', code: failure.code, latencyMs, durationMs: null, attempts } };
  }
}

function transportFailure(error: unknown, timedOut: boolean, ctx: EventContext, url: string): NetworkError {
  if (timedOut) {
    const ran = ctx.async ? '' : '; the function may have run';
    return new NetworkError('Timeout', `no complete answer within --timeout ${(ctx.timeoutMs ?? 0) / 1000} s${ran}`, { cause: error });
  }
  let failure = error;
  if (!(failure instanceof FcInvokeError) && isTransportError(failure)) failure = toNetworkError(failure, url);
  if (failure instanceof NetworkError) {
    const ran = !ctx.async && !wasNotSent(failure) ? '; the function may have run' : '';
    return new NetworkError(failure.code, `${failure.message}${ran}`, { cause: failure.cause, requestId: failure.requestId });
  }
  // Anything else is a bug in fcinvoke: stop the batch loudly rather than hide it in a line.
  throw failure;
}
