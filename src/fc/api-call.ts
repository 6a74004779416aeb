// Non-invoke API calls (stateful async invocations): send with the retry rule, read the
// JSON answer, and turn HTTP >= 400 into ApiError.
import type { Dispatcher } from 'undici';
import { ApiError } from '../errors.js';
import { firstHeader, readApiError, readBody } from './api-error.js';
import { invokeWithRetries } from './invoke.js';
import type { SignedRequest } from './request.js';
import type { RetryPolicy } from './retry.js';

export interface JsonCallInput {
  buildRequest: () => SignedRequest;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  idempotent: boolean;
  now: () => Date;
}

export interface JsonAnswer {
  status: number;
  requestId: string | null;
  /** The parsed body; null for an empty body. */
  json: unknown;
}

/** One API call expecting JSON (or nothing) back. */
export async function callJsonApi(input: JsonCallInput): Promise<JsonAnswer> {
  const { response } = await invokeWithRetries({
    buildRequest: input.buildRequest,
    openBody: () => null,
    dispatcher: input.dispatcher,
    signal: input.signal,
    policy: input.policy,
    idempotent: input.idempotent,
  });
  if (response.status >= 400) throw await readApiError(response.status, response.headers, response.body, input.now());
  const text = (await readBody(response.body)).toString('utf8');
  let json: unknown = null;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError('InvalidResponse', `the service answered HTTP ${response.status} with a body that is not JSON`, response.status, firstHeader(response.headers, 'x-fc-request-id'));
    }
  }
  return { status: response.status, requestId: firstHeader(response.headers, 'x-fc-request-id'), json };
}
