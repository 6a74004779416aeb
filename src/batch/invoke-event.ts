// One event of a batch: the engine's outcome over the shared pool, the whole answer read,
// and the line's JSON document and outcome class made of it. Nothing here throws for a
// failed invocation; a failure is a document.
import type { FcApi } from '../fc/fc-api.js';
import type { FunctionTarget } from '../fc/names.js';
import { readBody } from '../fc/body.js';
import { sha256Hex } from '../io/event-source.js';
import type { Deadline } from '../fc/failure-wording.js';
import { invokeFunction, settleFailure, type InvocationCall, type InvocationClient, type InvocationOutcome } from '../fc/invocation.js';
import type { RetryPolicy } from '../fc/retry.js';
import { abortableSleep, type Sleep } from '../fc/sleep.js';
import { buildFailureDocument, buildInvocationDocument, type InvocationDocument } from '../ui/json-document.js';
import { scrubReport } from '../ui/report-json.js';
import type { EventOutcome } from './tally.js';
import type { ThrottleController } from './throttle-controller.js';

/** The `--json` document of one invocation plus the input line it came from. */
export type LineDocument = { line: number } & InvocationDocument & {
  /** With --async --wait: the invocation object as the service listed it (null when the wait ended without it). */
  invocation?: unknown;
};

/** What stays the same for every event of a batch. */
export interface EventContext {
  /** The API, the connection and the shared pool; its sleep is the batch's (batchSleep). */
  client: InvocationClient;
  target: FunctionTarget;
  async: boolean;
  /** `<prefix>-<line>` IDs when set. */
  asyncIdPrefix: string | undefined;
  logs: boolean;
  extraHeaders: Readonly<Record<string, string>>;
  policy: RetryPolicy;
  throttle: ThrottleController;
  /** Per event; undefined = no limit. */
  timeoutMs: number | undefined;
  /** Aborted on Ctrl-C: no new attempt starts (waiting retries give up). */
  stopSignal: AbortSignal;
  /** Aborted when the grace period after Ctrl-C has run out: requests in flight are cut. */
  killSignal: AbortSignal;
  clock: () => number;
  /** The body hash to sign for an event (bodyHasher). */
  bodyHash: (event: Buffer) => string | undefined;
  /** This machine ran out of file descriptors before sending (the batch says so once). */
  onLocalLimit?: ((reason: string) => void) | undefined;
}

/**
 * A finished line, or one the stop ended: `sent` when a request was on its way or its
 * answer was being read when it was cut off (the function may have run, or still be
 * running), false when it was cut while waiting to retry a refusal.
 */
export type EventResult = { document: LineDocument; outcome: EventOutcome } | { interrupted: true; sent: boolean };

/** The async invocation ID of a line, `<prefix>-<line>`. */
export function asyncIdOf(prefix: string, line: number): string {
  return `${prefix}-${line}`;
}

/** A document for a line that was never sent (e.g. over the size limit). */
export function inputErrorResult(line: number, call: { async: boolean; apiVersion: string }, code: string, message: string): EventResult {
  const document = buildInvocationDocument({
    status: null,
    invocationType: call.async ? 'Async' : 'Sync',
    meta: null,
    body: null,
    error: { code, message, status: null },
    attempts: 0,
    apiVersion: call.apiVersion,
  });
  return { document: { line, ...document }, outcome: { kind: 'input', code, latencyMs: null, durationMs: null, attempts: 0 } };
}

/**
 * The batch's retry sleep, one for the whole batch: this retry's own backoff or the batch's
 * shared pause, whichever is longer; Ctrl-C (or the event's signal) ends it, and the event
 * then counts as not done.
 */
export function batchSleep(throttle: ThrottleController, stopSignal: AbortSignal): Sleep {
  return (ms, signal) => abortableSleep(Math.max(ms, throttle.pauseRemaining()), signal, stopSignal);
}

const nothing = (): void => {};

interface EventSignal {
  signal: AbortSignal;
  deadline: Deadline | undefined;
  dispose: () => void;
}

/**
 * The signal of one event: the batch's kill signal, plus its own --timeout. Built by hand,
 * not with AbortSignal.any, so that millions of events leave nothing behind on the
 * long-lived batch signal.
 */
function eventSignal(kill: AbortSignal, timeoutMs: number | undefined): EventSignal {
  if (timeoutMs === undefined) return { signal: kill, deadline: undefined, dispose: nothing };
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
    deadline: { expired: () => timedOut, label: `--timeout ${timeoutMs / 1000} s` },
    dispose: () => {
      clearTimeout(timer);
      kill.removeEventListener('abort', onKill);
    },
  };
}

/**
 * The body hash an API signs (FC 3.0), made from each line's own buffer before its headers
 * are sent; undefined when the API signs no body or the body is empty. `--repeat` sends one
 * buffer every time, so the last one's hash is kept.
 */
export function bodyHasher(api: Pick<FcApi, 'signsBody'>): (event: Buffer) => string | undefined {
  let last: { event: Buffer; sha256: string } | null = null;
  return (event) => {
    if (!api.signsBody || event.length === 0) return undefined;
    if (last?.event !== event) last = { event, sha256: sha256Hex(event) };
    return last.sha256;
  };
}

/** Sends one event and reads its whole answer into a document. */
export async function invokeEvent(ctx: EventContext, line: number, event: Buffer): Promise<EventResult> {
  const { signal, deadline, dispose } = eventSignal(ctx.killSignal, ctx.timeoutMs);
  const call: InvocationCall = {
    target: ctx.target,
    async: ctx.async,
    asyncId: ctx.asyncIdPrefix === undefined ? undefined : asyncIdOf(ctx.asyncIdPrefix, line),
    logs: ctx.logs,
    extraHeaders: ctx.extraHeaders,
    contentLength: event.length,
    bodySha256: ctx.bodyHash(event),
    openBody: () => (event.length === 0 ? null : event),
    policy: ctx.policy,
    signal,
    deadline,
    retryHint: '--async-id-prefix',
  };
  const started = ctx.clock();
  // A request on its way (or an answer being read): cut off now, it may have run.
  let sending = false;
  try {
    const outcome = await invokeFunction(ctx.client, call, {
      onRequest: () => {
        sending = true;
      },
      onRetry: (info) => {
        sending = false;
        if (info.throttled) ctx.throttle.onThrottled(info.delayMs);
        else if (info.localLimit) {
          ctx.throttle.onLocalLimit(info.delayMs);
          ctx.onLocalLimit?.(info.reason);
        }
      },
    });
    return await documentOf(ctx, call, line, outcome, started);
  } catch (error) {
    if (ctx.stopSignal.aborted && (ctx.killSignal.aborted || error === ctx.stopSignal.reason)) return { interrupted: true, sent: sending };
    // Anything else is a bug in fcinvoke: stop the batch loudly rather than hide it in a line.
    throw error;
  } finally {
    dispose();
  }
}

async function documentOf(ctx: EventContext, call: InvocationCall, line: number, outcome: InvocationOutcome, started: number): Promise<EventResult> {
  const invocationType = ctx.async ? 'Async' : 'Sync';
  const { version: apiVersion } = ctx.client.api;
  if (outcome.kind === 'answered') {
    let body: Buffer;
    try {
      body = await readBody(outcome.body);
    } catch (error) {
      return documentOf(ctx, call, line, settleFailure(error, call, { requestId: outcome.meta.requestId, url: outcome.request.url, attempts: outcome.attempts }), started);
    }
    const latencyMs = ctx.clock() - started;
    ctx.throttle.onSuccess();
    const { meta, attempts } = outcome;
    const document = buildInvocationDocument({ status: outcome.status, invocationType, meta, body, error: null, attempts, apiVersion });
    const kind = meta.functionError === null ? 'ok' : 'function';
    // A line is a report: scrubbed whole with its own request's signature, however many were sent since.
    return { document: scrubReport({ line, ...document }, outcome.scrub), outcome: { kind, latencyMs, durationMs: meta.durationMs, attempts } };
  }
  if (outcome.kind === 'api-error') {
    // Throttled even after the retries: the rest of the batch should still back off.
    if (outcome.throttled) ctx.throttle.onThrottled(ctx.policy.baseMs);
    const { error, attempts } = outcome;
    const document = buildFailureDocument({ error, invocationType, attempts, meta: outcome.meta, apiVersion });
    const latencyMs = ctx.clock() - started;
    return { document: scrubReport({ line, ...document }, outcome.scrub), outcome: { kind: 'api', code: error.code, latencyMs, durationMs: null, attempts } };
  }
  const { error, attempts } = outcome;
  const document = buildFailureDocument({ error, invocationType, attempts, apiVersion });
  const latencyMs = attempts > 0 ? ctx.clock() - started : null;
  const scrub = ctx.client.secrets?.scrub ?? ((text: string) => text);
  return { document: scrubReport({ line, ...document }, scrub), outcome: { kind: 'transport', code: error.code, latencyMs, durationMs: null, attempts } };
}
