// Progress for people on stderr: how often to draw it, and the line itself. The batch core
// reports through callbacks; the command decides whether and where to draw (style.md §10).

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
  /** Fraction of the input read, 0..1, when the input's size is known (for the ETA). */
  inputFraction: number | null;
  errors: number;
  inFlight: number;
  elapsedMs: number;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Seconds left from the rate so far; null until there is a rate and a known end. */
export function estimateRemainingMs(state: ProgressState): number | null {
  if (state.done === 0 || state.elapsedMs <= 0) return null;
  if (state.total !== null) return ((state.total - state.done) * state.elapsedMs) / state.done;
  if (state.inputFraction !== null && state.inputFraction > 0) {
    return (state.elapsedMs * (1 - state.inputFraction)) / state.inputFraction;
  }
  return null;
}

/** `1200/10000 · 512.3/s · 3 errors · 32 in flight · ETA 17 s` (no line break). */
export function renderProgress(state: ProgressState): string {
  const rate = state.elapsedMs > 0 ? (state.done / state.elapsedMs) * 1000 : 0;
  const parts = [
    state.total === null ? `${state.done} done` : `${state.done}/${state.total}`,
    `${rate.toFixed(1)}/s`,
    `${state.errors} error${state.errors === 1 ? '' : 's'}`,
    `${state.inFlight} in flight`,
  ];
  const eta = estimateRemainingMs(state);
  if (eta !== null) parts.push(`ETA ${formatDuration(eta)}`);
  return parts.join(' · ');
}
