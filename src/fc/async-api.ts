// The async invocation APIs (get, stop, list) through the API in use: one call helper,
// the request built by the FcApi, the answer read into the neutral shape, list paging.
import type { Dispatcher } from 'undici';
import { callJsonApi, type JsonAnswer } from './api-call.js';
import type { AttemptEnvironment } from './attempts.js';
import type { AsyncInvocation, InvocationPage } from './async-invocation.js';
import type { ApiConnection, FcApi, ListFilter, SignedRequest, SignStamp } from './fc-api.js';
import type { FunctionTarget } from './names.js';
import type { Secrets } from './redact.js';
import type { RetryPolicy } from './retry.js';

/** A connection plus what sending needs; `now` dates each signature. */
export interface AsyncApiClient extends ApiConnection {
  api: FcApi;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  now: () => Date;
  nonce?: (() => string) | undefined;
  secrets?: Secrets | undefined;
}

function call(client: AsyncApiClient, idempotent: boolean, build: (stamp: SignStamp) => SignedRequest): Promise<JsonAnswer> {
  const environment: Partial<AttemptEnvironment> = client.nonce ? { now: client.now, nonce: client.nonce } : { now: client.now };
  return callJsonApi({ api: client.api, buildRequest: build, dispatcher: client.dispatcher, signal: client.signal, policy: client.policy, idempotent, environment, secrets: client.secrets });
}

export interface FetchedInvocation {
  invocation: AsyncInvocation;
  /** The object as the service sent it. */
  json: unknown;
  requestId: string | null;
}

/** One async invocation; a read, so retried like an idempotent call. */
export async function getAsyncInvocation(client: AsyncApiClient, target: FunctionTarget, id: string): Promise<FetchedInvocation> {
  const answer = await call(client, true, (stamp) => client.api.buildAsyncGet(client, target, id, stamp));
  return { invocation: client.api.readAsyncInvocation(answer.json, answer.requestId), json: answer.json, requestId: answer.requestId };
}

/**
 * Stops one async invocation. Not idempotent for retries: a stop that took effect but
 * lost its answer would be retried into "already finished".
 */
export async function stopAsyncInvocation(client: AsyncApiClient, target: FunctionTarget, id: string): Promise<{ requestId: string | null }> {
  const answer = await call(client, false, (stamp) => client.api.buildAsyncStop(client, target, id, stamp));
  return { requestId: answer.requestId };
}

/** One list page for a query from the API's buildListQuery. */
export async function fetchInvocationPage(client: AsyncApiClient, target: FunctionTarget, query: Readonly<Record<string, string>>): Promise<InvocationPage> {
  const answer = await call(client, true, (stamp) => client.api.buildAsyncList(client, target, query, stamp));
  return client.api.readAsyncPage(answer.json, answer.requestId);
}

export interface ListedInvocations {
  /** The objects as sent, at most `limit`. */
  invocations: unknown[];
  /** True when the service had more than `limit`. */
  more: boolean;
}

/** Follows `nextToken` across pages until `limit` invocations or the last page. */
export async function listAsyncInvocations(client: AsyncApiClient, target: FunctionTarget, filter: ListFilter, limit: number): Promise<ListedInvocations> {
  const invocations: unknown[] = [];
  let token: string | null = null;
  for (;;) {
    const query = client.api.buildListQuery(filter, limit - invocations.length, token);
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
