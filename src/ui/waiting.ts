// Life while a call runs: on a terminal watched on both streams, an animated spinner with the
// time so far; anywhere else (stdout redirected, a pipe, CI, NO_COLOR) a still line on stderr
// after a few seconds saying what is awaited and since when, then again rarely. ora is
// loaded only for the spinner; --quiet shows neither.
import type { Writable } from 'node:stream';
import type { Terminal } from './terminal.js';
import { formatClock, formatElapsed } from './time-text.js';

export interface Waiting {
  /** What is awaited now (`job-1: Running`). */
  update(text: string): void;
  stop(): void;
}

/** Shows nothing. */
export const notWaiting: Waiting = { update() {}, stop() {} };

/** When still lines are written, in ms from the start; after the last, every STILL_LINE_EVERY_MS. */
const STILL_LINE_AT_MS = [3_000, 30_000, 120_000, 600_000];
const STILL_LINE_EVERY_MS = 600_000;

/** The time of the `n`th still line (0-based), in ms from the start. */
export function stillLineAt(n: number): number {
  const last = STILL_LINE_AT_MS.length - 1;
  return n <= last ? (STILL_LINE_AT_MS[n] ?? 0) : (STILL_LINE_AT_MS[last] ?? 0) + (n - last) * STILL_LINE_EVERY_MS;
}

/** `invoking demo/sleep … 30 s so far (since 21:42:05)`. */
export function renderStillLine(text: string, elapsedMs: number, since: Date): string {
  return `${text} … ${formatElapsed(elapsedMs)} so far (since ${formatClock(since)})\n`;
}

/** The spinner's text: the time so far once it is a second or more. */
export function spinnerText(text: string, elapsedMs: number): string {
  return elapsedMs < 1000 ? text : `${text} (${formatElapsed(elapsedMs)})`;
}

export interface WaitingOptions {
  terminal: Terminal;
  stream: Writable;
  quiet: boolean;
  now?: () => Date;
}

/** Starts showing that `text` is awaited; stop() it when the answer (or a failure) comes. */
export async function startWaiting(text: string, options: WaitingOptions): Promise<Waiting> {
  if (options.quiet) return notWaiting;
  const now = options.now ?? (() => new Date());
  const since = now();
  const elapsed = () => now().getTime() - since.getTime();
  let current = text;
  if (options.terminal.spinner) {
    const { default: ora } = await import('ora');
    // discardStdin would put a terminal stdin in raw mode and swallow Ctrl-C.
    const spinner = ora({ text, stream: options.stream, discardStdin: false, color: options.terminal.stderr.color ? 'cyan' : false, isEnabled: true }).start();
    const tick = setInterval(() => (spinner.text = spinnerText(current, elapsed())), 1000);
    tick.unref();
    return {
      update(next) {
        current = next;
        spinner.text = spinnerText(current, elapsed());
      },
      stop() {
        clearInterval(tick);
        spinner.stop();
      },
    };
  }
  let shown = 0;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      options.stream.write(renderStillLine(current, elapsed(), since), () => {});
      shown++;
      schedule();
    }, Math.max(0, stillLineAt(shown) - elapsed()));
    timer.unref();
  };
  schedule();
  return {
    update(next) {
      current = next;
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
