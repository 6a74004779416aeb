// FC 3.0's async tasks (fc3-protocol §6): the GetAsyncTask, StopAsyncTask and ListAsyncTasks
// requests, built purely, the list query, and reading AsyncTask objects into the neutral shape.
import { ApiError } from '../../errors.js';
import { asObject, readEvents, readNumber, readText } from '../async-fields.js';
import type { AsyncInvocation, InvocationPage } from '../async-invocation.js';
import type { ApiConnection, ListFilter, SignedRequest, SignStamp } from '../fc-api.js';
import type { FunctionTarget } from '../names.js';
import { API_VERSION, asyncTaskPath, qualifierQuery } from './paths.js';
import { signCall } from './request.js';

/** ListAsyncTasks takes `limit` 1–100 (fc3-protocol §6). */
export const LIST_PAGE_MAX = 100;

/** The ListAsyncTasks query for one page, the neutral filter under FC 3.0's names; unset filters are left out. */
export function buildListQuery(filter: ListFilter, pageSize: number, nextToken?: string | null): Record<string, string> {
  const query: Record<string, string> = { limit: String(Math.max(1, Math.min(LIST_PAGE_MAX, pageSize))) };
  if (nextToken) query.nextToken = nextToken;
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.invocationIdPrefix !== undefined) query.prefix = filter.invocationIdPrefix;
  if (filter.startedTimeBegin !== undefined) query.startedTimeBegin = String(filter.startedTimeBegin);
  if (filter.startedTimeEnd !== undefined) query.startedTimeEnd = String(filter.startedTimeEnd);
  if (filter.sortOrderByTime !== undefined) query.sortOrderByTime = filter.sortOrderByTime;
  if (filter.includePayload !== undefined) query.includePayload = String(filter.includePayload);
  return query;
}

/** `GET .../async-tasks/{taskId}[?qualifier=]` */
export function buildGetTaskRequest(connection: ApiConnection, target: FunctionTarget, taskId: string, stamp: SignStamp): SignedRequest {
  return signCall(connection, { method: 'GET', path: asyncTaskPath(target, taskId), query: qualifierQuery(target), action: 'GetAsyncTask' }, stamp);
}

/** `PUT .../async-tasks/{taskId}/stop[?qualifier=]`, no body. */
export function buildStopTaskRequest(connection: ApiConnection, target: FunctionTarget, taskId: string, stamp: SignStamp): SignedRequest {
  const path = `${asyncTaskPath(target, taskId)}/stop`;
  return signCall(connection, { method: 'PUT', path, query: qualifierQuery(target), action: 'StopAsyncTask', headers: { 'content-length': '0' } }, stamp);
}

/** `GET .../async-tasks?…`: the page's query and the target's qualifier, all signed. */
export function buildListTasksRequest(
  connection: ApiConnection,
  target: FunctionTarget,
  query: Readonly<Record<string, string>>,
  stamp: SignStamp,
): SignedRequest {
  return signCall(connection, { method: 'GET', path: asyncTaskPath(target), query: { ...query, ...qualifierQuery(target) }, action: 'ListAsyncTasks' }, stamp);
}

/** `acs:fc:<region>:<account>:functions/<name>` (or `…/functions/<name>`) → the name; null otherwise. */
function functionNameOf(arn: string | null): string | null {
  const match = arn === null ? null : /(?:^|[:/])functions\/([^/]+)$/.exec(arn);
  return match ? match[1]! : null;
}

/** Reads one AsyncTask object; an answer without `taskId` and `status` is an ApiError. Missing fields are null. */
export function readTask(json: unknown, requestId: string | null = null): AsyncInvocation {
  const o = asObject(json);
  const taskId = readText(o?.taskId);
  const status = readText(o?.status);
  if (!o || taskId === null || status === null) {
    throw new ApiError('InvalidResponse', 'the service answered with something that is not an async task object', 200, requestId);
  }
  const functionArn = readText(o.functionArn);
  return {
    apiVersion: API_VERSION,
    invocationId: taskId,
    status,
    serviceName: null,
    functionName: functionNameOf(functionArn),
    functionArn,
    qualifier: readText(o.qualifier),
    requestId: readText(o.requestId),
    instanceId: readText(o.instanceId),
    startedTime: readNumber(o.startedTime),
    endTime: readNumber(o.endTime),
    durationMs: readNumber(o.durationMs),
    alreadyRetriedTimes: readNumber(o.alreadyRetriedTimes),
    destinationStatus: readText(o.destinationStatus),
    invocationErrorMessage: readText(o.taskErrorMessage),
    returnPayload: readText(o.returnPayload),
    events: readEvents(o.events),
  };
}

/**
 * One page of ListAsyncTasks: `{tasks, nextToken}`; an empty or absent token means the last
 * page, and an answer without `tasks` (or with no body) an empty one, as for FC 2.0.
 */
export function readTaskPage(json: unknown, requestId: string | null = null): InvocationPage {
  const o = asObject(json);
  const tasks = o?.tasks ?? [];
  if (!Array.isArray(tasks)) {
    throw new ApiError('InvalidResponse', 'the service answered the list with something that has no "tasks" array', 200, requestId);
  }
  const token = readText(o?.nextToken);
  return { invocations: tasks, nextToken: token === null || token === '' ? null : token };
}
