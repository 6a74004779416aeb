// What an FC 2.0 HTTP handler is told of a trigger request besides its body (http-triggers.md
// §4.1); pure.
import type { HttpRequestMeta } from './runner-protocol.js';
import { buildHandlerHeaders } from './trigger-headers.js';
import { buildHandlerQueries, parseQueryEntries } from './trigger-query.js';
import type { TriggerRoute } from './trigger-routes.js';

export interface HandlerRequestInput {
  method: string;
  route: TriggerRoute;
  /** The request target as received (path and query). */
  target: string;
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  /** The socket's remote address. */
  remoteAddress: string | undefined;
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/**
 * `path` is what follows the function segment, decoded (`/test/path/中文`); `url` the target
 * as the function's host received it: the whole `/2016-08-15/proxy/...` target, or, on a trigger
 * domain given as the emulator's first path segment, the target without that segment.
 */
export function buildHandlerRequest(input: HandlerRequestInput): HttpRequestMeta {
  const { route, target } = input;
  const q = target.indexOf('?');
  const search = q === -1 ? '' : target.slice(q + 1);
  const url = route.kind === 'domain' && route.via === 'path' ? route.rawPath + (q === -1 ? '' : target.slice(q)) : target;
  return {
    method: input.method,
    path: decodePath(route.rawPath),
    url,
    queries: buildHandlerQueries(parseQueryEntries(search)),
    headers: buildHandlerHeaders(input.headers),
    clientIP: (input.remoteAddress ?? '').replace(/^::ffff:/, ''),
  };
}
