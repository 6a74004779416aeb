// Checking the batch flags of `run` (--batch, --repeat, -c, --start-line, --summary-json,
// --async-id-prefix), purely, on top of the validated single-run plan.
import { UsageError } from '../errors.js';
import type { BatchInput } from '../batch/batch-input.js';
import type { SizeLimit } from '../io/event-source.js';
import type { RawBatchOptions, RunPlan } from './run-options.js';

export type { RawBatchOptions } from './run-options.js';

export interface BatchPlan {
  run: RunPlan;
  input: BatchInput;
  /** Invocations in flight at most. */
  concurrency: number;
  /** First line (or repetition) to send; earlier ones are skipped. */
  startLine: number;
  summaryJson: string | undefined;
  /** Async invocation IDs are `<prefix>-<line>`; implies async. */
  asyncIdPrefix: string | undefined;
  async: boolean;
  wait: boolean;
  /** Per event (the run plan's: planRun counts --async-id-prefix as async), and what set it. */
  eventLimit: SizeLimit;
}

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 1024;
const PREFIX = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`invalid ${flag} ${JSON.stringify(value)}: expected a whole number from ${min} to ${max}`, { code: 'InvalidOption' });
  }
  return n;
}

function conflict(message: string): UsageError {
  return new UsageError(message, { code: 'ConflictingFlags' });
}

/** True when the batch path of `run` applies. */
export function wantsBatch(raw: RawBatchOptions): boolean {
  return raw.batch !== undefined || raw.repeat !== undefined;
}

/** Validates the batch flags; throws UsageError (exit 2) naming the flag and the rule. */
export function planBatch(run: RunPlan, raw: RawBatchOptions): BatchPlan {
  if (raw.batch !== undefined && raw.repeat !== undefined) throw conflict('--batch and --repeat do not combine: give one');
  if (raw.batch !== undefined && (run.data !== undefined || run.event !== undefined)) {
    throw conflict('--batch reads the events from its file: -d/--data and -e/--event do not combine with it');
  }
  if (raw.batch !== undefined && raw.batch.trim() === '') throw new UsageError('--batch needs a file path, or - for standard input', { code: 'MissingArgument' });
  if (run.output !== undefined) throw conflict('-o/--output does not combine with --batch/--repeat: the results go to stdout, one JSON line per event');
  if (run.dryRun) throw conflict('--dry-run does not combine with --batch/--repeat');
  if (run.verbose) throw conflict('--verbose does not combine with --batch/--repeat (it would print the headers of every request)');
  if (run.asyncId !== undefined) throw conflict('--async-id names one invocation: with --batch/--repeat use --async-id-prefix');
  if (raw.asyncIdPrefix !== undefined && !PREFIX.test(raw.asyncIdPrefix)) {
    throw new UsageError(
      `invalid --async-id-prefix ${JSON.stringify(raw.asyncIdPrefix)}: start with a letter or "_", then letters, digits, "_" or "-", at most 100 characters`,
      { code: 'InvalidAsyncId' },
    );
  }
  const async = run.async || raw.asyncIdPrefix !== undefined;
  const wait = Boolean(raw.wait);
  if (wait && !async) throw new UsageError('--wait needs --async (or --async-id-prefix)', { code: 'ConflictingFlags' });
  const input: BatchInput =
    raw.batch !== undefined
      ? { kind: 'lines', path: raw.batch }
      : { kind: 'repeat', count: wholeNumber('--repeat', raw.repeat ?? '', 1, 1_000_000_000) };
  const concurrency = raw.concurrency === undefined ? DEFAULT_CONCURRENCY : wholeNumber('-c/--concurrency', raw.concurrency, 1, MAX_CONCURRENCY);
  const startLine = raw.startLine === undefined ? 1 : wholeNumber('--start-line', raw.startLine, 1, Number.MAX_SAFE_INTEGER);
  if (raw.summaryJson !== undefined && raw.summaryJson.trim() === '') {
    throw new UsageError('--summary-json needs a file path', { code: 'MissingArgument' });
  }
  return { run, input, concurrency, startLine, summaryJson: raw.summaryJson, asyncIdPrefix: raw.asyncIdPrefix, async, wait, eventLimit: { bytes: run.eventLimit, setBy: run.eventLimitSetBy } };
}

/** Usage errors for batch-only flags given without --batch or --repeat. */
export function checkBatchOnlyFlags(raw: RawBatchOptions): void {
  if (wantsBatch(raw)) return;
  const given = [
    raw.concurrency !== undefined && '-c/--concurrency',
    raw.startLine !== undefined && '--start-line',
    raw.summaryJson !== undefined && '--summary-json',
    raw.asyncIdPrefix !== undefined && '--async-id-prefix',
  ].filter((flag): flag is string => typeof flag === 'string');
  if (given.length > 0) throw new UsageError(`${given.join(', ')} only work${given.length === 1 ? 's' : ''} with --batch or --repeat`, { code: 'ConflictingFlags' });
}
