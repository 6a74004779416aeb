// `fcinvoke run`: resolve settings, open the event, sign, send through the invocation
// engine, and hand the answer to run-deliver.ts.
import { randomUUID } from 'node:crypto';
import { loadTransport } from './network.js';
import { ExitCode, FcInvokeError, OutputError } from '../errors.js';
import type { InvokeSpec } from '../fc/fc-api.js';
import type { InvocationCall, InvocationOutcome } from '../fc/invocation.js';
import type { FunctionTarget } from '../fc/names.js';
import type { InvocationMeta } from '../fc/response.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { counted } from '../io/flat-memory.js';
import { openEventSource, type EventSource } from '../io/event-source.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { openFileSink, type OutputSink } from '../io/output-sink.js';
import { buildFailureDocument } from '../ui/json-document.js';
import { renderFailure, renderHeaders, renderWarning } from '../ui/render.js';
import { notWaiting, startWaiting, type Waiting } from '../ui/waiting.js';
import type { RunWaitContext } from './async-run.js';
import { endpointOverrides } from '../config/resolve.js';
import { resolveConnection, type Connection } from './connection.js';
import { explainFailure, type EndpointFacts } from './failure-hints.js';
import { writeText, type CommandContext } from './context.js';
import { resultSink } from './result-sink.js';
import { unreadStdinNote } from './stdin-note.js';
import { createReporter, deliver, type Reporter } from './run-deliver.js';
import type { RunPlan } from './run-options.js';
import { renderReport } from '../ui/report-json.js';

/** The call as far as it is known before sending: everything but the limits it runs under. */
type PreparedCall = Omit<InvocationCall, 'policy' | 'signal' | 'deadline'>;

/** What is known so far, for the --json document of a failure or an interruption. */
interface AttemptCount {
  attempts: number;
  /** The answer's status and invocation headers, once the service answered. */
  answer: { status: number; meta: InvocationMeta } | null;
  /** Where the call goes, once the settings are known (to name the real cause of a failure). */
  where: EndpointFacts | null;
}

/** Runs one invocation; resolves to the exit code, throws typed errors for the rest. */
export async function runCommand(plan: RunPlan, ctx: CommandContext): Promise<number> {
  const style = await ctx.terminal.style('stderr');
  const out = createReporter(ctx, plan, style);
  const count: AttemptCount = { attempts: 0, answer: null, where: null };
  try {
    return await invoke(plan, ctx, out, count);
  } catch (thrown) {
    const error = explainFailure(thrown, count.where);
    if (!plan.json || !(error instanceof FcInvokeError)) throw error;
    // Standard output itself failed: a document cannot get through either.
    if (error instanceof OutputError && error.path === null) throw error;
    // Scripts reading --json get a document for every failure and interruption (with what is
    // known: attempts, the answer's headers), and the one-line message on stderr.
    const document = buildFailureDocument({
      error,
      invocationType: plan.async ? 'Async' : 'Sync',
      attempts: count.attempts,
      meta: count.answer?.meta,
      status: count.answer?.status,
      apiVersion: plan.api.version,
    });
    try {
      await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`);
    } finally {
      await out.error(renderFailure(error, style));
    }
    return error.exitCode;
  }
}

async function invoke(plan: RunPlan, ctx: CommandContext, out: Reporter, count: AttemptCount): Promise<number> {
  const connection = await resolveConnection(plan.settingsFlags, plan.api, ctx, (w) => out.info(renderWarning(w, out.style)));
  const { settings } = connection;
  count.where = { url: connection.baseUrl, endpointSource: settings.endpoint?.source ?? null, ignoredFlags: endpointOverrides(settings, plan.settingsFlags), env: ctx.env };
  const target = { ...plan.target, qualifier: plan.target.qualifier ?? settings.qualifier?.value };
  const source = await openEventSource({
    data: plan.data,
    event: plan.event,
    stdin: () => ctx.stdin,
    limit: { bytes: plan.eventLimit, setBy: plan.eventLimitSetBy },
    signal: ctx.signal,
  });
  let sink: OutputSink | null = null;
  try {
    const unread = unreadStdinNote(ctx.terminal.stdin, ctx.terminal.stderr.tty, plan.data !== undefined || plan.event !== undefined, out.style);
    if (unread) await out.info(unread);
    const call: PreparedCall = {
      target,
      async: plan.async,
      asyncId: plan.asyncId,
      logs: plan.logs ?? settings.logs?.value ?? true,
      extraHeaders: plan.extraHeaders,
      contentLength: source.size,
      // Signed (FC 3.0), so known before the headers leave: a first pass over a file (the
      // send then verifies it sends the same bytes), computed while stdin was spooled.
      bodySha256: connection.api.signsBody && source.size > 0 ? await source.sha256() : undefined,
      openBody: () => {
        if (source.size === 0) return null;
        const body = source.open();
        return Buffer.isBuffer(body) ? body : counted(body);
      },
      retryHint: '--async-id',
    };
    if (plan.dryRun) {
      await printDryRun(connection, call, source, plan, ctx);
      return ExitCode.ok;
    }
    sink = plan.output ? await openFileSink(plan.output, { signal: ctx.signal, pid: ctx.pid }) : plan.json ? null : resultSink(ctx);
    return await send({ plan, ctx, out, sink, call, connection, target, count });
  } finally {
    await sink?.abort();
    await source.dispose();
  }
}

async function printDryRun(connection: Connection, spec: InvokeSpec, source: EventSource, plan: RunPlan, ctx: CommandContext): Promise<void> {
  const { api } = connection;
  const request = api.buildInvoke(connection, spec, { date: ctx.now(), nonce: randomUUID() });
  ctx.secrets.addSignature(api.signatureOf(request));
  const headers = api.redactHeaders(request.headers);
  if (plan.json) {
    const document = { method: request.method, url: request.url, headers, body: { bytes: source.size, from: source.label }, apiVersion: api.version };
    await writeText(ctx.stdout, `${renderReport(document, ctx.secrets.scrub, 2)}\n`);
    return;
  }
  const lines = [`${request.method} ${request.url}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', `(body: ${source.size} bytes from ${source.label}; not sent)`];
  await writeText(ctx.stdout, `${lines.join('\n')}\n`);
}

interface SendInput {
  plan: RunPlan;
  ctx: CommandContext;
  out: Reporter;
  sink: OutputSink | null;
  call: PreparedCall;
  /** For --wait, which goes on with the same connection. */
  connection: Connection;
  target: FunctionTarget;
  count: AttemptCount;
}

const ASYNC_HEADERS_TIMEOUT_MS = 30_000;

async function send(input: SendInput): Promise<number> {
  const { plan, ctx, out, connection, count } = input;
  const { api, settings } = connection;
  const timeoutSeconds = plan.timeout ?? settings.timeout?.value;
  const retries = plan.retries ?? settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries;
  const [{ createDispatcher }, { invokeFunction, settleFailure }] = await Promise.all([loadTransport(), import('../fc/invocation.js')]);
  const ca = plan.caFile ? await loadTrustedCas(plan.caFile, ctx.env) : undefined;
  // The service answers an async call at once; a silent one is worth retrying when an ID makes it safe.
  const headersTimeoutMs = plan.asyncId ? ASYNC_HEADERS_TIMEOUT_MS : 0;
  const dispatcher = createDispatcher(
    {
      headersTimeoutMs,
      ...(plan.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: plan.connectTimeoutMs }),
      ...(plan.idleTimeoutMs === undefined ? {} : { bodyTimeoutMs: plan.idleTimeoutMs }),
      ...(ca ? { ca } : {}),
    },
    ctx.env,
  );
  const timeoutSignal = timeoutSeconds === undefined ? undefined : AbortSignal.timeout(timeoutSeconds * 1000);
  const call: InvocationCall = {
    ...input.call,
    policy: { ...DEFAULT_RETRY_POLICY, retries },
    signal: timeoutSignal ? AbortSignal.any([ctx.signal, timeoutSignal]) : ctx.signal,
    deadline: timeoutSignal ? { expired: () => timeoutSignal.aborted, label: `--timeout ${timeoutSeconds} s` } : undefined,
  };
  try {
    let waiting: Waiting = notWaiting;
    let outcome: InvocationOutcome;
    try {
      const name = input.target.service ? `${input.target.service}/${input.target.functionName}` : input.target.functionName;
      waiting = await startWaiting(`invoking ${name}`, { terminal: ctx.terminal, stream: ctx.stderr, quiet: plan.quiet, now: ctx.now });
      outcome = await invokeFunction({ api, connection, dispatcher, secrets: ctx.secrets, environment: { now: ctx.now } }, call, {
        onRequest: (request) => {
          count.attempts++;
          if (plan.verbose) void out.info(renderHeaders(`> ${request.method} ${request.url}`, api.redactHeaders(request.headers), out.style));
        },
        onRetry: (info) => {
          void out.info(renderWarning(`attempt ${info.attempt} failed (${info.reason}); retrying in ${info.delayMs} ms`, out.style));
        },
      });
    } finally {
      waiting.stop();
    }
    if (outcome.kind !== 'failed') count.answer = { status: outcome.response.status, meta: outcome.meta };
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (outcome.kind === 'failed') throw outcome.error;
    if (plan.verbose) await out.info(renderHeaders(`< HTTP ${outcome.response.status}`, outcome.response.headers, out.style));
    if (outcome.kind === 'api-error') throw outcome.error;
    if (outcome.refusal) {
      await out.info(renderWarning(`an earlier attempt was accepted (the retry got ${outcome.refusal.code}); it was not sent twice`, out.style));
    }
    const wait: RunWaitContext = { connection, target: input.target, dispatcher, signal: call.signal ?? ctx.signal, deadline: timeoutSignal, timeoutSeconds, retries };
    try {
      return await deliver({ plan, ctx, out, sink: input.sink, api, outcome, wait });
    } catch (error) {
      // A failure while the answer streams in (or during --wait) is worded like any other.
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw settleFailure(error, call, { requestId: outcome.meta.requestId, url: outcome.request.url, attempts: outcome.attempts }).error;
    }
  } finally {
    await dispatcher.close().catch(() => {});
  }
}
