// `fcinvoke run`: resolve settings, open the event, sign, send with the retry rule, and
// hand the answer to run-deliver.ts.
import { loadTransport } from './network.js';
import { Readable } from 'node:stream';
import { ApiError, ExitCode, FcInvokeError, NetworkError, OutputError } from '../errors.js';
import { redactHeaders } from '../fc/redact.js';
import { buildInvokeRequest, type SignedRequest } from '../fc/request.js';
import { decodeInvocationHeaders } from '../fc/response.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { counted } from '../io/flat-memory.js';
import { openEventSource, type EventSource } from '../io/event-source.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { openFileSink, stdoutSink, type OutputSink } from '../io/output-sink.js';
import { buildInvocationDocument } from '../ui/json-document.js';
import { renderError, renderHeaders, renderWarning } from '../ui/render.js';
import { noSpinner, spinnerWanted, startSpinner, type Spinner } from '../ui/spinner.js';
import { createStyle, plainStyle } from '../ui/style.js';
import { readApiError } from '../fc/api-error.js';
import { isTransportError, toNetworkError, wasNotSent } from '../fc/transport-error.js';
import type { FunctionTarget } from '../fc/names.js';
import type { RunWaitContext } from './async-run.js';
import { resolveConnection, type Connection } from './connection.js';
import { writeText, type CommandContext } from './context.js';
import { createReporter, deliver, type Reporter } from './run-deliver.js';
import type { RunPlan } from './run-options.js';

/** What the attempt loop has done so far, for documents about failures. */
interface Progress {
  attempts: number;
}

/** Runs one invocation; resolves to the exit code, throws typed errors for the rest. */
export async function runCommand(plan: RunPlan, ctx: CommandContext): Promise<number> {
  const style = await createStyle(ctx.stderr, ctx.env);
  const out = createReporter(ctx, plan, style);
  const progress: Progress = { attempts: 0 };
  try {
    return await invoke(plan, ctx, out, progress);
  } catch (error) {
    if (!plan.json || !(error instanceof FcInvokeError) || error.exitCode >= ExitCode.sighup) throw error;
    // Standard output itself failed: a document cannot get through either.
    if (error instanceof OutputError && error.path === null) throw error;
    // Scripts reading --json get a document for every failure, and the one-line message on stderr.
    const status = error instanceof ApiError ? error.status : null;
    const document = buildInvocationDocument({
      status,
      invocationType: plan.async ? 'Async' : 'Sync',
      meta: null,
      body: null,
      error: { code: error.code, message: error.message, status },
      attempts: progress.attempts,
    });
    if (error instanceof ApiError || error instanceof NetworkError || error instanceof OutputError) document.requestId = error.requestId;
    await writeText(ctx.stdout, `${JSON.stringify(document, null, 2)}\n`);
    await out.error(renderError(error.message, style));
    return error.exitCode;
  }
}

async function invoke(plan: RunPlan, ctx: CommandContext, out: Reporter, progress: Progress): Promise<number> {
  const connection = await resolveConnection(plan.settingsFlags, ctx, (w) => out.info(renderWarning(w, out.style)));
  const { settings, credentials, baseUrl, accountId, userAgent } = connection;
  const target = { ...plan.target, qualifier: plan.target.qualifier ?? settings.qualifier?.value };
  const logs = plan.logs ?? settings.logs?.value ?? true;
  const timeoutSeconds = plan.timeout ?? settings.timeout?.value;
  const retries = plan.retries ?? settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries;

  const source = await openEventSource({
    data: plan.data,
    event: plan.event,
    stdin: () => ctx.stdin,
    limit: { bytes: plan.eventLimit, setBy: plan.eventLimitSetBy },
    signal: ctx.signal,
  });
  let sink: OutputSink | null = null;
  try {
    const buildRequest = (): SignedRequest =>
      buildInvokeRequest({
        baseUrl,
        target,
        credentials,
        accountId,
        async: plan.async,
        asyncId: plan.asyncId,
        logs,
        extraHeaders: plan.extraHeaders,
        contentLength: source.size,
        date: ctx.now(),
        userAgent,
      });
    if (plan.dryRun) {
      await printDryRun(buildRequest(), source, plan, ctx);
      return ExitCode.ok;
    }
    sink = plan.output ? await openFileSink(plan.output, { signal: ctx.signal }) : plan.json ? null : stdoutSink(ctx.stdout);
    return await send({ plan, ctx, out, source, sink, buildRequest, timeoutSeconds, retries, progress, connection, target });
  } finally {
    await sink?.abort();
    await source.dispose();
  }
}

async function printDryRun(request: SignedRequest, source: EventSource, plan: RunPlan, ctx: CommandContext): Promise<void> {
  const headers = redactHeaders(request.headers);
  if (plan.json) {
    const document = { method: request.method, url: request.url, headers, body: { bytes: source.size, from: source.label } };
    await writeText(ctx.stdout, `${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const lines = [`${request.method} ${request.url}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', `(body: ${source.size} bytes from ${source.label}; not sent)`];
  await writeText(ctx.stdout, `${lines.join('\n')}\n`);
}

interface SendInput {
  plan: RunPlan;
  ctx: CommandContext;
  out: Reporter;
  source: EventSource;
  sink: OutputSink | null;
  buildRequest: () => SignedRequest;
  timeoutSeconds: number | undefined;
  retries: number;
  progress: Progress;
  /** For --wait, which goes on with the same connection. */
  connection: Connection;
  target: FunctionTarget;
}

const ASYNC_HEADERS_TIMEOUT_MS = 30_000;

/**
 * The service's rejection of a reused stateful async invocation ID. Its exact code is not
 * documented (fc2-protocol §5.3, "unconfirmed"); the emulator says
 * StatefulAsyncInvocationAlreadyExists, so any 409 "already exists"/"duplicate" counts.
 */
function isDuplicateAsyncId(status: number, code: string): boolean {
  return status === 409 || /AlreadyExist|Duplicate/i.test(code);
}

async function send(input: SendInput): Promise<number> {
  const { plan, ctx, out, source, sink } = input;
  const [{ createDispatcher }, { invokeWithRetries }] = await Promise.all([loadTransport(), import('../fc/invoke.js')]);
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
  const timeoutSignal = input.timeoutSeconds === undefined ? undefined : AbortSignal.timeout(input.timeoutSeconds * 1000);
  const signal = timeoutSignal ? AbortSignal.any([ctx.signal, timeoutSignal]) : ctx.signal;
  let spinner: Spinner = noSpinner;
  let requestId: string | null = null;
  const { progress } = input;
  let lastUrl = '';
  try {
    if (spinnerWanted(ctx) && !plan.quiet) {
      spinner = await startSpinner(`invoking ${plan.target.service}/${plan.target.functionName}`, ctx.stderr, out.style !== plainStyle);
    }
    const result = await invokeWithRetries({
      buildRequest: input.buildRequest,
      openBody: () => {
        if (source.size === 0) return null;
        const body = source.open();
        return Buffer.isBuffer(body) ? body : counted(body);
      },
      dispatcher,
      signal,
      policy: { ...DEFAULT_RETRY_POLICY, retries: input.retries },
      idempotent: plan.asyncId !== undefined,
      onRequest: (request) => {
        progress.attempts++;
        lastUrl = request.url;
        if (plan.verbose) void out.info(renderHeaders(`> ${request.method} ${request.url}`, redactHeaders(request.headers), out.style));
      },
      onRetry: (info) => {
        void out.info(renderWarning(`attempt ${info.attempt} failed (${info.reason}); retrying in ${info.delayMs} ms`, out.style));
      },
    });
    spinner.stop();
    const { response } = result;
    const meta = decodeInvocationHeaders(response.headers);
    requestId = meta.requestId;
    if (plan.verbose) await out.info(renderHeaders(`< HTTP ${response.status}`, response.headers, out.style));
    let status = response.status;
    let body: Readable = response.body;
    if (status >= 400) {
      const error = await readApiError(status, response.headers, response.body, ctx.now());
      if (!(plan.asyncId && result.attempts > 1 && isDuplicateAsyncId(status, error.code))) throw error;
      // An earlier attempt reached the service after all: the ID proves it was accepted once.
      await out.info(renderWarning(`an earlier attempt was accepted (the retry got ${error.code}); it was not sent twice`, out.style));
      status = 202;
      body = Readable.from([]);
      meta.asyncInvocationId = plan.asyncId;
    }
    const wait: RunWaitContext = {
      connection: input.connection,
      target: input.target,
      dispatcher,
      signal,
      deadline: timeoutSignal,
      timeoutSeconds: input.timeoutSeconds,
      retries: input.retries,
    };
    return await deliver({ plan, ctx, out, sink, meta, status, body, attempts: result.attempts, wait });
  } catch (error) {
    spinner.stop();
    // A --wait that ran out of time has already said so (and how to check on the invocation).
    if (timeoutSignal?.aborted && !ctx.signal.aborted && !(error instanceof NetworkError && error.code === 'Timeout')) {
      const ran = plan.async ? '' : '; the function may have run';
      throw new NetworkError('Timeout', `no complete answer within --timeout ${input.timeoutSeconds} s${ran}${requestId ? ` (request ID ${requestId})` : ''}`, { cause: error, requestId });
    }
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (!(error instanceof FcInvokeError) && isTransportError(error)) error = toNetworkError(error, lastUrl);
    if (error instanceof NetworkError) {
      const ran = !plan.async && !wasNotSent(error) ? '; the function may have run: use --async-id for safely retryable invocations' : '';
      throw new NetworkError(error.code, `${error.message}${requestId ? ` (request ID ${requestId})` : ''}${ran}`, { cause: error.cause, requestId });
    }
    throw error;
  } finally {
    await dispatcher.close().catch(() => {});
  }
}
