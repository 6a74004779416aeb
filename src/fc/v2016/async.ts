// FC 2.0's stateful async invocations (fc2-protocol §7): the Get, Stop and List requests,
// built purely, the list query, and reading the service's objects into the neutral shape.
import { ApiError } from '../../errors.js';
import { asObject, readEvents, readNumber, readText } from '../async-fields.js';
import type { AsyncInvocation, InvocationPage } from '../async-invocation.js';
import type { ApiConnection, ListFilter, SignedRequest } from '../fc-api.js';
import type { FunctionTarget } from '../names.js';
import { API_VERSION, statefulAsyncPath } from './paths.js';
import { signRequest } from './request.js';

/** The service's page size limit (fc2-protocol §7: limit 1–100). */
export const LIST_PAGE_MAX = 100;

/** The list query for one page; undefined filters are left out. */
export function buildListQuery(filter: ListFilter, pageSize: number, nextToken?: string | null): Record<string, string> {
  const query: Record<string, string> = { limit: String(Math.max(1, Math.min(LIST_PAGE_MAX, pageSize))) };
  if (nextToken) query.nextToken = nextToken;
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.invocationIdPrefix !== undefined) query.invocationIdPrefix = filter.invocationIdPrefix;
  if (filter.startedTimeBegin !== undefined) query.startedTimeBegin = String(filter.startedTimeBegin);
  if (filter.startedTimeEnd !== undefined) query.startedTimeEnd = String(filter.startedTimeEnd);
  if (filter.sortOrderByTime !== undefined) query.sortOrderByTime = filter.sortOrderByTime;
  if (filter.includePayload !== undefined) query.includePayload = String(filter.includePayload);
  return query;
}

function sign(
  connection: ApiConnection,
  method: SignedRequest['method'],
  path: string,
  date: Date,
  extra: { query?: Readonly<Record<string, string>>; headers?: Record<string, string> } = {},
): SignedRequest {
  const { baseUrl, credentials, accountId, userAgent, signatures } = connection;
  return signRequest({ method, baseUrl, path, query: extra.query, headers: extra.headers ?? {}, credentials, accountId, date, userAgent, signatures });
}

/** `GET .../stateful-async-invocations/{id}` */
export function buildGetInvocationRequest(connection: ApiConnection, target: FunctionTarget, id: string, date: Date): SignedRequest {
  return sign(connection, 'GET', statefulAsyncPath(target, id), date);
}

/** `PUT .../stateful-async-invocations/{id}`, empty body (as java sends it: JSON content type). */
export function buildStopInvocationRequest(connection: ApiConnection, target: FunctionTarget, id: string, date: Date): SignedRequest {
  return sign(connection, 'PUT', statefulAsyncPath(target, id), date, {
    headers: { 'content-type': 'application/json', 'content-length': '0' },
  });
}

/** `GET .../stateful-async-invocations?…` (the query is not signed, fc2-protocol §2.2). */
export function buildListInvocationsRequest(
  connection: ApiConnection,
  target: FunctionTarget,
  query: Readonly<Record<string, string>>,
  date: Date,
): SignedRequest {
  return sign(connection, 'GET', statefulAsyncPath(target), date, { query });
}

/** Reads one invocation object; an answer without `invocationId` and `status` is an ApiError. */
export function readInvocation(json: unknown, requestId: string | null = null): AsyncInvocation {
  const o = asObject(json);
  const invocationId = readText(o?.invocationId);
  const status = readText(o?.status);
  if (!o || invocationId === null || status === null) {
    throw new ApiError('InvalidResponse', 'the service answered with something that is not a stateful async invocation object', 200, requestId);
  }
  return {
    apiVersion: API_VERSION,
    invocationId,
    status,
    serviceName: readText(o.serviceName),
    functionName: readText(o.functionName),
    functionArn: null,
    qualifier: readText(o.qualifier),
    requestId: readText(o.requestId),
    instanceId: readText(o.instanceId),
    startedTime: readNumber(o.startedTime),
    endTime: readNumber(o.endTime),
    durationMs: readNumber(o.durationMs),
    alreadyRetriedTimes: readNumber(o.alreadyRetriedTimes),
    destinationStatus: readText(o.destinationStatus),
    invocationErrorMessage: readText(o.invocationErrorMessage),
    returnPayload: readText(o.returnPayload),
    events: readEvents(o.events),
  };
}

/** One page of ListStatefulAsyncInvocations: `{invocations, nextToken}`. */
export function readInvocationPage(json: unknown, requestId: string | null = null): InvocationPage {
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  const list = o?.invocations ?? [];
  if (!Array.isArray(list)) {
    throw new ApiError('InvalidResponse', 'the service answered the list with something that has no "invocations" array', 200, requestId);
  }
  const token = readText(o?.nextToken);
  return { invocations: list, nextToken: token === null || token === '' ? null : token };
}
