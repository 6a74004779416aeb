// `fcinvoke run … --batch FILE | --repeat N`: many invocations over one keep-alive pool,
// one JSON line per event on stdout in input order, progress and a summary on stderr.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { InterruptedError } from '../errors.js';
import type { InvocationClient } from '../fc/invocation.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { atomicFileSink, type OutputSink } from '../io/output-sink.js';
import { renderWarning } from '../ui/render.js';
import { createStyle, type Style } from '../ui/style.js';
import { openBatchSource } from '../batch/batch-input.js';
import { batchSleep, inputErrorResult, invokeEvent, type EventContext, type LineDocument } from '../batch/invoke-event.js';
import { NdjsonWriter } from '../batch/ndjson-writer.js';
import { LIVE_INTERVAL_MS, PLAIN_INTERVAL_MS, ProgressThrottle, renderProgress } from '../batch/progress.js';
import { runBatch, windowFor, type BatchState } from '../batch/run-batch.js';
import { FanOutWaiter, pollFanOut } from '../batch/async-fanout.js';
import { settleWait } from '../batch/settle-wait.js';
import { abortableSleep } from '../fc/sleep.js';
import { buildSummary, renderBatchSummary, type BatchSummary } from '../batch/summary.js';
import { BatchTally } from '../batch/tally.js';
import { ThrottleController } from '../batch/throttle-controller.js';
import { formatBytes } from '../io/event-source.js';
import { collectOldGenerationEarly } from '../io/flat-memory.js';
import type { BatchPlan } from './batch-options.js';
import { resolveConnection } from './connection.js';
import { writeText, type CommandContext } from './context.js';
import { loadTransport } from './network.js';

/** After Ctrl-C, invocations in flight get this long to finish before they are cut off. */
export const GRACE_MS = 5_000;
/** With --wait: an accepted invocation that no listing shows for this long is given up on. */
const NOT_LISTED_MS = 30_000;

interface Progress {
  /** Erases the live line (if drawn) so that other output on the same terminal starts clean; the next tick redraws it. */
  clear(): void;
  stop(): void;
}

function startProgress(ctx: CommandContext, plan: BatchPlan, read: () => Parameters<typeof renderProgress>[0]): Progress {
  if (plan.run.quiet) return { clear() {}, stop() {} };
  const live = Boolean(ctx.stderr.isTTY && !ctx.env.CI && ctx.env.TERM !== 'dumb');
  const interval = live ? LIVE_INTERVAL_MS : PLAIN_INTERVAL_MS;
  const throttle = new ProgressThrottle(interval, () => performance.now(), live);
  let drawn = false;
  const timer = setInterval(() => {
    if (!throttle.due()) return;
    const line = renderProgress(read());
    ctx.stderr.write(live ? `\r\u001b[2K${line}` : `progress: ${line}\n`);
    drawn = live;
  }, interval);
  timer.unref();
  const clear = () => {
    if (drawn) ctx.stderr.write('\r\u001b[2K');
    drawn = false;
  };
  return {
    clear,
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}

/** Runs the batch; resolves to the exit code of the worst class (docs/batch.md). */
export async function runBatchCommand(plan: BatchPlan, ctx: CommandContext): Promise<number> {
  collectOldGenerationEarly();
  const style = await createStyle(ctx.stderr, ctx.env);
  const info = (text: string) => (plan.run.quiet ? Promise.resolve() : writeText(ctx.stderr, text));
  const connection = await resolveConnection(plan.run.settingsFlags, ctx, (w) => info(renderWarning(w, style)));
  const { settings } = connection;
  const timeoutSeconds = plan.run.timeout ?? settings.timeout?.value;
  const retries = plan.run.retries ?? settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries;
  // --wait needs IDs to find the invocations again; without a prefix, one is made up.
  const asyncIdPrefix = plan.asyncIdPrefix ?? (plan.wait ? `batch-${ctx.now().getTime().toString(36)}${randomBytes(3).toString('hex')}` : undefined);

  const summarySink: OutputSink | null = plan.summaryJson ? await atomicFileSink(plan.summaryJson) : null;
  const { createDispatcher } = await loadTransport();
  const ca = plan.run.caFile ? await loadTrustedCas(plan.run.caFile, ctx.env) : undefined;
  // One keep-alive pool for the whole batch, one connection per invocation in flight: an
  // uncapped pool opens extra connections whenever an answer is read but its connection
  // not yet marked free, and each costs a handshake.
  const dispatcher = createDispatcher(
    {
      connections: plan.concurrency,
      ...(plan.run.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: plan.run.connectTimeoutMs }),
      ...(plan.run.idleTimeoutMs === undefined ? {} : { bodyTimeoutMs: plan.run.idleTimeoutMs }),
      ...(ca ? { ca } : {}),
    },
    ctx.env,
  );
  const stop = new AbortController();
  const kill = new AbortController();
  // Every request in flight listens on these two (undici, the retry sleeps): not a leak.
  setMaxListeners(0, stop.signal, kill.signal);
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = () => {
    stop.abort(ctx.signal.reason);
    graceTimer = setTimeout(() => kill.abort(ctx.signal.reason), GRACE_MS);
    void info(`\n${style.yellow('stopping:')} no new invocations; waiting up to ${GRACE_MS / 1000} s for the ${state.inFlight} in flight\n`);
  };
  const state: BatchState = { inFlight: 0 };
  if (ctx.signal.aborted) onSignal();
  else ctx.signal.addEventListener('abort', onSignal, { once: true });
  let outputClosed = false;
  let progress: Progress = { clear() {}, stop() {} };
  const writer = new NdjsonWriter(
    ctx.stdout,
    () => {
      outputClosed = true;
      stop.abort(new Error('stdout closed'));
    },
    // Results and the live line on one terminal: erase the line before results go out.
    ctx.stdout.isTTY ? () => progress.clear() : undefined,
  );
  const started = performance.now();
  try {
    const source = await openBatchSource({ ...plan, data: plan.run.data, event: plan.run.event }, () => ctx.stdin);
    const tally = new BatchTally();
    const throttle = new ThrottleController({ max: plan.concurrency, now: () => performance.now() });
    const client: InvocationClient = {
      api: connection.api,
      connection,
      dispatcher,
      secrets: ctx.secrets,
      environment: { now: ctx.now, sleep: batchSleep(throttle, stop.signal) },
    };
    const eventContext: EventContext = {
      client,
      target: { ...plan.run.target, qualifier: plan.run.target.qualifier ?? settings.qualifier?.value },
      async: plan.async,
      asyncIdPrefix,
      logs: plan.run.logs ?? settings.logs?.value ?? true,
      extraHeaders: plan.run.extraHeaders,
      policy: { ...DEFAULT_RETRY_POLICY, retries },
      throttle,
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      stopSignal: stop.signal,
      killSignal: kill.signal,
      clock: () => performance.now(),
    };
    let total = source.total;
    progress = startProgress(ctx, plan, () => ({
      done: tally.done,
      total,
      inputFraction: source.size ? Math.min(1, source.bytesRead() / source.size) : null,
      errors: tally.errors,
      inFlight: state.inFlight,
      elapsedMs: performance.now() - started,
    }));
    const write = (document: LineDocument) => writer.push(JSON.stringify(document));
    // With --wait, lines go through the waiter, which counts them when their invocation ends.
    const waiter = plan.wait ? new FanOutWaiter(write, tally, () => performance.now(), connection.api) : null;
    let sendingDone = false;
    const waitDeadline = new AbortController();
    const pollSignal = AbortSignal.any([stop.signal, waitDeadline.signal]);
    const polling =
      waiter && asyncIdPrefix
        ? pollFanOut({
            client: {
              api: connection.api,
              baseUrl: connection.baseUrl,
              credentials: connection.credentials,
              accountId: connection.accountId,
              userAgent: connection.userAgent,
              dispatcher,
              signal: pollSignal,
              policy: { ...DEFAULT_RETRY_POLICY, retries },
              now: ctx.now,
              secrets: ctx.secrets,
            },
            target: eventContext.target,
            prefix: asyncIdPrefix,
            waiter,
            sendingDone: () => sendingDone,
            notListedMs: NOT_LISTED_MS,
            sleep: (ms) => abortableSleep(ms, pollSignal),
          })
        : Promise.resolve();
    // Settled here so that a failed list call is never an unhandled rejection while sending.
    const polled = polling.then(
      () => null,
      (error: unknown) => error,
    );
    const result = await runBatch(
      {
        items: source.items,
        onInputEnd: (count) => (total = count),
        firstLine: plan.startLine,
        throttle,
        window: windowFor(plan.concurrency),
        invoke: (line, event) => invokeEvent(eventContext, line, event),
        tooLarge: (line, size) =>
          inputErrorResult(line, plan.async, 'EventTooLarge', `line ${line} is ${formatBytes(size)}, over the ${formatBytes(plan.eventLimit)} limit: shrink it, or raise --max-event-size`),
        emit: (document, outcome) => (waiter ? waiter.add(document, outcome) : write(document)),
        ready: () => writer.ready(),
        tally: waiter ? new BatchTally() : tally,
        stopSignal: stop.signal,
      },
      state,
    );
    sendingDone = true;
    if (waiter) {
      // One budget for the whole wait: --timeout, counted from the last send.
      const budget = timeoutSeconds === undefined ? undefined : setTimeout(() => waitDeadline.abort(), timeoutSeconds * 1000);
      const failure = await polled;
      clearTimeout(budget);
      if (waiter.pendingCount > 0) settleWait(waiter, failure, {
          stopped: stop.signal.aborted,
          timeoutSeconds,
          prefix: asyncIdPrefix ?? '',
          targetArgs: connection.api.targetArgs(plan.run.target),
        });
    }
    await writer.end();
    progress.stop();
    tally.throttled = throttle.events;
    const interrupted = ctx.signal.reason instanceof InterruptedError ? ctx.signal.reason.exitCode : null;
    const summary = buildSummary({
      tally,
      wallMs: performance.now() - started,
      interrupted: result.stopped ? { resumeLine: result.resumeLine, finishedAfter: result.finishedAfter, exitCode: interrupted ?? worst(tally) } : null,
    });
    await report(summary, { ctx, plan, style, outputClosed, summarySink });
    return summary.exitCode;
  } finally {
    progress.stop();
    clearTimeout(graceTimer);
    ctx.signal.removeEventListener('abort', onSignal);
    await summarySink?.abort();
    await dispatcher.close().catch(() => {});
  }
}

function worst(tally: BatchTally): number {
  return buildSummary({ tally, wallMs: 0, interrupted: null }).exitCode;
}

interface ReportInput {
  ctx: CommandContext;
  plan: BatchPlan;
  style: Style;
  outputClosed: boolean;
  summarySink: OutputSink | null;
}

async function report(summary: BatchSummary, input: ReportInput): Promise<void> {
  const { ctx, plan, style } = input;
  if (input.summarySink) {
    await input.summarySink.write(Buffer.from(`${JSON.stringify(summary, null, 2)}\n`));
    await input.summarySink.commit();
  }
  if (input.outputClosed && !plan.run.quiet) await writeText(ctx.stderr, `${style.yellow('stopped:')} standard output was closed\n`);
  // The resume line matters even with --quiet: it is how the user carries on.
  if (!plan.run.quiet) await writeText(ctx.stderr, renderBatchSummary(summary, style));
  else if (summary.interrupted && summary.resumeLine !== null) {
    await writeText(ctx.stderr, `interrupted: resume with --start-line ${summary.resumeLine}\n`);
  }
}
