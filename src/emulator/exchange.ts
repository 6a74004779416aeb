// What the request pipeline passes around: the dependencies and one request/response pair.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NonceCache } from './acs3-nonce-cache.js';
import { renderApiErrorBody, type ApiErrorSpec } from './api-errors.js';
import type { AsyncInvocationStore } from './async-store.js';
import type { EmulatorKey } from './auth.js';
import { renderFc3ErrorBody } from './fc3-errors.js';
import type { AsyncTaskStore } from './fc3-task-store.js';
import { sendErrorResponse } from './http-io.js';
import type { InvocationDeps } from './invocation.js';

export interface RequestDeps extends InvocationDeps {
  keys: readonly EmulatorKey[];
  functionsDir: string | undefined;
  now: () => Date;
  log: (line: string) => void;
  /** FC 2.0 stateful async invocations. */
  store: AsyncInvocationStore;
  /** FC 3.0 async tasks. */
  tasks: AsyncTaskStore;
  /** FC 3.0 signature nonces seen, one cache per running emulator. */
  nonces: NonceCache;
}

/** One request in flight. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The API whose error shape and request IDs answer this request. */
  api: '2016-08-15' | '2023-03-30';
  requestId: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** ErrorCode, X-Fc-Error-Type or a note; shown in the access log. */
  label: string;
  /** An HTTP-trigger request: its refusals carry `X-Fc-Error-Type: FcCommonError` (http-triggers.md §1.9). */
  trigger?: boolean;
}

/** Responds with an API error in the exchange's API's shape and notes its code for the access log. */
export function fail(exchange: Exchange, error: ApiErrorSpec): void {
  exchange.label = error.code;
  const body = exchange.api === '2023-03-30' ? renderFc3ErrorBody(error, exchange.requestId) : renderApiErrorBody(error);
  sendErrorResponse(exchange.req, exchange.res, error.status, body, exchange.trigger ? { 'X-Fc-Error-Type': 'FcCommonError' } : {});
}
