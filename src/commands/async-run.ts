// `run --async --wait`: after the 202, wait for the accepted invocation to end, then
// deliver its result and judge the exit code by its final status.
import type { Dispatcher } from 'undici';
import { ApiError, FcInvokeError, toResultLost, UsageError } from '../errors.js';
import type { AsyncApiClient, FetchedInvocation } from '../fc/async-api.js';
import type { FcApi } from '../fc/fc-api.js';
import type { FunctionTarget } from '../fc/names.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import type { OutputSink } from '../io/output-sink.js';
import { buildFailureDocument, withAwaited, type InvocationDocument } from '../ui/json-document.js';
import { renderError } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import { deliverOutcome, waitWithProgress } from './async-wait.js';
import type { Connection } from './connection.js';
import { writeText, type CommandContext } from './context.js';
import { renderReport } from '../ui/report-json.js';

/** How long a just-accepted invocation may be "not found" before that is believed. */
const NOT_VISIBLE_YET_MS = 10_000;

/** What `run` hands over for the wait: its connection, dispatcher and limits. */
export interface RunWaitContext {
  connection: Connection;
  target: FunctionTarget;
  dispatcher: Dispatcher;
  /** Ctrl-C and --timeout together. */
  signal: AbortSignal;
  deadline: AbortSignal | undefined;
  timeoutSeconds: number | undefined;
  retries: number;
}

export interface AcceptedInput extends RunWaitContext {
  ctx: CommandContext;
  style: Style;
  quiet: boolean;
  /** The ID the service returned, else the one sent with --async-id. */
  invocationId: string | null;
  requestId: string | null;
  /** The run --json document, printed with the final invocation as `invocation`; null without --json. */
  document: InvocationDocument | null;
  sink: OutputSink | null;
}

/** A NotFound for an ID the service itself returned most likely means the API's async feature is off (stateful invocation, async tasks). */
function withHint(error: unknown, api: FcApi): unknown {
  if (error instanceof ApiError && api.isUnknownAsyncId(error)) {
    const hint = `; if ${api.nouns.asyncInvocations} are off for the function, ${api.nouns.enableAsync}`;
    return new ApiError(error.code, `${error.serviceMessage}${hint}`, error.status, error.requestId);
  }
  return error;
}

/** Waits for the accepted invocation; resolves to the exit code. */
export async function waitForAccepted(input: AcceptedInput): Promise<number> {
  const { ctx, connection } = input;
  if (!input.invocationId) {
    const request = input.requestId ? ` (request ID ${input.requestId})` : '';
    const { nouns } = connection.api;
    throw new UsageError(
      `the invocation was accepted${request} but the service returned no ${nouns.asyncId}, so there is nothing to wait for: ${nouns.enableAsync}, or pass --async-id`,
      { code: 'StatefulInvocationDisabled' },
    );
  }
  const client: AsyncApiClient = {
    api: connection.api,
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    accountId: connection.accountId,
    userAgent: connection.userAgent,
    dispatcher: input.dispatcher,
    signal: input.signal,
    policy: { ...DEFAULT_RETRY_POLICY, retries: input.retries },
    now: ctx.now,
    secrets: ctx.secrets,
  };
  let fetched: FetchedInvocation;
  try {
    fetched = await waitWithProgress({
      client,
      target: input.target,
      invocationId: input.invocationId,
      ctx,
      style: input.style,
      quiet: input.quiet,
      deadline: input.deadline,
      timeoutSeconds: input.timeoutSeconds,
      notFoundGraceMs: NOT_VISIBLE_YET_MS,
    });
  } catch (error) {
    const failure = withHint(error, connection.api);
    if (!input.document || !(failure instanceof FcInvokeError)) throw failure;
    // The --json document still says what was accepted (request and invocation IDs), also
    // when the wait was interrupted: the invocation goes on, and this is how to find it.
    const document = buildFailureDocument({
      error: failure,
      invocationType: input.document.invocationType,
      attempts: input.document.attempts,
      accepted: input.document,
      apiVersion: input.document.apiVersion,
    });
    try {
      await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`);
    } finally {
      await writeText(ctx.stderr, renderError(failure.message, input.style));
    }
    return failure.exitCode;
  }
  if (input.document) {
    const document = withAwaited(input.document, { ok: fetched.invocation.status === 'Succeeded', invocation: fetched.json });
    // The invocation ended: a document that cannot be written is its result lost (exit 6).
    await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`).catch((error: unknown) => Promise.reject(toResultLost(error, input.requestId)));
  }
  return deliverOutcome(fetched, { ctx, style: input.style, quiet: input.quiet, sink: input.sink, requestId: input.requestId });
}
