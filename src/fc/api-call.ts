// Non-invoke API calls (the async invocation APIs): send with the retry rule, read the
// JSON answer; HTTP >= 400 is thrown as ApiError.
import type { Dispatcher } from 'undici';
import { ApiError } from '../errors.js';
import { sendWithRetries, type AttemptEnvironment } from './attempts.js';
import { answerScrub, scrubApiError, scrubJson } from './answer-scrub.js';
import { readBody } from './body.js';
import type { FcApi, SignedRequest, SignStamp } from './fc-api.js';
import type { Secrets } from './redact.js';
import { firstHeader } from './response.js';
import type { RetryPolicy } from './retry.js';

export interface JsonCallInput {
  api: FcApi;
  buildRequest: (stamp: SignStamp) => SignedRequest;
  dispatcher: Dispatcher;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  idempotent: boolean;
  environment?: Partial<AttemptEnvironment> | undefined;
  secrets?: Secrets | undefined;
}

export interface JsonAnswer {
  status: number;
  requestId: string | null;
  /** The parsed body; null for an empty body. */
  json: unknown;
}

/** One API call expecting JSON (or nothing) back. */
export async function callJsonApi(input: JsonCallInput): Promise<JsonAnswer> {
  const result = await sendWithRetries({
    ...input,
    openBody: () => null,
    onRequest: (request) => input.secrets?.addSignature(input.api.signatureOf(request)),
  });
  // What comes back may quote the request: the one redaction pass (answer-scrub.ts).
  const scrub = answerScrub(input.secrets, [input.api.signatureOf(result.request)]);
  if (result.kind === 'api-error') throw scrubApiError(result.error, scrub);
  const { response } = result;
  const id = firstHeader(response.headers, 'x-fc-request-id');
  const requestId = id === null ? null : scrub(id);
  const text = (await readBody(response.body)).toString('utf8');
  let json: unknown = null;
  if (text.trim() !== '') {
    try {
      json = scrubJson(JSON.parse(text), scrub);
    } catch {
      throw new ApiError('InvalidResponse', `the service answered HTTP ${response.status} with a body that is not JSON`, response.status, requestId);
    }
  }
  return { status: response.status, requestId, json };
}
