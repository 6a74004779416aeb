// The `fcinvoke list` table: one row per async task (FC 3.0) or stateful async invocation (FC 2.0). In a pipe, plain text
// with ISO times (for grep and awk); on a terminal, the start as an age ("5 min ago"),
// statuses coloured as `status` colours them, and columns dropped from the right (the error
// cut first) so that a row fits the width. An ID is never cut.
import type { AsyncInvocation } from '../fc/async-invocation.js';
import { formatDuration, formatTime, invocationDuration, invocationErrorText, styleStatus, type AsyncWords } from './async-render.js';
import { plainStyle, type Style } from './style.js';
import { oneLine } from './text.js';
import { formatAge } from './time-text.js';

const COLUMNS = ['STATUS', 'STARTED', 'DURATION', 'ERROR'] as const;
const ERROR_WIDTH = 60;
/** An error cut shorter than this says too little: the column goes instead. */
const MIN_ERROR_WIDTH = 12;
const GAP = 2;

export interface TableView {
  style: Style;
  /** The terminal's width; null in a pipe (ISO times, no fitting). */
  width: number | null;
  /** Now, in epoch ms, for the ages. */
  now: number;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
}

function cells(invocation: AsyncInvocation, view: TableView): string[] {
  const duration = invocationDuration(invocation);
  const started = invocation.startedTime;
  return [
    oneLine(invocation.invocationId),
    oneLine(invocation.status),
    view.width === null || started === null ? formatTime(started) : formatAge(view.now - started),
    duration === null ? '-' : formatDuration(duration),
    cut(invocationErrorText(invocation) ?? '', ERROR_WIDTH),
  ];
}

/** How many columns fit `width`, and how wide the error column may be. */
function fit(widths: number[], width: number | null): { columns: number; errorWidth: number } {
  const all = widths.length;
  if (width === null) return { columns: all, errorWidth: ERROR_WIDTH };
  const span = (n: number) => widths.slice(0, n).reduce((sum, w) => sum + w, 0) + GAP * (n - 1);
  const beforeError = span(all - 1) + GAP;
  if (beforeError + (widths[all - 1] ?? 0) <= width) return { columns: all, errorWidth: ERROR_WIDTH };
  if (width - beforeError >= MIN_ERROR_WIDTH) return { columns: all, errorWidth: width - beforeError };
  let columns = all - 1;
  while (columns > 2 && span(columns) > width) columns--;
  return { columns, errorWidth: 0 };
}

/** Columns padded to their widest cell, two spaces apart; no trailing blanks. The first is `INVOCATION ID` or `TASK ID`. */
export function renderInvocationTable(
  invocations: readonly AsyncInvocation[],
  view: TableView = { style: plainStyle, width: null, now: Date.now() },
  words: AsyncWords = { short: 'invocation' },
): string {
  const header = [`${words.short.toUpperCase()} ID`, ...COLUMNS];
  const body = invocations.map((invocation) => cells(invocation, view));
  const rows = [header, ...body];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const { columns, errorWidth } = fit(widths, view.width);
  const errorColumn = header.length - 1;
  const render = (row: string[], isHeader: boolean) =>
    row
      .slice(0, columns)
      .map((cell, column) => {
        const text = column === errorColumn ? cut(cell, errorWidth) : cell;
        const padded = column === columns - 1 ? text : text.padEnd(widths[column] ?? 0);
        if (isHeader) return view.style.dim(padded);
        if (column === 1) return styleStatus(text, view.style) + padded.slice(text.length);
        return column === errorColumn && text !== '' ? view.style.red(padded) : padded;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [render(header, true), ...body.map((row) => render(row, false))].join('\n') + '\n';
}
