// FC 2.0's stateful async invocations (fc2-protocol §7): the Get, Stop and List requests,
// built purely, the list query, and reading the service's objects into the neutral shape.
import { ApiError } from '../../errors.js';
import type { AsyncInvocation, AsyncInvocationEvent, InvocationPage } from '../async-invocation.js';
import type { ApiConnection, ListFilter, SignedRequest } from '../fc-api.js';
import type { FunctionTarget } from '../names.js';
import { statefulAsyncPath } from './paths.js';
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
  return query;
}

function sign(
  connection: ApiConnection,
  method: SignedRequest['method'],
  path: string,
  date: Date,
  extra: { query?: Readonly<Record<string, string>>; headers?: Record<string, string> } = {},
): SignedRequest {
  const { baseUrl, credentials, accountId, userAgent } = connection;
  return signRequest({ method, baseUrl, path, query: extra.query, headers: extra.headers ?? {}, credentials, accountId, date, userAgent });
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

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Numbers, also when sent as numeric strings (int64 fields of other SDKs). */
function number(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function readEvent(value: unknown): AsyncInvocationEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  return { eventId: number(e.eventId), status: text(e.status) ?? '', timestamp: number(e.timestamp), eventDetail: text(e.eventDetail) ?? '' };
}

/** Reads one invocation object; an answer without `invocationId` and `status` is an ApiError. */
export function readInvocation(json: unknown, requestId: string | null = null): AsyncInvocation {
  const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  const invocationId = text(o?.invocationId);
  const status = text(o?.status);
  if (!o || invocationId === null || status === null) {
    throw new ApiError('InvalidResponse', 'the service answered with something that is not a stateful async invocation object', 200, requestId);
  }
  return {
    invocationId,
    status,
    serviceName: text(o.serviceName),
    functionName: text(o.functionName),
    qualifier: text(o.qualifier),
    requestId: text(o.requestId),
    instanceId: text(o.instanceId),
    startedTime: number(o.startedTime),
    endTime: number(o.endTime),
    durationMs: number(o.durationMs),
    alreadyRetriedTimes: number(o.alreadyRetriedTimes),
    destinationStatus: text(o.destinationStatus),
    invocationErrorMessage: text(o.invocationErrorMessage),
    returnPayload: text(o.returnPayload),
    events: Array.isArray(o.events) ? o.events.map(readEvent).filter((e): e is AsyncInvocationEvent => e !== null) : [],
  };
}

/** One page of ListStatefulAsyncInvocations: `{invocations, nextToken}`. */
export function readInvocationPage(json: unknown, requestId: string | null = null): InvocationPage {
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  const list = o?.invocations ?? [];
  if (!Array.isArray(list)) {
    throw new ApiError('InvalidResponse', 'the service answered the list with something that has no "invocations" array', 200, requestId);
  }
  const token = text(o?.nextToken);
  return { invocations: list, nextToken: token === null || token === '' ? null : token };
}
