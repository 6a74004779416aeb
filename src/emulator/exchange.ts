// What the request pipeline passes around: the dependencies and one request/response pair.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorSpec } from './api-errors.js';
import type { AsyncInvocationStore } from './async-store.js';
import type { EmulatorKey } from './auth.js';
import { sendApiError } from './http-io.js';
import type { InvocationDeps } from './invocation.js';

export interface RequestDeps extends InvocationDeps {
  keys: readonly EmulatorKey[];
  functionsDir: string | undefined;
  now: () => Date;
  log: (line: string) => void;
  store: AsyncInvocationStore;
}

/** One request in flight. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** ErrorCode, X-Fc-Error-Type or a note; shown in the access log. */
  label: string;
}

/** Responds with an API error and notes its code for the access log. */
export function fail(exchange: Exchange, error: ApiErrorSpec): void {
  exchange.label = error.code;
  sendApiError(exchange.req, exchange.res, error);
}
