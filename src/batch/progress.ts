// Progress for people on stderr: how often to draw it, and the line itself. The batch core
// reports through callbacks; the command decides whether and where to draw (style.md §10).
import { formatElapsed } from '../ui/time-text.js';

/** Live redraws on a terminal; plain lines in CI and logs, at most this often. */
export const LIVE_INTERVAL_MS = 100;
export const PLAIN_INTERVAL_MS = 5_000;

/** Says when a progress line is due: never more than once per interval. */
export class ProgressThrottle {
  private last: number;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    /** Plain lines wait a whole interval before the first one; live ones draw at once. */
    firstImmediately: boolean,
  ) {
    this.last = firstImmediately ? -Infinity : now();
  }

  due(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}

export interface ProgressState {
  done: number;
  /** Known for --repeat, and for a file once it has been read to its end. */
  total: number | null;
  /** For a file still being read: its lines extrapolated from those read so far (lines per byte × size). */
  estimatedTotal: number | null;
  errors: number;
  inFlight: number;
  elapsedMs: number;
}

/** Time left at the rate so far; null until there is a rate and a known or estimated end. */
export function estimateRemainingMs(state: ProgressState): number | null {
  if (state.done === 0 || state.elapsedMs <= 0) return null;
  const end = state.total ?? state.estimatedTotal;
  if (end === null) return null;
  return (Math.max(0, end - state.done) * state.elapsedMs) / state.done;
}

/**
 * `1200/10000 · 512.3/s · 3 errors · 32 in flight · ETA 17 s` (no line break), `1200/~10000`
 * while the total is an estimate, fitted to `width`: the parts that matter least go first
 * (in flight, the rate, the errors, the ETA), and what still does not fit is cut with `…`.
 */
export function renderProgress(state: ProgressState, width = Infinity): string {
  const rate = state.elapsedMs > 0 ? (state.done / state.elapsedMs) * 1000 : 0;
  const count =
    state.total !== null ? `${state.done}/${state.total}` : state.estimatedTotal !== null ? `${state.done}/~${Math.max(state.done, state.estimatedTotal)}` : `${state.done} done`;
  const eta = estimateRemainingMs(state);
  const parts: (string | null)[] = [
    count,
    `${rate.toFixed(1)}/s`,
    `${state.errors} error${state.errors === 1 ? '' : 's'}`,
    `${state.inFlight} in flight`,
    eta === null ? null : `ETA ${formatElapsed(eta)}`,
  ];
  const line = () => parts.filter((part): part is string => part !== null).join(' · ');
  for (const drop of DROP_ORDER) {
    if (line().length <= width) break;
    parts[drop] = null;
  }
  const text = line();
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Which parts of the line go first when it is too wide: in flight, the rate, the errors, then the ETA. */
const DROP_ORDER = [3, 1, 2, 4];
