// Which FC 3.0 API a request path names (fc3-protocol §2, §6); pure, no I/O.
import type { ApiErrorSpec } from './api-errors.js';
import { fc3Errors } from './fc3-errors.js';

/** The path prefix of every FC 3.0 API (API version 2023-03-30). */
export const FC3_PATH_PREFIX = '/2023-03-30';

/** The APIs the emulator serves, by their `x-acs-action` names. */
export type Fc3Action = 'InvokeFunction' | 'GetAsyncTask' | 'StopAsyncTask' | 'ListAsyncTasks';

export type Fc3Route =
  | { action: 'InvokeFunction'; functionName: string }
  | { action: 'ListAsyncTasks'; functionName: string }
  | { action: 'GetAsyncTask' | 'StopAsyncTask'; functionName: string; taskId: string };

export type Fc3RouteResult = { ok: true; route: Fc3Route } | { ok: false; error: ApiErrorSpec };

const PATH = /^\/2023-03-30\/functions\/([^/]+)\/(invocations|async-tasks)(?:\/([^/]+)(\/stop)?)?$/;

/** True for the paths the FC 3.0 pipeline answers: `/2023-03-30` and everything below it. */
export function isFc3Path(path: string): boolean {
  return path === FC3_PATH_PREFIX || path.startsWith(`${FC3_PATH_PREFIX}/`);
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Matches `POST /2023-03-30/functions/{fn}/invocations`, `GET .../async-tasks`, `GET
 * .../async-tasks/{id}` and `PUT .../async-tasks/{id}/stop`; the function name and task ID are
 * percent-decoded (`svc%24fn` is `svc$fn`). Anything else is 400 PathNotSupported.
 */
export function matchFc3Route(method: string, path: string): Fc3RouteResult {
  const unsupported: Fc3RouteResult = { ok: false, error: fc3Errors.pathNotSupported(method, path) };
  const match = PATH.exec(path);
  const functionName = decodeSegment(match?.[1]);
  if (!match || functionName === undefined) return unsupported;
  const [, , collection, rawTaskId, stop] = match;
  if (collection === 'invocations') {
    return rawTaskId === undefined && method === 'POST' ? { ok: true, route: { action: 'InvokeFunction', functionName } } : unsupported;
  }
  if (rawTaskId === undefined) return method === 'GET' ? { ok: true, route: { action: 'ListAsyncTasks', functionName } } : unsupported;
  const taskId = decodeSegment(rawTaskId);
  if (taskId === undefined) return unsupported;
  if (stop === undefined && method === 'GET') return { ok: true, route: { action: 'GetAsyncTask', functionName, taskId } };
  if (stop !== undefined && method === 'PUT') return { ok: true, route: { action: 'StopAsyncTask', functionName, taskId } };
  return unsupported;
}
