// `fcinvoke http`: resolve settings, open the body, sign, send through the trigger call, and
// hand the answer to http-deliver.ts; every failure as one line (and a --json document).
import { randomUUID } from 'node:crypto';
import { ExitCode, FcInvokeError, OutputError } from '../errors.js';
import type { TriggerCall } from '../fc/http-trigger/call.js';
import { redactTriggerHeaders, triggerSignatureOf } from '../fc/http-trigger/redact.js';
import { buildTriggerRequest, type TriggerRequestSpec } from '../fc/http-trigger/request.js';
import { SCHEME_API_VERSION } from '../fc/http-trigger/sign.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { openEventSource, type EventSource } from '../io/event-source.js';
import { counted } from '../io/flat-memory.js';
import { openFileSink } from '../io/output-sink.js';
import type { OutputSink } from '../io/sink.js';
import { buildHttpDocument } from '../ui/http-document.js';
import { renderDryRun, renderRequestHead } from '../ui/http-render.js';
import { renderReport } from '../ui/report-json.js';
import { renderFailure, renderWarning } from '../ui/render.js';
import { notWaiting, startWaiting, type Waiting } from '../ui/waiting.js';
import { writeText, type CommandContext } from './context.js';
import { endpointOverrides } from '../config/resolve.js';
import { explainFailure } from './failure-hints.js';
import { resolveHttpConnection, type HttpConnection } from './http-connection.js';
import { createHttpReporter, deliverHttp, type CallState, type HttpReporter } from './http-deliver.js';
import type { HttpPlan } from './http-options.js';
import { resultSink } from './result-sink.js';
import { unreadStdinNote } from './stdin-note.js';
import { loadTransport } from './network.js';

/** Calls the trigger once; resolves to the exit code, throws typed errors for the rest. */
export async function runHttpCommand(plan: HttpPlan, ctx: CommandContext): Promise<number> {
  const style = await ctx.terminal.style('stderr');
  const out = createHttpReporter(ctx, plan.quiet, style);
  const state: CallState = { attempts: 0, trigger: null };
  try {
    return await call(plan, ctx, out, state);
  } catch (thrown) {
    const error = explainFailure(thrown, state.where ?? null);
    if (!plan.json || !(error instanceof FcInvokeError)) throw error;
    // Standard output itself failed: a document cannot get through either.
    if (error instanceof OutputError && error.path === null) throw error;
    // Scripts reading --json get a document for every failure and interruption (with what is
    // known: attempts, the answer's status and headers), and the one-line message on stderr.
    const { trigger, answer } = state;
    const document = buildHttpDocument({
      ok: false,
      apiVersion: trigger ? SCHEME_API_VERSION[trigger.scheme] : null,
      url: trigger?.url ?? null,
      method: plan.trigger.method,
      status: answer?.status ?? null,
      headers: answer?.headers ?? null,
      meta: answer?.meta ?? null,
      body: null,
      error,
      attempts: state.attempts,
    });
    try {
      await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`);
    } finally {
      await out.error(renderFailure(error, style));
    }
    return error.exitCode;
  }
}

async function call(plan: HttpPlan, ctx: CommandContext, out: HttpReporter, state: CallState): Promise<number> {
  const connection = await resolveHttpConnection(
    plan,
    ctx,
    (w) => out.info(renderWarning(w, out.style)),
    (trigger) => (state.trigger = trigger),
  );
  const { settings } = connection;
  state.where = { url: connection.trigger.url, endpointSource: settings.endpoint?.source ?? null, ignoredFlags: endpointOverrides(settings, plan.settingsFlags), env: ctx.env };
  const source = await openEventSource({ data: plan.data, event: plan.event, stdin: () => ctx.stdin, limit: plan.bodyLimit, signal: ctx.signal });
  let sink: OutputSink | null = null;
  try {
    const unread = unreadStdinNote(ctx.terminal.stdin, ctx.terminal.stderr.tty, plan.data !== undefined || plan.event !== undefined, out.style, 'the request has no body');
    if (unread) await out.info(unread);
    const spec: TriggerRequestSpec = { ...connection.trigger, contentLength: source.size };
    if (plan.dryRun) {
      await printDryRun(connection, spec, source, plan, ctx);
      return ExitCode.ok;
    }
    sink = plan.output ? await openFileSink(plan.output, { signal: ctx.signal, pid: ctx.pid }) : plan.json ? null : resultSink(ctx);
    return await send(plan, ctx, out, state, { connection, spec, source, sink });
  } finally {
    await sink?.abort();
    await source.dispose();
  }
}

async function printDryRun(connection: HttpConnection, spec: TriggerRequestSpec, source: EventSource, plan: HttpPlan, ctx: CommandContext): Promise<void> {
  const request = buildTriggerRequest(spec, connection.signer, connection.userAgent, { date: ctx.now(), nonce: randomUUID() });
  ctx.secrets.addSignature(triggerSignatureOf(request));
  const headers = redactTriggerHeaders(request.headers);
  const body = { bytes: source.size, from: source.label };
  const text = plan.json
    ? `${renderReport({ method: request.method, url: request.url, apiVersion: SCHEME_API_VERSION[spec.scheme], auth: spec.auth, headers, body }, ctx.secrets.scrub, 2)}\n`
    : renderDryRun(request.method, request.url, headers, body);
  await writeText(ctx.stdout, ctx.secrets.scrub(text));
}

interface Prepared {
  connection: HttpConnection;
  spec: TriggerRequestSpec;
  source: EventSource;
  sink: OutputSink | null;
}

async function send(plan: HttpPlan, ctx: CommandContext, out: HttpReporter, state: CallState, prepared: Prepared): Promise<number> {
  const { connection, spec, source } = prepared;
  const { settings } = connection;
  const timeoutSeconds = plan.timeout ?? settings.timeout?.value;
  const retries = plan.retries ?? settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries;
  const [{ createDispatcher }, { callHttpTrigger }] = await Promise.all([loadTransport(), import('../fc/http-trigger/call.js')]);
  const ca = plan.caFile ? await loadTrustedCas(plan.caFile, ctx.env) : undefined;
  const dispatcher = createDispatcher(
    {
      ...(plan.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: plan.connectTimeoutMs }),
      ...(plan.idleTimeoutMs === undefined ? {} : { bodyTimeoutMs: plan.idleTimeoutMs }),
      ...(ca ? { ca } : {}),
    },
    ctx.env,
  );
  const timeoutSignal = timeoutSeconds === undefined ? undefined : AbortSignal.timeout(timeoutSeconds * 1000);
  const trigger: TriggerCall = {
    spec,
    openBody: () => {
      if (source.size === 0) return null;
      const body = source.open();
      return Buffer.isBuffer(body) ? body : counted(body);
    },
    policy: { ...DEFAULT_RETRY_POLICY, retries },
    signal: timeoutSignal ? AbortSignal.any([ctx.signal, timeoutSignal]) : ctx.signal,
    deadline: timeoutSignal ? { expired: () => timeoutSignal.aborted, label: `--timeout ${timeoutSeconds} s` } : undefined,
  };
  try {
    let waiting: Waiting = notWaiting;
    try {
      waiting = await startWaiting(`${spec.method} ${new URL(spec.url).host}`, { terminal: ctx.terminal, stream: ctx.stderr, quiet: plan.quiet, now: ctx.now });
      const client = { dispatcher, signer: connection.signer, userAgent: connection.userAgent, secrets: ctx.secrets, environment: { now: ctx.now } };
      const outcome = await callHttpTrigger(client, trigger, {
        onRequest: (request) => {
          state.attempts++;
          if (plan.verbose) void out.info(renderRequestHead(request.method, request.url, redactTriggerHeaders(request.headers), out.style));
        },
        onRetry: (info) => void out.info(renderWarning(`attempt ${info.attempt} failed (${info.reason}); retrying in ${info.delayMs} ms`, out.style)),
      });
      waiting.stop();
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (outcome.kind === 'failed') throw outcome.error;
      return await deliverHttp({ plan, ctx, out, sink: prepared.sink, spec, outcome, call: trigger, state });
    } finally {
      waiting.stop();
    }
  } finally {
    await dispatcher.close().catch(() => {});
  }
}
