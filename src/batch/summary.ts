// The end-of-batch summary: one data shape for --summary-json, and its text for stderr.
import type { Style } from '../ui/style.js';
import { oneLine } from '../ui/text.js';
import type { PercentileSummary } from './latency-histogram.js';
import { worstExitCode } from './outcome.js';
import type { BatchTally } from './tally.js';

export interface BatchSummary {
  /** Events finished (every class). */
  count: number;
  ok: number;
  functionErrors: number;
  inputErrors: number;
  apiErrors: { total: number; byCode: Record<string, number> };
  transportErrors: { total: number; byCode: Record<string, number> };
  retries: number;
  /** Times the service throttled the batch (429/503), which slowed every request down. */
  throttled: number;
  wallMs: number;
  /** Finished events per second of wall time. */
  throughputPerSecond: number;
  latencyMs: PercentileSummary;
  fcDurationMs: PercentileSummary;
  interrupted: boolean;
  /** With an interruption: the first line not finished (give it to --start-line). */
  resumeLine: number | null;
  /** With an interruption: lines at or after resumeLine that finished anyway (they would run again). */
  finishedAfterResumeLine: number;
  /** With an interruption: lines sent and cut off before their answer; they may have run or still be running. */
  cutOffLines: number[];
  /** With an interruption: the finished results from resumeLine on did not reach stdout (it closed or failed). */
  outputLost: boolean;
  exitCode: number;
}

export interface SummaryInput {
  tally: BatchTally;
  wallMs: number;
  interrupted: { resumeLine: number | null; finishedAfter: number; cutOff?: number[]; outputLost?: boolean; exitCode: number } | null;
}

function sortedCounts(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Builds the summary; the exit code is the interruption's, else the worst class's. */
export function buildSummary(input: SummaryInput): BatchSummary {
  const { tally } = input;
  const count = tally.done;
  return {
    count,
    ok: tally.counts.ok,
    functionErrors: tally.counts.function,
    inputErrors: tally.counts.input,
    apiErrors: { total: tally.counts.api, byCode: sortedCounts(tally.apiCodes) },
    transportErrors: { total: tally.counts.transport, byCode: sortedCounts(tally.transportCodes) },
    retries: tally.retries,
    throttled: tally.throttled,
    wallMs: Math.round(input.wallMs),
    throughputPerSecond: input.wallMs > 0 ? round(count / (input.wallMs / 1000), 1) : 0,
    latencyMs: roundPercentiles(tally.latency.summary()),
    fcDurationMs: roundPercentiles(tally.duration.summary()),
    interrupted: input.interrupted !== null,
    resumeLine: input.interrupted?.resumeLine ?? null,
    finishedAfterResumeLine: input.interrupted?.finishedAfter ?? 0,
    cutOffLines: input.interrupted?.cutOff ?? [],
    outputLost: input.interrupted?.outputLost ?? false,
    exitCode: input.interrupted?.exitCode ?? worstExitCode(tally.counts),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function roundPercentiles(s: PercentileSummary): PercentileSummary {
  const r = (v: number | null) => (v === null ? null : round(v, v < 10 ? 2 : 1));
  return { count: s.count, p50: r(s.p50), p90: r(s.p90), p99: r(s.p99), max: r(s.max) };
}

function formatMs(value: number | null): string {
  return value === null ? '–' : `${value} ms`;
}

/** `(Code 3, Other 1)`; the codes come from the service, so they are shown escaped. */
function codes(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode);
  return entries.length === 0 ? '' : ` (${entries.map(([code, n]) => `${oneLine(code)} ${n}`).join(', ')})`;
}

function percentileLine(label: string, s: PercentileSummary, style: Style): string {
  if (s.count === 0) return `  ${style.dim(label)} –`;
  return `  ${style.dim(label)} p50 ${formatMs(s.p50)} · p90 ${formatMs(s.p90)} · p99 ${formatMs(s.p99)} · max ${formatMs(s.max)}`;
}

/** The summary as lines for stderr. */
export function renderBatchSummary(summary: BatchSummary, style: Style): string {
  const seconds = (summary.wallMs / 1000).toFixed(2);
  const counts = [
    style.green(`ok ${summary.ok}`),
    summary.functionErrors > 0 ? style.red(`function errors ${summary.functionErrors}`) : `function errors 0`,
    summary.apiErrors.total > 0 ? style.red(`API errors ${summary.apiErrors.total}${codes(summary.apiErrors.byCode)}`) : 'API errors 0',
    summary.transportErrors.total > 0
      ? style.red(`transport errors ${summary.transportErrors.total}${codes(summary.transportErrors.byCode)}`)
      : 'transport errors 0',
  ];
  if (summary.inputErrors > 0) counts.push(style.red(`input errors ${summary.inputErrors}`));
  const lines = [
    `${style.bold('batch:')} ${summary.count} events in ${seconds} s (${summary.throughputPerSecond}/s)`,
    `  ${counts.join(' · ')}`,
    percentileLine('client latency', summary.latencyMs, style),
    percentileLine('FC duration   ', summary.fcDurationMs, style),
  ];
  if (summary.retries > 0 || summary.throttled > 0) {
    lines.push(`  ${style.dim('retries')} ${summary.retries} · ${style.dim('throttled')} ${summary.throttled}×`);
  }
  if (summary.interrupted) lines.push(`  ${style.yellow('interrupted:')} ${resumeHint(summary)}`);
  return `${lines.join('\n')}\n`;
}

/** At most this many line numbers are listed; the rest are counted. */
const LISTED_LINES = 10;

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  return lines.length > LISTED_LINES ? `${shown} and ${lines.length - LISTED_LINES} more` : shown;
}

/**
 * Where to resume, and what resuming would run again: lines sent but cut off (they may
 * still run), and lines that finished after the resume line (in the output, or lost with it).
 */
export function resumeHint(summary: BatchSummary): string {
  if (summary.resumeLine === null) return summary.cutOffLines.length > 0 ? `every line had finished or was sent; ${cutOffText(summary.cutOffLines)}` : 'every line had finished';
  const notes: string[] = [];
  if (summary.cutOffLines.length > 0) notes.push(cutOffText(summary.cutOffLines));
  const after = summary.finishedAfterResumeLine;
  if (after > 0) {
    const noun = after === 1 ? 'line' : 'lines';
    notes.push(
      summary.outputLost
        ? `${after} ${noun} from there on had finished but did not reach the output; ${after === 1 ? 'it' : 'they'} would run again`
        : `${after} later ${noun} had finished and are in the output; they would run again`,
    );
  }
  return `resume with --start-line ${summary.resumeLine}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function cutOffText(lines: readonly number[]): string {
  const one = lines.length === 1;
  return `${one ? 'line' : 'lines'} ${lineList(lines)} ${one ? 'was' : 'were'} sent and cut off: ${one ? 'it' : 'they'} may have run or still be running`;
}
