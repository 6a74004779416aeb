// Text for people on stderr: the decoded log tail, the invocation summary, errors.
import type { InvocationMeta } from '../fc/response.js';
import type { Style } from './style.js';
import { fitFields } from './fit-fields.js';
import { compactLog, functionLogged } from './log-block.js';
import { escapeControl, oneLine } from './text.js';

/** How the log block is shown: compact on a terminal (ui/log-block.ts), FC's raw records elsewhere. */
export interface LogView {
  terminal: boolean;
  requestId: string | null;
}

/**
 * The function's log tail, escaped, framed, ending with a newline; '' when the function
 * logged nothing (FC's Start/End records alone make no block).
 */
export function renderLogs(log: string, style: Style, view: LogView = { terminal: false, requestId: null }): string {
  if (!functionLogged(log)) return '';
  const shown = view.terminal ? compactLog(log, view.requestId).replace(/^\n+|\n+$/g, '') : log;
  const text = escapeControl(shown.replace(/\r\n/g, '\n'));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${style.dim('--- function log ---')}\n${body}${style.dim('--- end of log ---')}\n`;
}

/**
 * `request ID: … · duration: 10 ms · max memory: 9.2 MB · …`, skipping what the service did
 * not send (FC 3.0 does not promise duration and memory); on one line, or fitted to `width`
 * columns (a terminal's), breaking only between fields. The labels are the API's words:
 * `async invocation ID` and `service version` (default, FC 2.0), `async task ID` and `version` (FC 3.0).
 */
export function renderSummary(
  meta: InvocationMeta,
  style: Style,
  extra: { attempts?: number; asyncIdLabel?: string; versionLabel?: string } = {},
  width: number | null = null,
): string {
  const fields: [string, string | null][] = [
    ['request ID', meta.requestId],
    ['duration', meta.durationMs === null ? null : `${meta.durationMs} ms`],
    ['max memory', meta.maxMemoryMB === null ? null : `${meta.maxMemoryMB} MB`],
    ['instance', meta.instanceId],
    ['code checksum', meta.codeChecksum],
    [extra.versionLabel ?? 'service version', meta.serviceVersion],
    [extra.asyncIdLabel ?? 'async invocation ID', meta.asyncInvocationId],
    ['attempts', extra.attempts && extra.attempts > 1 ? String(extra.attempts) : null],
  ];
  const present = fields.filter((field): field is [string, string] => field[1] !== null).map(([label, value]) => ({ label, value: oneLine(value) }));
  return `${fitFields(present, width, style).join('\n')}\n`;
}

/**
 * One line for a failed function, `function error: HandledInvocationError: Error: boom`,
 * then the stack trace's lines when the error body has one (ui/stack-trace.ts).
 */
export function renderFunctionError(
  errorType: string,
  body: { errorType: string | null; errorMessage: string | null },
  style: Style,
  stack: readonly string[] = [],
): string {
  const detail = [body.errorType, body.errorMessage].filter((s): s is string => s !== null).join(': ');
  const below = stack.map((line) => `${style.dim(line)}\n`).join('');
  return `${style.red('function error:')} ${oneLine(errorType)}${detail ? `: ${oneLine(detail)}` : ''}\n${below}`;
}

/** One line for any failure: `fcinvoke: <message>`. */
export function renderError(message: string, style: Style): string {
  return `${style.red('fcinvoke:')} ${oneLine(message)}\n`;
}

/** One line for a note: something the user should know that is not a problem. */
export function renderNote(message: string, style: Style): string {
  return `${style.cyan('note:')} ${oneLine(message)}\n`;
}

/** A failure for stderr: `fcinvoke: <message>`, then its details indented below it. */
export function renderFailure(error: { message: string; details: readonly string[] }, style: Style): string {
  return `${renderError(error.message, style)}${error.details.map((line) => `  ${oneLine(line)}\n`).join('')}`;
}

/** One line for a warning. */
export function renderWarning(message: string, style: Style): string {
  return `${style.yellow('warning:')} ${oneLine(message)}\n`;
}

/** `name: value` lines, for --verbose. */
export function renderHeaders(title: string, headers: Readonly<Record<string, string | string[] | undefined>>, style: Style): string {
  const lines = Object.entries(headers)
    .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
    .map(([name, value]) => `${style.dim('  ')}${name}: ${oneLine(Array.isArray(value) ? value.join(', ') : value)}`);
  return `${style.cyan(title)}\n${lines.join('\n')}\n`;
}
