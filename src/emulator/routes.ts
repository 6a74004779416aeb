// Which API a request path names (fc2-protocol §1.2); pure, no I/O.
import { apiErrors, type ApiErrorSpec } from './api-errors.js';

/** The function a request addresses; `qualifier` is undefined when the path has none. */
export interface RouteTarget {
  service: string;
  qualifier: string | undefined;
  functionName: string;
}

export type Route =
  | { kind: 'invoke'; target: RouteTarget }
  | { kind: 'async-get'; target: RouteTarget; invocationId: string }
  | { kind: 'async-list'; target: RouteTarget }
  | { kind: 'async-stop'; target: RouteTarget; invocationId: string };

export type RouteResult = { ok: true; route: Route } | { ok: false; error: ApiErrorSpec };

const PREFIX = /^\/2016-08-15\/services\/([^/]+)\/functions\/([^/]+)\/(.+)$/;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Splits `service[.qualifier]`; the first dot separates them, as the SDKs join them (fc2-protocol §1.2). */
export function splitServiceQualifier(segment: string): { service: string; qualifier: string | undefined } {
  const dot = segment.indexOf('.');
  if (dot === -1) return { service: segment, qualifier: undefined };
  return { service: segment.slice(0, dot), qualifier: segment.slice(dot + 1) };
}

/** The path part of a request target (no query string). */
export function pathOf(requestTarget: string): string {
  const q = requestTarget.indexOf('?');
  return q === -1 ? requestTarget : requestTarget.slice(0, q);
}

/**
 * Matches `POST /2016-08-15/services/{svc}[.{q}]/functions/{fn}/invocations` and the
 * stateful async invocation paths; everything else is 400 PathNotSupported, as FC's
 * error table has no 404/405 for unknown APIs (fc2-protocol §5.2).
 */
export function matchRoute(method: string, path: string): RouteResult {
  const unsupported: RouteResult = { ok: false, error: apiErrors.pathNotSupported(method, path) };
  const match = PREFIX.exec(path);
  if (!match) return unsupported;
  const serviceSegment = decodeSegment(match[1] ?? '');
  const functionName = decodeSegment(match[2] ?? '');
  if (serviceSegment === undefined || functionName === undefined) return unsupported;
  const target = { ...splitServiceQualifier(serviceSegment), functionName };
  const rest = match[3] ?? '';
  if (rest === 'invocations') {
    return method === 'POST' ? { ok: true, route: { kind: 'invoke', target } } : unsupported;
  }
  if (rest === 'stateful-async-invocations') {
    return method === 'GET' ? { ok: true, route: { kind: 'async-list', target } } : unsupported;
  }
  const asyncMatch = /^stateful-async-invocations\/([^/]+)$/.exec(rest);
  const invocationId = asyncMatch ? decodeSegment(asyncMatch[1] ?? '') : undefined;
  if (invocationId === undefined) return unsupported;
  if (method === 'GET') return { ok: true, route: { kind: 'async-get', target, invocationId } };
  if (method === 'PUT') return { ok: true, route: { kind: 'async-stop', target, invocationId } };
  return unsupported;
}
