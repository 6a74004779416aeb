// GetStatefulAsyncInvocation, StopStatefulAsyncInvocation and ListStatefulAsyncInvocations
// (fc2-protocol §7): the signed requests, built purely, and the calls through callJsonApi.
import type { Dispatcher } from 'undici';
import type { Credentials } from '../credentials.js';
import { callJsonApi } from './api-call.js';
import { readInvocation, readInvocationPage, type AsyncInvocation } from './async-invocation.js';
import { statefulAsyncPath } from './endpoint.js';
import type { FunctionTarget } from './names.js';
import { signRequest, type SignedRequest } from './request.js';
import type { RetryPolicy } from './retry.js';

/** Where and as whom, as the commands resolved it. */
export interface AsyncApiConnection {
  baseUrl: string;
  credentials: Credentials;
  accountId: string | undefined;
  userAgent: string;
}

/** A connection plus what sending needs; `now` dates each signature. */
export interface AsyncApiClient extends AsyncApiConnection {
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  now: () => Date;
}

/** Filters of ListStatefulAsyncInvocations; absent ones are not sent. */
export interface ListFilter {
  status?: string | undefined;
  invocationIdPrefix?: string | undefined;
  /** Epoch ms, inclusive. */
  startedTimeBegin?: number | undefined;
  /** Epoch ms. */
  startedTimeEnd?: number | undefined;
  sortOrderByTime?: 'asc' | 'desc' | undefined;
}

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
  connection: AsyncApiConnection,
  method: SignedRequest['method'],
  path: string,
  date: Date,
  extra: { query?: Record<string, string>; headers?: Record<string, string> } = {},
): SignedRequest {
  return signRequest({ ...connection, method, path, date, query: extra.query, headers: extra.headers ?? {} });
}

/** `GET .../stateful-async-invocations/{id}` */
export function buildGetInvocationRequest(connection: AsyncApiConnection, target: FunctionTarget, id: string, date: Date): SignedRequest {
  return sign(connection, 'GET', statefulAsyncPath(target, id), date);
}

/** `PUT .../stateful-async-invocations/{id}`, empty body (as java sends it: JSON content type). */
export function buildStopInvocationRequest(connection: AsyncApiConnection, target: FunctionTarget, id: string, date: Date): SignedRequest {
  return sign(connection, 'PUT', statefulAsyncPath(target, id), date, {
    headers: { 'content-type': 'application/json', 'content-length': '0' },
  });
}

/** `GET .../stateful-async-invocations?…` (the query is not signed, fc2-protocol §2.2). */
export function buildListInvocationsRequest(
  connection: AsyncApiConnection,
  target: FunctionTarget,
  query: Record<string, string>,
  date: Date,
): SignedRequest {
  return sign(connection, 'GET', statefulAsyncPath(target), date, { query });
}

export interface FetchedInvocation {
  invocation: AsyncInvocation;
  /** The object as the service sent it. */
  json: unknown;
  requestId: string | null;
}

/** GetStatefulAsyncInvocation; a read, so retried like an idempotent call. */
export async function getAsyncInvocation(client: AsyncApiClient, target: FunctionTarget, id: string): Promise<FetchedInvocation> {
  const answer = await callJsonApi({
    buildRequest: () => buildGetInvocationRequest(client, target, id, client.now()),
    dispatcher: client.dispatcher,
    signal: client.signal,
    policy: client.policy,
    idempotent: true,
    now: client.now,
  });
  return { invocation: readInvocation(answer.json, answer.requestId), json: answer.json, requestId: answer.requestId };
}

/**
 * StopStatefulAsyncInvocation. Not idempotent for retries: a stop that took effect but
 * lost its answer would be retried into "already finished".
 */
export async function stopAsyncInvocation(client: AsyncApiClient, target: FunctionTarget, id: string): Promise<{ requestId: string | null }> {
  const answer = await callJsonApi({
    buildRequest: () => buildStopInvocationRequest(client, target, id, client.now()),
    dispatcher: client.dispatcher,
    signal: client.signal,
    policy: client.policy,
    idempotent: false,
    now: client.now,
  });
  return { requestId: answer.requestId };
}

export interface ListedInvocations {
  /** The objects as sent, at most `limit`. */
  invocations: unknown[];
  /** True when the service had more than `limit`. */
  more: boolean;
}

/** One page of ListStatefulAsyncInvocations for the given query. */
export async function fetchInvocationPage(
  client: AsyncApiClient,
  target: FunctionTarget,
  query: Record<string, string>,
): Promise<ReturnType<typeof readInvocationPage>> {
  const answer = await callJsonApi({
    buildRequest: () => buildListInvocationsRequest(client, target, query, client.now()),
    dispatcher: client.dispatcher,
    signal: client.signal,
    policy: client.policy,
    idempotent: true,
    now: client.now,
  });
  return readInvocationPage(answer.json, answer.requestId);
}

/** Follows `nextToken` across pages until `limit` invocations or the last page. */
export async function listAsyncInvocations(
  client: AsyncApiClient,
  target: FunctionTarget,
  filter: ListFilter,
  limit: number,
): Promise<ListedInvocations> {
  const invocations: unknown[] = [];
  let token: string | null = null;
  for (;;) {
    const query = buildListQuery(filter, limit - invocations.length, token);
    const page = await fetchInvocationPage(client, target, query);
    invocations.push(...page.invocations.slice(0, limit - invocations.length));
    // A page that brings nothing new would loop forever with a token that never advances.
    if (page.nextToken === null || page.invocations.length === 0 || page.nextToken === token) {
      return { invocations, more: false };
    }
    if (invocations.length >= limit) return { invocations, more: true };
    token = page.nextToken;
  }
}
