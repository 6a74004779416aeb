// Stopping a batch: the first signal stops sending and gives what is in flight a grace
// period, a second one (CommandContext.urgent) cuts it at once; a closed stdout halts it.
import { setMaxListeners } from 'node:events';
import type { Style } from '../ui/style.js';
import type { BatchState } from '../batch/run-batch.js';
import type { CommandContext } from './context.js';

/** After Ctrl-C, invocations in flight get this long to finish before they are cut off. */
export const GRACE_MS = 5_000;

/** What stopping needs of the running batch. */
export interface StopHost {
  ctx: CommandContext;
  style: Style;
  state: BatchState;
  info: (text: string) => Promise<void>;
}

export interface Stop {
  /** Aborted on Ctrl-C (or a closed stdout): nothing new is sent, waiting retries give up. */
  signal: AbortSignal;
  /** Aborted when the grace period after Ctrl-C has run out: requests in flight are cut. */
  kill: AbortSignal;
  /** Stops sending for another reason than a signal. */
  halt(reason: unknown): void;
  dispose(): void;
}

/**
 * Ctrl-C stops sending at once and cuts what is in flight after GRACE_MS; a second one
 * (ctx.urgent) cuts it at once, and what has finished is still written out with the
 * summary and the resume line.
 */
export function installStop(run: StopHost): Stop {
  const { ctx } = run;
  const stop = new AbortController();
  const kill = new AbortController();
  // Every request in flight listens on these two (undici, the retry sleeps): not a leak.
  setMaxListeners(0, stop.signal, kill.signal);
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = () => {
    stop.abort(ctx.signal.reason);
    graceTimer = setTimeout(() => kill.abort(ctx.signal.reason), GRACE_MS);
    void run.info(`\n${run.style.yellow('stopping:')} no new invocations; waiting up to ${GRACE_MS / 1000} s for the ${run.state.inFlight} in flight\n`);
  };
  const onUrgent = () => {
    clearTimeout(graceTimer);
    stop.abort(ctx.signal.reason ?? ctx.urgent?.reason);
    kill.abort(ctx.signal.reason ?? ctx.urgent?.reason);
    void run.info(`${run.style.yellow('stopping now:')} the ${run.state.inFlight} in flight are cut off; writing out what has finished\n`);
  };
  if (ctx.signal.aborted) onSignal();
  else ctx.signal.addEventListener('abort', onSignal, { once: true });
  ctx.urgent?.addEventListener('abort', onUrgent, { once: true });
  return {
    signal: stop.signal,
    kill: kill.signal,
    halt: (reason) => stop.abort(reason),
    dispose: () => {
      clearTimeout(graceTimer);
      ctx.signal.removeEventListener('abort', onSignal);
      ctx.urgent?.removeEventListener('abort', onUrgent);
    },
  };
}
