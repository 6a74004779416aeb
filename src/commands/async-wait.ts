// `--wait` for `run` and `status`: poll until the invocation ends, showing status changes
// (spinner text on a terminal, one line each otherwise, with a still line now and then
// while nothing changes); Ctrl-C and --timeout end the
// wait, never the invocation, and say how to check on it later.
import { ExitCode, NetworkError, toResultLost } from '../errors.js';
import { getAsyncInvocation, type AsyncApiClient, type FetchedInvocation } from '../fc/async-api.js';
import { waitForInvocation } from '../fc/async-wait.js';
import type { FunctionTarget } from '../fc/names.js';
import type { OutputSink } from '../io/output-sink.js';
import { renderStatusChange, renderWaitOutcome, waitingText } from '../ui/async-render.js';
import { renderWarning } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import { startWaiting } from '../ui/waiting.js';
import { writeText, type CommandContext } from './context.js';
import { endResultLine, noteWithheld } from './result-sink.js';

export interface WaitOptions {
  client: AsyncApiClient;
  target: FunctionTarget;
  invocationId: string;
  ctx: CommandContext;
  style: Style;
  quiet: boolean;
  deadline: AbortSignal | undefined;
  timeoutSeconds: number | undefined;
  /** See WaitInput.notFoundGraceMs: for an invocation that was just accepted. */
  notFoundGraceMs?: number;
  /** Hears of every state fetched (the last one is what is known when the wait is cut short). */
  onFetched?: (fetched: FetchedInvocation) => void;
}

/** Waits until the invocation ends; resolves with its last state. */
export async function waitWithProgress(options: WaitOptions): Promise<FetchedInvocation> {
  const { ctx, style, invocationId } = options;
  const { short } = options.client.api.nouns;
  const checkLater = `fcinvoke status ${options.client.api.targetArgs(options.target)} ${invocationId}`;
  const spinner = ctx.terminal.spinner;
  const waiting = await startWaiting(waitingText(null, invocationId), { terminal: ctx.terminal, stream: ctx.stderr, quiet: options.quiet, now: ctx.now });
  // Status changes arrive through a synchronous callback; their output is kept in order here.
  let shown: Promise<void> = Promise.resolve();
  let last: string | null = null;
  try {
    return await waitForInvocation({
      fetch: async () => {
        const fetched = await getAsyncInvocation(options.client, options.target, invocationId);
        options.onFetched?.(fetched);
        return fetched;
      },
      signal: options.client.signal,
      notFoundGraceMs: options.notFoundGraceMs,
      isUnknownId: (error) => options.client.api.isUnknownAsyncId(error),
      onStatus: (invocation) => {
        last = invocation.status;
        if (options.quiet) return;
        waiting.update(waitingText(invocation, invocationId));
        if (!spinner) shown = shown.then(() => writeText(ctx.stderr, renderStatusChange(invocation, style)));
      },
    });
  } catch (error) {
    await shown.catch(() => {});
    waiting.stop();
    if (ctx.signal.aborted) {
      // Shown even with --quiet: it is the only way back to an invocation whose ID was generated.
      await writeText(ctx.stderr, renderWarning(`stopped waiting; the ${short} goes on. Check it with: ${checkLater}`, style));
      throw ctx.signal.reason;
    }
    if (options.deadline?.aborted) {
      const state = last ? ` is still ${last}` : ' has not ended';
      throw new NetworkError('Timeout', `${short} ${invocationId}${state} after --timeout ${options.timeoutSeconds} s; it goes on. Check it with: ${checkLater}`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await shown.catch(() => {});
    waiting.stop();
  }
}

export interface OutcomeOptions {
  ctx: CommandContext;
  style: Style;
  quiet: boolean;
  /** Where `returnPayload` goes (stdout or a -o file); null = nowhere (--json). */
  sink: OutputSink | null;
  /** The request that started the invocation, named when its result cannot be written (else the invocation's own). */
  requestId?: string | null | undefined;
}

/**
 * The end of a wait: `returnPayload` to the sink, the outcome line on stderr (a failure
 * even with --quiet); exit 0 for Succeeded, 1 for any other final status.
 */
export async function deliverOutcome(fetched: FetchedInvocation, options: OutcomeOptions): Promise<number> {
  const { ctx, sink } = options;
  const { invocation } = fetched;
  const succeeded = invocation.status === 'Succeeded';
  if (sink && invocation.returnPayload !== null) {
    try {
      await sink.write(Buffer.from(invocation.returnPayload, 'utf8'));
      await sink.commit();
    } catch (error) {
      // The invocation ran and ended: a failed write is its result lost (exit 6).
      throw toResultLost(error, options.requestId ?? invocation.requestId);
    }
    await noteWithheld(ctx, sink, options.style, 'see it in --json (invocation.returnPayload)');
    await endResultLine(ctx, sink, options.quiet);
  }
  if (!options.quiet || !succeeded) await writeText(ctx.stderr, renderWaitOutcome(invocation, options.style));
  return succeeded ? ExitCode.ok : ExitCode.functionFailed;
}
