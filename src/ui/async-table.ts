// The `fcinvoke list` table: one row per stateful async invocation, plain text for stdout.
import type { AsyncInvocation } from '../fc/async-invocation.js';
import { formatDuration, formatTime, invocationDuration, invocationErrorText } from './async-render.js';
import { oneLine } from './text.js';

const HEADER = ['INVOCATION ID', 'STATUS', 'STARTED', 'DURATION', 'ERROR'] as const;
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

/** Columns padded to their widest cell, two spaces apart; no trailing blanks. */
export function renderInvocationTable(invocations: readonly AsyncInvocation[]): string {
  const rows = [[...HEADER], ...invocations.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}
