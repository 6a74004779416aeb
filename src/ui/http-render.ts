// Text for people about an HTTP-trigger call: the status line, the response head (-i), the
// request as it goes out (-v, --dry-run), and the note on an accepted async call.
import { STATUS_CODES } from 'node:http';
import type { ResponseHeaders } from '../fc/response.js';
import type { Style } from './style.js';
import { oneLine } from './text.js';

/** `HTTP 404 Not Found`; a redirect names where it points, since it is not followed. */
export function renderStatusLine(status: number, headers: ResponseHeaders, style: Style): string {
  const reason = STATUS_CODES[status] ?? '';
  const line = `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  const coloured = status >= 400 ? style.red(line) : status >= 300 ? style.yellow(line) : style.green(line);
  const location = headers.location;
  const where = status >= 300 && status < 400 && location !== undefined ? ` -> ${oneLine(String(location))} (not followed)` : '';
  return `${coloured}${where}\n`;
}

/** `name: value` lines, one per value (a repeated header such as Set-Cookie keeps each). */
export function renderHeaderLines(headers: Readonly<Record<string, string | readonly string[] | undefined>>, style: Style): string {
  let text = '';
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) text += `${style.dim(`${name}:`)} ${oneLine(item)}\n`;
  }
  return text;
}

/** -i: the status line and every response header, then a blank line, as curl -i shows them. */
export function renderResponseHead(status: number, headers: ResponseHeaders, style: Style): string {
  return `${renderStatusLine(status, headers, style)}${renderHeaderLines(headers, style)}\n`;
}

/** -v: the request line and its headers (already redacted). */
export function renderRequestHead(method: string, url: string, headers: Readonly<Record<string, string>>, style: Style): string {
  return `${style.cyan(`> ${method} ${oneLine(url)}`)}\n${renderHeaderLines(headers, style)}`;
}

/** --dry-run, for stdout: the request line, its headers (already redacted), and what the body would be. */
export function renderDryRun(method: string, url: string, headers: Readonly<Record<string, string>>, body: { bytes: number; from: string }): string {
  const lines = [`${method} ${url}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', `(body: ${body.bytes} bytes from ${body.from}; not sent)`];
  return `${lines.join('\n')}\n`;
}

/** The note on an accepted asynchronous call, with the ID to follow it by when FC gave one. */
export function renderAccepted(asyncId: string | null, style: Style): string {
  return `${style.green('accepted')} asynchronous invocation${asyncId ? ` ${oneLine(asyncId)}` : ''}\n`;
}
