// The `fcinvoke list` table: one row per async invocation (or task), plain text for stdout.
import type { AsyncInvocation } from '../fc/async-invocation.js';
import { formatDuration, formatTime, invocationDuration, invocationErrorText, type AsyncWords } from './async-render.js';
import { oneLine } from './text.js';

const COLUMNS = ['STATUS', 'STARTED', 'DURATION', 'ERROR'] as const;
const ERROR_WIDTH = 60;

function cells(invocation: AsyncInvocation): string[] {
  const duration = invocationDuration(invocation);
  const error = invocationErrorText(invocation) ?? '';
  return [
    oneLine(invocation.invocationId),
    oneLine(invocation.status),
    formatTime(invocation.startedTime),
    duration === null ? '-' : formatDuration(duration),
    error.length > ERROR_WIDTH ? `${error.slice(0, ERROR_WIDTH - 1)}…` : error,
  ];
}

/** Columns padded to their widest cell, two spaces apart; no trailing blanks. The first is `INVOCATION ID` or `TASK ID`. */
export function renderInvocationTable(invocations: readonly AsyncInvocation[], words: AsyncWords = { short: 'invocation' }): string {
  const header = [`${words.short.toUpperCase()} ID`, ...COLUMNS];
  const rows = [header, ...invocations.map(cells)];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}
