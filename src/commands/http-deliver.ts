// The second half of `http`: an answer delivered. The body to stdout, -o or the --json
// document, byte-exact; the status line, -i's head, the log tail and the summary on stderr;
// FC's refusals and --async answers other than 202 as failures; the exit code by the contract.
import type { Readable } from 'node:stream';
import { ApiError, ExitCode, FcInvokeError, toResultLost, type AcceptedCall } from '../errors.js';
import { readBody } from '../fc/body.js';
import { readRefusal } from '../fc/http-trigger/answer.js';
import { scrubResponseHeaders } from '../fc/http-trigger/redact.js';
import type { TriggerAnswered, TriggerCall } from '../fc/http-trigger/call.js';
import type { ResolvedTrigger } from '../fc/http-trigger/plan.js';
import type { TriggerRequestSpec } from '../fc/http-trigger/request.js';
import type { InvocationMeta } from '../fc/response.js';
import { SCHEME_API_VERSION } from '../fc/http-trigger/sign.js';
import { settleFailure } from '../fc/invocation.js';
import { parseFunctionErrorBody } from '../fc/response.js';
import type { OutputSink } from '../io/sink.js';
import { buildHttpDocument } from '../ui/http-document.js';
import { renderAccepted, renderResponseHead, renderStatusLine } from '../ui/http-render.js';
import { renderReport } from '../ui/report-json.js';
import { renderError, renderFunctionError, renderLogs, renderSummary, renderWarning } from '../ui/render.js';
import { stackTraceLines } from '../ui/stack-trace.js';
import type { Style } from '../ui/style.js';
import { writeText, type CommandContext } from './context.js';
import { takeBody } from './result-body.js';
import { endResultLine, noteWithheld } from './result-sink.js';
import type { EndpointFacts } from './failure-hints.js';
import type { HttpPlan } from './http-options.js';

/** FC's refusals are small JSON; more is not read. */
const REFUSAL_BODY_LIMIT = 1024 * 1024;

/** What the command knows so far, for the --json document of a failure. */
export interface CallState {
  attempts: number;
  /** The request, once the settings made it. */
  trigger: ResolvedTrigger | null;
  /** Where the call goes, once the settings are known (to name the real cause of a failure). */
  where?: EndpointFacts | null;
  /** The answer's status, headers (scrubbed) and what FC said, once it answered. */
  answer?: { status: number; headers: Record<string, string | string[]>; meta: InvocationMeta } | null;
}

/** Where `http` writes for people, every text scrubbed of the run's secrets: `info` is silenced by --quiet, `error` never is. */
export interface HttpReporter {
  style: Style;
  info(text: string): Promise<void>;
  error(text: string): Promise<void>;
}

export function createHttpReporter(ctx: CommandContext, quiet: boolean, style: Style): HttpReporter {
  return {
    style,
    info: (text) => (quiet ? Promise.resolve() : writeText(ctx.stderr, ctx.secrets.scrub(text))),
    error: (text) => writeText(ctx.stderr, ctx.secrets.scrub(text)),
  };
}

export interface HttpDeliverInput {
  plan: HttpPlan;
  ctx: CommandContext;
  out: HttpReporter;
  sink: OutputSink | null;
  spec: TriggerRequestSpec;
  outcome: TriggerAnswered;
  call: TriggerCall;
  state: CallState;
}

/** Delivers an answer; a failure while its body streams in is worded like any transport failure. */
export async function deliverHttp(input: HttpDeliverInput): Promise<number> {
  try {
    return await deliver(input);
  } catch (error) {
    const { ctx, call, outcome } = input;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw settleFailure(error, { async: call.spec.async, signal: call.signal, deadline: call.deadline, retryHint: null }, {
      requestId: outcome.meta.requestId,
      url: outcome.request.url,
      attempts: outcome.attempts,
    }).error;
  }
}

async function deliver(input: HttpDeliverInput): Promise<number> {
  const { plan, ctx, out, sink, spec, outcome } = input;
  const { status, meta, answer, attempts } = outcome;
  const headers = scrubResponseHeaders(outcome.headers, ctx.secrets.scrub);
  input.state.answer = { status, headers, meta };
  // An accepted async call has not necessarily run: what is lost is its acceptance, named by its ID.
  const acceptance = (lost?: string): AcceptedCall | null =>
    spec.async && answer === 'ok' ? { requestId: meta.requestId, asyncId: meta.asyncInvocationId, asyncIdLabel: 'async invocation ID', lost } : null;
  // A refusal's line names its status; a function's answer outside 2xx gets its status line.
  if (plan.include || plan.verbose) await out.info(renderResponseHead(status, headers, out.style));
  else if (answer !== 'refused' && status >= 400) await out.error(renderStatusLine(status, headers, out.style));
  else if (answer !== 'refused' && (status < 200 || status >= 300)) await out.info(renderStatusLine(status, headers, out.style));
  const documentText = (body: Buffer | null, error: FcInvokeError | null) => {
    const document = buildHttpDocument({
      ok: answer === 'ok',
      apiVersion: SCHEME_API_VERSION[spec.scheme],
      url: outcome.request.url,
      method: spec.method,
      status,
      headers,
      meta,
      body,
      error,
      attempts,
    });
    return `${renderReport(document, ctx.secrets.scrub, 2)}\n`;
  };

  if (answer === 'refused') {
    const scheme = spec.auth === 'function' ? spec.scheme : null;
    const error = readRefusal(status, headers, await readBody(outcome.body, REFUSAL_BODY_LIMIT), { scheme, now: ctx.now() });
    if (!plan.json) throw error;
    // FC refused: nothing ran, so a document that cannot be written is only that (exit 6), and the refusal still shows.
    try {
      await writeText(ctx.stdout, documentText(null, error));
    } finally {
      await out.error(renderError(error.message, out.style));
    }
    return error.exitCode;
  }

  if (meta.log.problem) await out.info(renderWarning(meta.log.problem, out.style));
  // Held whole for --json, to read a function error, or when it is small; else streamed.
  const body: Readable | Buffer = await takeBody(outcome.body, outcome.headers, plan.json || answer === 'function-error');
  if (!plan.json && meta.log.text) await out.info(renderLogs(meta.log.text, out.style, { terminal: ctx.terminal.stderr.tty, requestId: meta.requestId }));
  if (sink) await writeBody(sink, body, meta.requestId, acceptance('its answer'));
  const notAccepted =
    answer === 'not-accepted'
      ? new ApiError('NotAccepted', `--async expects HTTP 202 (accepted); the trigger answered HTTP ${status}, so the call was not queued and the function may have run`, status, meta.requestId)
      : null;
  if (plan.json) {
    await writeText(ctx.stdout, documentText(sink ? null : (body as Buffer), notAccepted)).catch((error: unknown) => Promise.reject(toResultLost(error, meta.requestId, acceptance())));
  }
  await noteWithheld(ctx, sink, out.style);
  await endResultLine(ctx, sink, plan.quiet);
  if (spec.async && answer === 'ok') await out.info(renderAccepted(meta.asyncInvocationId, out.style));
  await out.info(renderSummary(meta, out.style, { attempts }, ctx.terminal.stderr.columns()));
  if (notAccepted) {
    await out.error(renderError(notAccepted.message, out.style));
    return notAccepted.exitCode;
  }
  if (answer === 'function-error') {
    await out.error(renderFunctionError(meta.functionError ?? '', parseFunctionErrorBody(body as Buffer), out.style, stackTraceLines(body as Buffer)));
    return ExitCode.functionFailed;
  }
  return answer === 'error-status' ? ExitCode.functionFailed : ExitCode.ok;
}

/** The body to stdout or -o; a destination that fails after the function answered is exit 6, naming the request. */
async function writeBody(sink: OutputSink, body: Readable | Buffer, requestId: string | null, accepted: AcceptedCall | null): Promise<void> {
  try {
    await sink.write(body);
    await sink.commit();
  } catch (error) {
    throw toResultLost(error, requestId, accepted);
  }
}
