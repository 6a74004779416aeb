// An HTTP-trigger call read whole, for the library: the answer with its body, whatever its
// status; FC's refusals thrown as ApiError, transport failures as NetworkError.
import { ApiError } from '../../errors.js';
import { readBody } from '../body.js';
import { settleFailure } from '../invocation.js';
import { readRefusal } from './answer.js';
import { callHttpTrigger, type TriggerCall, type TriggerClient } from './call.js';
import { scrubResponseHeaders } from './redact.js';
import { SCHEME_API_VERSION } from './sign.js';

/** The answer, as the library's `HttpResult` describes it. */
export interface TriggerResult {
  ok: boolean;
  apiVersion: string;
  url: string;
  method: string;
  status: number;
  headers: Record<string, string | string[]>;
  requestId: string | null;
  functionError: string | null;
  logs: string | null;
  durationMs: number | null;
  instanceId: string | null;
  asyncInvocationId: string | null;
  body: Buffer;
  attempts: number;
}

/**
 * Calls the trigger and reads the answer whole. `interrupt` is the caller's own signal: when it
 * aborts, its reason is thrown, whatever else was under way.
 */
export async function readTriggerResult(client: TriggerClient, call: TriggerCall, interrupt?: AbortSignal): Promise<TriggerResult> {
  const interrupted = () => interrupt?.aborted === true;
  const outcome = await callHttpTrigger(client, call).catch((error: unknown) => {
    throw interrupted() ? interrupt?.reason : error;
  });
  if (interrupted()) throw interrupt?.reason;
  if (outcome.kind === 'failed') throw outcome.error;
  const { spec } = call;
  const scrub = (text: string) => client.secrets?.scrub(text) ?? text;
  let body: Buffer;
  try {
    body = await readBody(outcome.body);
  } catch (error) {
    if (interrupted()) throw interrupt?.reason;
    throw settleFailure(error, { ...call, async: spec.async, retryHint: null }, { requestId: outcome.meta.requestId, url: outcome.request.url, attempts: outcome.attempts }).error;
  }
  if (outcome.answer === 'refused') {
    const now = client.environment?.now?.() ?? new Date();
    const refusal = readRefusal(outcome.status, outcome.headers, body, { scheme: client.signer ? spec.scheme : null, now });
    throw new ApiError(refusal.code, scrub(refusal.serviceMessage), refusal.status, refusal.requestId);
  }
  const { meta } = outcome;
  return {
    ok: outcome.answer === 'ok',
    apiVersion: SCHEME_API_VERSION[spec.scheme],
    url: outcome.request.url,
    method: spec.method,
    status: outcome.status,
    headers: scrubResponseHeaders(outcome.headers, scrub),
    requestId: meta.requestId,
    functionError: meta.functionError,
    logs: meta.log.text,
    durationMs: meta.durationMs,
    instanceId: meta.instanceId,
    asyncInvocationId: meta.asyncInvocationId,
    body,
    attempts: outcome.attempts,
  };
}
