// `fcinvoke run … --batch FILE | --repeat N`: many invocations over one keep-alive pool,
// one JSON line per event on stdout in input order, progress and a summary on stderr.
// A few named steps (transport, stop, progress, the async wait, the report) over one
// BatchRun that holds what they share; progress and the wait have files of their own.
import { randomBytes } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { toJsonText } from '../escape.js';
import type { InvocationClient } from '../fc/invocation.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { openFileSink, type OutputSink } from '../io/output-sink.js';
import { renderWarning } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import { FanOutWaiter } from '../batch/async-fanout.js';
import { openBatchSource } from '../batch/batch-input.js';
import { batchSleep, bodyHasher, inputErrorResult, invokeEvent, type EventContext, type LineDocument } from '../batch/invoke-event.js';
import { NdjsonWriter } from '../batch/ndjson-writer.js';
import { runBatch, windowFor, type BatchState } from '../batch/run-batch.js';
import { buildSummary } from '../batch/summary.js';
import { BatchTally } from '../batch/tally.js';
import { ThrottleController } from '../batch/throttle-controller.js';
import { tooLargeError } from '../io/event-source.js';
import { collectOldGenerationEarly } from '../io/flat-memory.js';
import type { BatchPlan } from './batch-options.js';
import { noProgress, startProgress, type ProgressLine } from './batch-progress.js';
import { endOf, report } from './batch-end.js';
import { installStop, type Stop } from './batch-stop.js';
import { startAsyncWait } from './batch-wait.js';
import { resolveConnection, type Connection } from './connection.js';
import { writeText, type CommandContext } from './context.js';
import { loadTransport } from './network.js';

/** What the steps of one batch share while it runs. */
interface BatchRun {
  plan: BatchPlan;
  ctx: CommandContext;
  style: Style;
  connection: Connection;
  /** Notes for people (silent with --quiet). */
  info: (text: string) => Promise<void>;
  timeoutSeconds: number | undefined;
  retries: number;
  /** IDs are `<prefix>-<line>`; made up for --wait when not given. */
  asyncIdPrefix: string | undefined;
  started: number;
  /** Events in flight (kept up to date by the scheduler). */
  state: BatchState;
  /** Events to send in all, once known. */
  total: number | null;
  sendingDone: boolean;
  progress: ProgressLine;
}

/** Runs the batch; resolves to the exit code of the worst class (docs/batch.md). */
export async function runBatchCommand(plan: BatchPlan, ctx: CommandContext): Promise<number> {
  collectOldGenerationEarly();
  const run = await startBatchRun(plan, ctx);
  const summarySink: OutputSink | null = plan.summaryJson ? await openFileSink(plan.summaryJson, { pid: ctx.pid }) : null;
  const dispatcher = await openBatchTransport(run);
  const stop = installStop(run);
  const writer = new NdjsonWriter(
    ctx.stdout,
    (loss) => stop.halt(loss.end.kind === 'failed' ? loss.end.error : new Error('stdout closed')),
    // Results and the live line on one terminal: erase the line before results go out.
    ctx.terminal.stdout.tty ? () => run.progress.clear() : undefined,
  );
  run.started = performance.now();
  try {
    const source = await openBatchSource({ ...plan, data: plan.run.data, event: plan.run.event }, () => ctx.stdin, stop.signal);
    const tally = new BatchTally();
    const throttle = new ThrottleController({ max: plan.concurrency, now: () => performance.now() });
    run.total = source.total;
    run.progress = startProgress(ctx, plan.run.quiet, () => ({
      done: tally.done,
      total: run.total,
      estimatedTotal: source.estimatedTotal(),
      errors: tally.errors,
      inFlight: run.state.inFlight,
      elapsedMs: performance.now() - run.started,
    }));
    const events = eventContext(run, dispatcher, throttle, stop);
    const write = (document: LineDocument) => writer.push(toJsonText(document), document.line);
    // With --wait, lines go through the waiter, which counts them when their invocation ends.
    const waiter = plan.wait ? new FanOutWaiter(write, tally, () => performance.now(), run.connection.api) : null;
    const wait = waiter
      ? startAsyncWait({
          connection: run.connection,
          ctx,
          target: plan.run.target,
          prefix: run.asyncIdPrefix ?? '',
          retries: run.retries,
          timeoutSeconds: run.timeoutSeconds,
          waiter,
          dispatcher,
          stopSignal: stop.signal,
          sendingDone: () => run.sendingDone,
        })
      : null;
    const result = await runBatch(
      {
        items: source.items,
        onInputEnd: (count) => (run.total = count),
        firstLine: plan.startLine,
        throttle,
        window: windowFor(plan.concurrency),
        invoke: (line, event) => invokeEvent(events, line, event),
        tooLarge: (line, size) => inputErrorResult(line, { async: plan.async, apiVersion: plan.run.api.version }, 'EventTooLarge', tooLargeError(`line ${line}`, size, plan.eventLimit).message),
        emit: (document, outcome) => (waiter ? waiter.add(document, outcome) : write(document)),
        ready: () => writer.ready(),
        tally: waiter ? new BatchTally() : tally,
        stopSignal: stop.signal,
      },
      run.state,
    );
    run.sendingDone = true;
    await wait?.finish();
    await writer.end();
    run.progress.stop();
    tally.throttled = throttle.events;
    const end = endOf(result, writer.lossSoFar(), ctx, tally);
    const summary = buildSummary({ tally, wallMs: performance.now() - run.started, interrupted: end.interrupted });
    await report({ ctx, style: run.style, quiet: plan.run.quiet }, summary, summarySink);
    if (end.outputError) throw end.outputError;
    return summary.exitCode;
  } finally {
    run.progress.stop();
    stop.dispose();
    await summarySink?.abort();
    await dispatcher.close().catch(() => {});
  }
}

async function startBatchRun(plan: BatchPlan, ctx: CommandContext): Promise<BatchRun> {
  const style = await ctx.terminal.style('stderr');
  const info = (text: string) => (plan.run.quiet ? Promise.resolve() : writeText(ctx.stderr, text));
  const connection = await resolveConnection(plan.run.settingsFlags, plan.run.api, ctx, (w) => info(renderWarning(w, style)));
  const { settings } = connection;
  return {
    plan,
    ctx,
    style,
    connection,
    info,
    timeoutSeconds: plan.run.timeout ?? settings.timeout?.value,
    retries: plan.run.retries ?? settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries,
    // --wait needs IDs to find the invocations again; without a prefix, one is made up.
    asyncIdPrefix: plan.asyncIdPrefix ?? (plan.wait ? `batch-${ctx.now().getTime().toString(36)}${randomBytes(3).toString('hex')}` : undefined),
    started: performance.now(),
    state: { inFlight: 0 },
    total: null,
    sendingDone: false,
    progress: noProgress,
  };
}

/**
 * One keep-alive pool for the whole batch, one connection per invocation in flight: an
 * uncapped pool opens extra connections whenever an answer is read but its connection
 * not yet marked free, and each costs a handshake.
 */
async function openBatchTransport(run: BatchRun): Promise<Dispatcher> {
  const { plan, ctx } = run;
  const { createDispatcher } = await loadTransport();
  const ca = plan.run.caFile ? await loadTrustedCas(plan.run.caFile, ctx.env) : undefined;
  return createDispatcher(
    {
      connections: plan.concurrency,
      ...(plan.run.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: plan.run.connectTimeoutMs }),
      ...(plan.run.idleTimeoutMs === undefined ? {} : { bodyTimeoutMs: plan.run.idleTimeoutMs }),
      ...(ca ? { ca } : {}),
    },
    ctx.env,
  );
}

function eventContext(run: BatchRun, dispatcher: Dispatcher, throttle: ThrottleController, stop: Stop): EventContext {
  const { plan, ctx, connection } = run;
  const client: InvocationClient = {
    api: connection.api,
    connection,
    dispatcher,
    secrets: ctx.secrets,
    environment: { now: ctx.now, sleep: batchSleep(throttle, stop.signal) },
  };
  return {
    client,
    target: { ...plan.run.target, qualifier: plan.run.target.qualifier ?? connection.settings.qualifier?.value },
    async: plan.async,
    asyncIdPrefix: run.asyncIdPrefix,
    logs: plan.run.logs ?? connection.settings.logs?.value ?? true,
    extraHeaders: plan.run.extraHeaders,
    bodyHash: bodyHasher(connection.api),
    policy: { ...DEFAULT_RETRY_POLICY, retries: run.retries },
    throttle,
    timeoutMs: run.timeoutSeconds === undefined ? undefined : run.timeoutSeconds * 1000,
    stopSignal: stop.signal,
    killSignal: stop.kill,
    clock: () => performance.now(),
    onLocalLimit: once((reason) => {
      const what = `${reason.replace(/; nothing was sent.*$/, '')}: nothing was sent; fewer connections at once from now on (below -c ${plan.concurrency}), and those events are retried; raise the limit (ulimit -n) to go faster`;
      void run.info(renderWarning(what, run.style));
    }),
  };
}

/** `f` the first time only. */
function once<T extends unknown[]>(f: (...args: T) => void): (...args: T) => void {
  let done = false;
  return (...args) => {
    if (done) return;
    done = true;
    f(...args);
  };
}
