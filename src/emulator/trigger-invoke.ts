// A synchronous HTTP-trigger invocation answered: the function's status, headers and body, plus
// the headers FC adds (http-triggers.md §1.7); a function error is 502 with X-Fc-Error-Type
// (§1.9). FC 2.0 functions run their HTTP handler; FC 3.0 functions get the HTTP event and
// their answer object is turned back into the response (§4).
import type { Exchange, RequestDeps } from './exchange.js';
import { parseFc3HttpAnswer } from './fc3-http-answer.js';
import { writeResultBody } from './http-io.js';
import { buildInvocationHeaders, wantsLogTail } from './invocation-headers.js';
import { runInvocation, systemErrorMessage, type FunctionErrorType, type InvocationResult } from './invocation.js';
import type { ResolvedFunction } from './resolved-function.js';
import { bufferBody, collectPrefix, type ResultBody } from './result-body.js';
import type { HttpRequestMeta } from './runner-protocol.js';
import { filterAnswerHeaders } from './trigger-headers.js';

/** Bytes of an FC 3.0 function's answer object the emulator reads (it parses it whole): 32 MiB. */
export const MAX_FC3_ANSWER_BYTES = 33_554_432;

/** X-Fc-Request-Id aside (set for every request): duration, memory, instance, checksum, version, log, error type. */
function fcHeaders(exchange: Exchange, fn: ResolvedFunction, result: InvocationResult, errorType: FunctionErrorType | null): Record<string, string> {
  const { 'Content-Type': _type, 'Content-Length': _length, ...headers } = buildInvocationHeaders({
    errorType,
    durationMs: result.durationMs,
    maxMemoryMb: result.maxMemoryMb,
    instanceId: result.instanceId,
    codeChecksum: fn.checksum,
    serviceVersion: fn.version,
    bodyLength: 0,
    tailLog: wantsLogTail(exchange.headers['x-fc-log-type']) ? result.log.bytes() : undefined,
  });
  return headers;
}

async function sendAnswer(exchange: Exchange, status: number, headers: Record<string, string | string[]>, body: ResultBody, label: string): Promise<void> {
  exchange.label = label;
  exchange.res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  await writeResultBody(exchange.res, body);
}

function sendFunctionError(exchange: Exchange, fn: ResolvedFunction, result: InvocationResult, errorType: FunctionErrorType, body: ResultBody): Promise<void> {
  const headers = { ...fcHeaders(exchange, fn, result, errorType), 'Content-Type': 'application/json' };
  return sendAnswer(exchange, 502, headers, body, errorType);
}

/**
 * FC 2.0: runs the HTTP handler. Whatever went wrong (a throw, a crash, no answer in time), FC
 * answers 502 UnhandledInvocationError with "Process exited unexpectedly ..." or the timeout.
 */
export async function respondWithHttpHandler(deps: RequestDeps, exchange: Exchange, fn: ResolvedFunction, body: Buffer, http: HttpRequestMeta): Promise<void> {
  const result = await runInvocation(deps, { requestId: exchange.requestId, fn, event: body, http });
  if (result.errorType === null && result.http) {
    const headers = { ...filterAnswerHeaders(result.http.headers), ...fcHeaders(exchange, fn, result, null) };
    return sendAnswer(exchange, result.http.statusCode, headers, result.body, 'OK');
  }
  result.body.discard();
  const outcome = result.outcome === 'timeout' ? 'timeout' : 'exited';
  const message = systemErrorMessage(outcome, fn.config.timeoutSeconds, result.durationMs, result.maxMemoryMb);
  return sendFunctionError(exchange, fn, result, 'UnhandledInvocationError', bufferBody(Buffer.from(JSON.stringify({ errorMessage: message }), 'utf8')));
}

/**
 * FC 3.0: runs the handler with the HTTP event and answers with its `{statusCode, headers,
 * isBase64Encoded, body}`; a function error is 502 with FC's error body, and so is an answer
 * that is not a valid one.
 */
export async function respondWithHttpEvent(deps: RequestDeps, exchange: Exchange, fn: ResolvedFunction, event: Buffer): Promise<void> {
  const result = await runInvocation(deps, { requestId: exchange.requestId, fn, event });
  if (result.errorType) return sendFunctionError(exchange, fn, result, result.errorType, result.body);
  const invalid = (message: string): Promise<void> =>
    sendFunctionError(exchange, fn, result, 'UnhandledInvocationError', bufferBody(Buffer.from(JSON.stringify({ errorMessage: message }), 'utf8')));
  if (result.body.length > MAX_FC3_ANSWER_BYTES) {
    result.body.discard();
    return invalid(`the function's answer is ${result.body.length} bytes, more than the ${MAX_FC3_ANSWER_BYTES} bytes allowed`);
  }
  const answer = parseFc3HttpAnswer(await collectPrefix(result.body, MAX_FC3_ANSWER_BYTES));
  if (!answer.ok) return invalid(answer.message);
  const headers = { ...filterAnswerHeaders(answer.headers), ...fcHeaders(exchange, fn, result, null) };
  return sendAnswer(exchange, answer.statusCode, headers, bufferBody(answer.body), 'OK');
}
