// Text for people on stderr: the decoded log tail, the invocation summary, errors.
import type { InvocationMeta } from '../fc/response.js';
import type { Style } from './style.js';
import { escapeControl, oneLine } from './text.js';

/** The function's log tail, escaped, ending with a newline. */
export function renderLogs(log: string, style: Style): string {
  const text = escapeControl(log.replace(/\r\n/g, '\n'));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${style.dim('--- function log ---')}\n${body}${style.dim('--- end of log ---')}\n`;
}

function field(label: string, value: string | null, style: Style): string | null {
  return value === null ? null : `${style.dim(`${label}:`)} ${oneLine(value)}`;
}

/**
 * `request ID: … · duration: 10 ms · max memory: 9.2 MB · …`, skipping what the service did
 * not send (FC 3.0 does not promise duration and memory). The labels are the API's words:
 * `async invocation ID` and `service version` (default, FC 2.0), `async task ID` and `version` (FC 3.0).
 */
export function renderSummary(meta: InvocationMeta, style: Style, extra: { attempts?: number; asyncIdLabel?: string; versionLabel?: string } = {}): string {
  const parts = [
    field('request ID', meta.requestId, style),
    field('duration', meta.durationMs === null ? null : `${meta.durationMs} ms`, style),
    field('max memory', meta.maxMemoryMB === null ? null : `${meta.maxMemoryMB} MB`, style),
    field('instance', meta.instanceId, style),
    field('code checksum', meta.codeChecksum, style),
    field(extra.versionLabel ?? 'service version', meta.serviceVersion, style),
    field(extra.asyncIdLabel ?? 'async invocation ID', meta.asyncInvocationId, style),
    extra.attempts && extra.attempts > 1 ? field('attempts', String(extra.attempts), style) : null,
  ].filter((part): part is string => part !== null);
  return `${parts.join(style.dim(' · '))}\n`;
}

/** One line for a failed function: `function error: HandledInvocationError: Error: boom`. */
export function renderFunctionError(
  errorType: string,
  body: { errorType: string | null; errorMessage: string | null },
  style: Style,
): string {
  const detail = [body.errorType, body.errorMessage].filter((s): s is string => s !== null).join(': ');
  return `${style.red('function error:')} ${oneLine(errorType)}${detail ? `: ${oneLine(detail)}` : ''}\n`;
}

/** One line for any failure: `fcinvoke: <message>`. */
export function renderError(message: string, style: Style): string {
  return `${style.red('fcinvoke:')} ${oneLine(message)}\n`;
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
