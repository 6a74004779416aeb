// One HTTP-trigger request through the shared attempt loop: sent again only after a refusal
// FC made before the function ran (429/503) or a failure before sending; every other answer,
// whatever its status, is the function's and comes back as it is, its body still a stream.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { sendWithRetries, type AttemptEnvironment, type AttemptInfo } from '../attempts.js';
import type { Deadline } from '../failure-wording.js';
import type { SignedRequest } from '../fc-api.js';
import { settleFailure, type FailedOutcome } from '../invocation.js';
import type { Secrets } from '../redact.js';
import type { InvocationMeta, ResponseHeaders } from '../response.js';
import type { RetryPolicy } from '../retry.js';
import { classifyAnswer, decodeTriggerMeta, judgeTriggerAnswer, type AnswerKind } from './answer.js';
import { triggerSignatureOf } from './redact.js';
import { buildTriggerRequest, type TriggerRequestSpec, type TriggerSigner } from './request.js';

/** What stays the same for many calls: the pool, as whom, the run's secrets. */
export interface TriggerClient {
  dispatcher: Dispatcher;
  /** Required with `function` auth. */
  signer: TriggerSigner | null;
  userAgent: string;
  /** Every signature sent is added here, so that later output can be scrubbed of it. */
  secrets?: Secrets | undefined;
  environment?: Partial<AttemptEnvironment> | undefined;
}

export interface TriggerCall {
  spec: TriggerRequestSpec;
  /** A fresh body for each attempt (null for none). */
  openBody: () => Readable | Buffer | null;
  policy: RetryPolicy;
  /** Aborts the attempts: an interrupt (its reason is rethrown) or the deadline running out. */
  signal?: AbortSignal | undefined;
  deadline?: Deadline | undefined;
}

export interface TriggerHooks {
  onRequest?: ((request: SignedRequest) => void) | undefined;
  onRetry?: ((info: AttemptInfo) => void) | undefined;
}

/** An answer: FC's refusal or the function's, any status; the body is not read yet. */
export interface TriggerAnswered {
  kind: 'answered';
  status: number;
  headers: ResponseHeaders;
  answer: AnswerKind;
  meta: InvocationMeta;
  body: Readable;
  attempts: number;
  request: SignedRequest;
}

export type TriggerOutcome = TriggerAnswered | FailedOutcome;

/** Calls the trigger to its outcome; throws only interrupts, fcinvoke's own errors and bugs. */
export async function callHttpTrigger(client: TriggerClient, call: TriggerCall, hooks: TriggerHooks = {}): Promise<TriggerOutcome> {
  const { spec } = call;
  let attempts = 0;
  let url = spec.url;
  try {
    const result = await sendWithRetries({
      judgeAnswer: judgeTriggerAnswer,
      buildRequest: (stamp) => buildTriggerRequest(spec, client.signer, client.userAgent, stamp),
      openBody: call.openBody,
      dispatcher: client.dispatcher,
      signal: call.signal,
      policy: call.policy,
      idempotent: false,
      environment: client.environment,
      onRequest: (request) => {
        attempts++;
        url = request.url;
        client.secrets?.addSignature(triggerSignatureOf(request));
        hooks.onRequest?.(request);
      },
      onRetry: hooks.onRetry,
    });
    // With a judge, every answer comes back as a response.
    if (result.kind !== 'response') throw new TypeError('an HTTP-trigger answer was read as an API error');
    const { response, request } = result;
    return {
      kind: 'answered',
      status: response.status,
      headers: response.headers,
      answer: classifyAnswer(response.status, response.headers, spec.async),
      meta: decodeTriggerMeta(response.headers),
      body: response.body,
      attempts: result.attempts,
      request,
    };
  } catch (error) {
    return settleFailure(error, { async: spec.async, signal: call.signal, deadline: call.deadline, retryHint: null }, { requestId: null, url, attempts });
  }
}
