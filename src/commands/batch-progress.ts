// The batch's progress line on stderr: live on a terminal (redrawn in place, never wider than
// the terminal, so that it never wraps and scrolls), a plain line now and then in CI and logs,
// nothing with --quiet; batch/progress.ts says what it holds.
import { LIVE_INTERVAL_MS, PLAIN_INTERVAL_MS, ProgressThrottle, renderProgress, type ProgressState } from '../batch/progress.js';
import type { CommandContext } from './context.js';

/** The live (or plain) progress line on stderr. */
export interface ProgressLine {
  /** Erases the live line (if drawn) so that other output on the same terminal starts clean; the next tick redraws it. */
  clear(): void;
  stop(): void;
}

export const noProgress: ProgressLine = { clear() {}, stop() {} };

/** Starts drawing what `read` says; stop() it when the batch ends. */
export function startProgress(ctx: CommandContext, quiet: boolean, read: () => ProgressState): ProgressLine {
  if (quiet) return noProgress;
  const live = ctx.terminal.liveProgress;
  const interval = live ? LIVE_INTERVAL_MS : PLAIN_INTERVAL_MS;
  const throttle = new ProgressThrottle(interval, () => performance.now(), live);
  let drawn = false;
  const timer = setInterval(() => {
    if (!throttle.due()) return;
    // One column short of the width: a line that fills the last column wraps on some terminals.
    const width = live ? (ctx.terminal.stderr.columns() ?? 80) - 1 : Infinity;
    ctx.stderr.write(live ? `\r\u001b[2K${renderProgress(read(), width)}` : `progress: ${renderProgress(read())}\n`);
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
