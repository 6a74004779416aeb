// The second half of `run`: delivering an answered invocation to stdout, an -o file or the
// --json document, with logs and a summary on stderr, and handing an accepted --wait on.
import type { Readable } from 'node:stream';
import { ExitCode, toResultLost, type AcceptedCall } from '../errors.js';
import type { FcApi } from '../fc/fc-api.js';
import type { AnsweredOutcome } from '../fc/invocation.js';
import { parseFunctionErrorBody } from '../fc/response.js';
import type { OutputSink } from '../io/output-sink.js';
import { buildInvocationDocument, type InvocationDocument } from '../ui/json-document.js';
import { renderFunctionError, renderLogs, renderSummary, renderWarning } from '../ui/render.js';
import { stackTraceLines } from '../ui/stack-trace.js';
import type { Style } from '../ui/style.js';
import type { RunWaitContext } from './async-run.js';
import { writeText, type CommandContext } from './context.js';
import { takeBody } from './result-body.js';
import { endResultLine, noteWithheld } from './result-sink.js';
import type { RunPlan } from './run-options.js';
import { renderReport } from '../ui/report-json.js';

/** Where `run` writes for people: `info` is silenced by --quiet, `error` never is. */
export interface Reporter {
  style: Style;
  info(text: string): Promise<void>;
  error(text: string): Promise<void>;
}

export function createReporter(ctx: CommandContext, plan: RunPlan, style: Style): Reporter {
  return {
    style,
    info: (text) => (plan.quiet ? Promise.resolve() : writeText(ctx.stderr, text)),
    error: (text) => writeText(ctx.stderr, text),
  };
}

export interface DeliverInput {
  plan: RunPlan;
  ctx: CommandContext;
  out: Reporter;
  sink: OutputSink | null;
  api: FcApi;
  outcome: AnsweredOutcome;
  /** For --wait. */
  wait: RunWaitContext;
}

/** Writes the result (stdout, -o or the --json document), logs and summary; waits with --wait. */
export async function deliver(input: DeliverInput): Promise<number> {
  const { plan, ctx, out, sink, outcome } = input;
  const { meta, status, attempts } = outcome;
  if (meta.log.problem) await out.info(renderWarning(meta.log.problem, out.style));
  const failed = meta.functionError !== null;
  const accepted = outcome.acceptedEarlier || input.api.isAsyncAccepted(status);
  // With --wait, the result is the invocation's returnPayload, delivered when it ends.
  const waiting = plan.wait && accepted;
  // An accepted async call has not necessarily run: what is lost is its acceptance, named by its ID.
  const acceptance = (lost?: string): AcceptedCall | null =>
    plan.async && accepted ? { requestId: meta.requestId, asyncId: meta.asyncInvocationId ?? plan.asyncId ?? null, asyncIdLabel: `async ${input.api.nouns.short} ID`, lost } : null;
  // Held whole for --json, to read a function error, or when it is small; else streamed.
  const body: Readable | Buffer = await takeBody(outcome.body, outcome.response.headers, plan.json || failed);
  if (!plan.json && meta.log.text) await out.info(renderLogs(meta.log.text, out.style, { terminal: ctx.terminal.stderr.tty, requestId: meta.requestId }));
  if (sink && !waiting) {
    try {
      await sink.write(body);
      await sink.commit();
    } catch (error) {
      // The function ran: a failed write is a lost result (exit 6), named by its request ID.
      throw toResultLost(error, meta.requestId, acceptance('its answer'));
    }
  }
  let document: InvocationDocument | null = null;
  if (plan.json) {
    document = buildInvocationDocument({
      status,
      invocationType: plan.async ? 'Async' : 'Sync',
      meta,
      body: sink ? null : (body as Buffer),
      error: null,
      attempts,
      outputFile: sink?.path ?? null,
      apiVersion: input.api.version,
    });
    if (!waiting) await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`).catch((error: unknown) => Promise.reject(toResultLost(error, meta.requestId, acceptance())));
  }
  if (!waiting) {
    await noteWithheld(ctx, sink, out.style);
    await endResultLine(ctx, sink, plan.quiet);
  }
  const { nouns } = input.api;
  if (plan.async && accepted) {
    await out.info(`${out.style.green('accepted')} asynchronous ${nouns.short}\n`);
  }
  const versionLabel = input.api.targetRules.service === 'required' ? 'service version' : 'version';
  await out.info(renderSummary(meta, out.style, { attempts, asyncIdLabel: `async ${nouns.short} ID`, versionLabel }, ctx.terminal.stderr.columns()));
  if (waiting) {
    const { waitForAccepted } = await import('./async-run.js');
    return await waitForAccepted({
      ...input.wait,
      ctx,
      style: out.style,
      quiet: plan.quiet,
      invocationId: meta.asyncInvocationId ?? plan.asyncId ?? null,
      requestId: meta.requestId,
      document,
      sink,
    });
  }
  if (failed) {
    await out.error(renderFunctionError(meta.functionError ?? '', parseFunctionErrorBody(body as Buffer), out.style, stackTraceLines(body as Buffer)));
    return ExitCode.functionFailed;
  }
  return ExitCode.ok;
}
