// Async invocations (FC 2.0's stateful async invocations, FC 3.0's async tasks) for people:
// the readable status with its events timeline, the status-change line while waiting, and
// the closing line of a wait.
import type { AsyncInvocation } from '../fc/async-invocation.js';
import { parseFunctionErrorBody } from '../fc/response.js';
import type { Style } from './style.js';
import { oneLine } from './text.js';

/** `850 ms`, `12.3 s`, `4 min 03 s`, `2 h 05 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** Epoch ms as ISO 8601 UTC; `-` when unknown. */
export function formatTime(ms: number | null): string {
  if (ms === null) return '-';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** The run time: the service's durationMs, else end minus start; null while unknown. */
export function invocationDuration(invocation: AsyncInvocation): number | null {
  if (invocation.durationMs !== null) return invocation.durationMs;
  if (invocation.startedTime !== null && invocation.endTime !== null) return invocation.endTime - invocation.startedTime;
  return null;
}

/** Colours a status by how it ended. */
export function styleStatus(status: string, style: Style): string {
  if (status === 'Succeeded') return style.green(status);
  if (status === 'Failed' || status === 'Expired' || status === 'Invalid') return style.red(status);
  if (status === 'Stopped' || status === 'Stopping') return style.yellow(status);
  return style.cyan(status);
}

/** The error message, from a function error body when it is one, else as sent; one line. */
export function invocationErrorText(invocation: AsyncInvocation): string | null {
  const raw = invocation.invocationErrorMessage;
  if (raw === null || raw.trim() === '') return null;
  const parsed = parseFunctionErrorBody(Buffer.from(raw, 'utf8'));
  const detail = [parsed.errorType, parsed.errorMessage].filter((s): s is string => s !== null).join(': ');
  return oneLine(detail || raw);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const RESULT_PREVIEW = 200;

/** The API's one word for an async invocation (FcApi `nouns.short`): `invocation` (FC 2.0), `task` (FC 3.0). */
export interface AsyncWords {
  short: string;
}

const FC2_WORDS: AsyncWords = { short: 'invocation' };

/** The readable `fcinvoke status` view: fields, then the events timeline; what is unknown is left out. */
export function renderInvocationDetails(invocation: AsyncInvocation, style: Style, words: AsyncWords = FC2_WORDS): string {
  const fn = [invocation.serviceName, invocation.functionName].filter((s) => s !== null).join('/');
  const duration = invocationDuration(invocation);
  const error = invocationErrorText(invocation);
  const rows: [string, string | null][] = [
    [`${words.short} ID`, oneLine(invocation.invocationId)],
    ['status', styleStatus(oneLine(invocation.status), style)],
    ['function', fn ? oneLine(`${fn}${invocation.qualifier ? ` (${invocation.qualifier})` : ''}`) : null],
    ['request ID', invocation.requestId && oneLine(invocation.requestId)],
    ['instance', invocation.instanceId && oneLine(invocation.instanceId)],
    ['started', invocation.startedTime === null ? null : formatTime(invocation.startedTime)],
    ['ended', invocation.endTime === null || invocation.endTime === 0 ? null : formatTime(invocation.endTime)],
    ['duration', duration === null ? null : formatDuration(duration)],
    ['retries', invocation.alreadyRetriedTimes === null ? null : String(invocation.alreadyRetriedTimes)],
    ['destination', invocation.destinationStatus ? oneLine(invocation.destinationStatus) : null],
    ['error', error && style.red(error)],
    ['result', invocation.returnPayload ? truncate(oneLine(invocation.returnPayload), RESULT_PREVIEW) : null],
  ];
  const lines = rows
    .filter((row): row is [string, string] => row[1] !== null && row[1] !== '')
    .map(([label, value]) => `${style.dim(label.padEnd(14))}${value}`);
  if (invocation.events.length > 0) {
    lines.push(style.dim('events'));
    const base = invocation.events[0]?.timestamp ?? invocation.startedTime;
    const offsets = invocation.events.map((e) => (e.timestamp === null || base === null ? '' : `+${formatDuration(e.timestamp - base)}`));
    const width = Math.max(...offsets.map((o) => o.length));
    invocation.events.forEach((event, i) => {
      const detail = event.eventDetail ? `  ${style.dim(oneLine(event.eventDetail))}` : '';
      lines.push(`  ${formatTime(event.timestamp)}  ${(offsets[i] ?? '').padStart(width)}  ${styleStatus(oneLine(event.status), style)}${detail}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** One line per status change while waiting: `job-1: Running`. */
export function renderStatusChange(invocation: AsyncInvocation, style: Style): string {
  return `${oneLine(invocation.invocationId)}: ${styleStatus(oneLine(invocation.status), style)}\n`;
}

/** The spinner text while waiting. */
export function waitingText(invocation: AsyncInvocation | null, id: string): string {
  return invocation ? `${oneLine(id)}: ${oneLine(invocation.status)}` : `waiting for ${oneLine(id)}`;
}

/** The closing line of a wait: `job-1 Succeeded in 1.2 s`, or the status and the error. */
export function renderWaitOutcome(invocation: AsyncInvocation, style: Style): string {
  const duration = invocationDuration(invocation);
  const took = duration === null ? '' : ` ${invocation.status === 'Succeeded' ? 'in' : 'after'} ${formatDuration(duration)}`;
  const error = invocationErrorText(invocation);
  return `${oneLine(invocation.invocationId)} ${styleStatus(oneLine(invocation.status), style)}${took}${error ? `: ${style.red(error)}` : ''}\n`;
}
