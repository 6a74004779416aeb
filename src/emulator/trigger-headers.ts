// Headers across an HTTP trigger: what a function is given of the request, and what of its
// answer reaches the client (http-triggers.md §1.6, §4.2). Pure.
import { validateHeaderName, validateHeaderValue } from 'node:http';

/** Request headers FC keeps from FC 2.0 HTTP handlers (doc-node2), besides every `x-fc-*`. */
const FC2_RESERVED_REQUEST = new Set(['accept-encoding', 'connection', 'keep-alive', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding']);

/** Hop-by-hop headers, which no gateway passes on, and Host, which Go keeps out of the header map. */
const FC3_UNPASSED_REQUEST = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/** Response headers FC sets itself or drops (doc-node2, doc-web3), besides every `x-fc-*`. */
const RESERVED_RESPONSE = new Set(['connection', 'content-length', 'date', 'keep-alive', 'server', 'transfer-encoding', 'trailer', 'upgrade']);

/** An FC 2.0 handler's `req.headers`: lower-case names, FC's reserved ones left out. */
export function buildHandlerHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-fc-') && !FC2_RESERVED_REQUEST.has(name)) kept[name] = value;
  }
  return kept;
}

/** Go's `textproto.CanonicalMIMEHeaderKey`: `accept-encoding` → `Accept-Encoding`; a name with other characters as it is. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * The FC 3.0 event's `headers` from Node's `rawHeaders` (name, value, name, value, ...): keys
 * canonicalized as Go does, repeated values joined with `,` (doc-evt3), hop-by-hop headers,
 * Host and `x-fc-*` left out.
 */
export function buildEventHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i]!.toLowerCase();
    if (lower.startsWith('x-fc-') || FC3_UNPASSED_REQUEST.has(lower)) continue;
    const key = canonicalHeaderKey(rawHeaders[i]!);
    const value = rawHeaders[i + 1]!;
    headers[key] = Object.hasOwn(headers, key) ? `${headers[key]},${value}` : value;
  }
  return headers;
}

function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The function's response headers that reach the client: `x-fc-*` and the headers FC sets
 * itself dropped, and so is any name or value HTTP cannot carry (non-ASCII, say; §4.1).
 */
export function filterAnswerHeaders(headers: Readonly<Record<string, string | readonly string[]>>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-fc-') || RESERVED_RESPONSE.has(lower)) continue;
    const values = (typeof value === 'string' ? [value] : [...value]).filter((v) => isValidHeader(name, v));
    if (values.length > 0) kept[name] = values.length === 1 && typeof value === 'string' ? values[0]! : values;
  }
  return kept;
}
