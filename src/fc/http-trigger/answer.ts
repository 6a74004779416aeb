// Reading a trigger's answer (http-triggers.md §1.7, §1.9): status and headers are the
// function's; FC's own refusals carry `X-Fc-Error-Type: FcCommonError`, a function's failure
// another X-Fc-Error-Type; what is retried; the metadata FC adds. Pure.
import { ApiError } from '../../errors.js';
import type { AnswerJudge } from '../attempts.js';
import { clockSkewHint } from '../clock-skew.js';
import { decodeLogResult, firstHeader, headerNumber, parseApiErrorBody, type InvocationMeta, type ResponseHeaders } from '../response.js';
import { SCHEME_NAME, type SignScheme } from './sign.js';

/** The X-Fc-Error-Type of FC's refusals, as opposed to a function's failure. */
export const FC_REFUSAL = 'FcCommonError';

/** The status FC answers an accepted asynchronous call with. */
export const ACCEPTED_STATUS = 202;

/**
 * What an answer means, in the order it is decided:
 * `refused` FC refused the request (exit 4); `function-error` the function crashed or failed
 * (X-Fc-Error-Type, exit 1); `error-status` the function answered 400 or more (exit 1);
 * `not-accepted` an --async call answered below 400 but not 202 (exit 4); `ok` (exit 0).
 */
export type AnswerKind = 'refused' | 'function-error' | 'error-status' | 'not-accepted' | 'ok';

function errorType(headers: ResponseHeaders): string | null {
  return firstHeader(headers, 'x-fc-error-type');
}

/** Classifies an answer; `async` when the call asked for an asynchronous invocation. */
export function classifyAnswer(status: number, headers: ResponseHeaders, async: boolean): AnswerKind {
  const type = errorType(headers);
  if (type === FC_REFUSAL) return 'refused';
  if (type !== null) return 'function-error';
  if (status >= 400) return 'error-status';
  if (async && status !== ACCEPTED_STATUS) return 'not-accepted';
  return 'ok';
}

/** Only FC's own 429 and 503 refusals came before the function ran and are sent again. */
export const judgeTriggerAnswer: AnswerJudge = (status, headers) =>
  errorType(headers) === FC_REFUSAL && (status === 429 || status === 503) ? { retry: true, throttled: true } : { retry: false };

/** The headers FC adds to an answer, read; a refusal's error type is not a function error. */
export function decodeTriggerMeta(headers: ResponseHeaders): InvocationMeta {
  const type = errorType(headers);
  return {
    requestId: firstHeader(headers, 'x-fc-request-id'),
    functionError: type === FC_REFUSAL ? null : type,
    durationMs: headerNumber(firstHeader(headers, 'x-fc-invocation-duration')),
    maxMemoryMB: headerNumber(firstHeader(headers, 'x-fc-max-memory-usage')),
    instanceId: firstHeader(headers, 'x-fc-instance-id'),
    codeChecksum: firstHeader(headers, 'x-fc-code-checksum'),
    serviceVersion: firstHeader(headers, 'x-fc-invocation-service-version'),
    asyncInvocationId: firstHeader(headers, 'x-fc-stateful-async-invocation-id') ?? firstHeader(headers, 'x-fc-async-task-id'),
    log: decodeLogResult(firstHeader(headers, 'x-fc-log-result')),
  };
}

const SKEW = /TimeTooSkewed|InvalidDate|RequestTimeExpired|TimeExpired/i;
const AUTH_CODE = /Signature|AccessKey|SecurityToken|MissingRequiredHeader/i;
const AUTH_TEXT = /Authorization|signature|Date/i;

/**
 * FC's refusal as an ApiError: the code and message of its body (FC 2.0's or FC 3.0's form),
 * with the clock's offset when the date was refused, and, when the credentials were, which
 * signature was sent (`scheme`; null for none).
 */
export function readRefusal(status: number, headers: ResponseHeaders, body: Buffer, facts: { scheme: SignScheme | null; now: Date }): ApiError {
  const { code, message } = parseApiErrorBody(status, body);
  let hint = '';
  if (SKEW.test(code)) hint = clockSkewHint(firstHeader(headers, 'date'), facts.now);
  else if (AUTH_CODE.test(code) || AUTH_TEXT.test(message)) {
    const other = facts.scheme === 'fc' ? 'acs3' : 'fc';
    hint = facts.scheme
      ? ` (sent with ${SCHEME_NAME[facts.scheme]}: check the AccessKey, or give --sign ${other} if the function is of FC ${other === 'fc' ? '2.0' : '3.0'})`
      : ' (sent without credentials: drop --auth anonymous if the trigger needs function auth)';
  }
  return new ApiError(code, `${message}${hint}`, status, firstHeader(headers, 'x-fc-request-id'));
}
