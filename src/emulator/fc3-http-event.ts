// The HTTP event an FC 3.0 built-in runtime hands a function for a trigger request
// (http-triggers.md §4.2, doc-evt3); pure.
import { isUtf8 } from 'node:buffer';
import { buildEventHeaders } from './trigger-headers.js';
import { buildEventQueryParameters, parseQueryEntries } from './trigger-query.js';

export interface Fc3HttpEventInput {
  method: string;
  /** The path the function serves, as received (percent-encoded). */
  rawPath: string;
  /** The query string without its `?`. */
  search: string;
  /** Node's `rawHeaders`: name, value, name, value, ... */
  rawHeaders: readonly string[];
  body: Buffer;
  accountId: string;
  /** The trigger domain, e.g. `web.cn-hangzhou.fcapp.run`. */
  domainName: string;
  domainPrefix: string;
  sourceIp: string;
  /** `HTTP/1.1`. */
  protocol: string;
  requestId: string;
  now: Date;
}

/** The v1 event. */
export interface Fc3HttpEvent {
  version: 'v1';
  rawPath: string;
  body: string;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
  queryParameters: Record<string, string>;
  requestContext: {
    accountId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    time: string;
    timeEpoch: string;
  };
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/**
 * The event: a body that is UTF-8 travels as text, any other as Base64 with `isBase64Encoded`;
 * `rawPath` is the path as sent and `requestContext.http.path` its decoded form; `time` is
 * RFC 3339 in whole seconds and `timeEpoch` milliseconds, as text, as in FC's sample.
 */
export function buildFc3HttpEvent(input: Fc3HttpEventInput): Fc3HttpEvent {
  const text = isUtf8(input.body);
  const headers = buildEventHeaders(input.rawHeaders);
  return {
    version: 'v1',
    rawPath: input.rawPath,
    body: text ? input.body.toString('utf8') : input.body.toString('base64'),
    isBase64Encoded: !text,
    headers,
    queryParameters: buildEventQueryParameters(parseQueryEntries(input.search)),
    requestContext: {
      accountId: input.accountId,
      domainName: input.domainName,
      domainPrefix: input.domainPrefix,
      http: {
        method: input.method,
        path: decodePath(input.rawPath),
        protocol: input.protocol,
        sourceIp: input.sourceIp,
        userAgent: headers['User-Agent'] ?? '',
      },
      requestId: input.requestId,
      time: `${input.now.toISOString().slice(0, 19)}Z`,
      timeEpoch: String(input.now.getTime()),
    },
  };
}
