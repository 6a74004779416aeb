// The FC 2.0 ("FC <id>:<sig>") request signature, in stages: canonical headers,
// canonical resource, string-to-sign, signature, Authorization header.
import { createHmac } from 'node:crypto';

/** Header map with lower-case names, as fcinvoke keeps every request's headers. */
export type HeaderMap = Readonly<Record<string, string>>;

export interface SignInput {
  method: string;
  /** Path starting with /2016-08-15/, without the query string. */
  path: string;
  headers: HeaderMap;
  /** Only for HTTP-trigger paths (/proxy/): query values that enter the resource. */
  queries?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The whole canonical resource, given instead of `path` and `queries` (HTTP triggers on any
   * host, whose resource is the path and its query lines whatever the path: http-triggers.md §1.4).
   */
  resource?: string | undefined;
}

/**
 * Every `x-fc-*` header as `name:value\n`, names lower-cased and sorted by byte order,
 * values verbatim (fc2-protocol §2.2; node `buildCanonicalHeaders(headers, 'x-fc-')`).
 */
export function canonicalizeFcHeaders(headers: HeaderMap): string {
  const lines: [string, string][] = [];
  for (const name in headers) {
    const key = name.trim().toLowerCase();
    if (key.startsWith('x-fc-')) lines.push([key, headers[name]!]);
  }
  lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let text = '';
  for (const [key, value] of lines) text += `${key}:${value}\n`;
  return text;
}

/**
 * The path alone for API calls; for `/proxy/` (HTTP trigger) paths the path, a newline and
 * the sorted raw `key=value` query lines (fc2-protocol §2.2).
 */
export function canonicalizeResource(path: string, queries?: SignInput['queries']): string {
  if (!path.includes('/proxy/')) return path;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(queries ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) lines.push(`${key}=${item}`);
  }
  lines.sort();
  return `${path}\n${lines.join('\n')}`;
}

/** A header's value, the lower-case name first, else any case of it; '' when absent. */
function headerValue(headers: HeaderMap, name: string): string {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const key in headers) if (key.toLowerCase() === name) return headers[key]!;
  return '';
}

/** METHOD, Content-MD5, Content-Type, Date, canonical x-fc headers, canonical resource. */
export function buildStringToSign(input: SignInput): string {
  const { headers } = input;
  const md5 = headerValue(headers, 'content-md5');
  const type = headerValue(headers, 'content-type');
  const date = headerValue(headers, 'date');
  return `${input.method.toUpperCase()}\n${md5}\n${type}\n${date}\n${canonicalizeFcHeaders(headers)}${input.resource ?? canonicalizeResource(input.path, input.queries)}`;
}

/** Base64(HMAC-SHA256(secret, stringToSign)). */
export function computeSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}

/** `FC <AccessKeyId>:<Signature>`. */
export function formatFcAuthorization(accessKeyId: string, signature: string): string {
  return `FC ${accessKeyId}:${signature}`;
}

/** The Authorization header value of a request: `FC <AccessKeyId>:<Signature>`. */
export function buildAuthorization(input: SignInput, accessKeyId: string, accessKeySecret: string): string {
  return formatFcAuthorization(accessKeyId, computeSignature(buildStringToSign(input), accessKeySecret));
}
